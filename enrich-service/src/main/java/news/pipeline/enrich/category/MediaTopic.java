package news.pipeline.enrich.category;

/** One IPTC Media Topic: code (medtop:NNNNNNNN), its top-level parent (null for a top-level topic), labels. */
public record MediaTopic(String code, String parentCode, String labelEn, String labelVi) {

    public boolean isTopLevel() {
        return parentCode == null;
    }

    /** The top-level topic this one belongs to (itself for a top-level topic). */
    public String topLevelCode() {
        return parentCode == null ? code : parentCode;
    }
}
