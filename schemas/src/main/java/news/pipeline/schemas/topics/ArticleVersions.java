package news.pipeline.schemas.topics;

/**
 * How the documents of one article are ordered, wherever they are compared: enrich-service's latest versions and
 * Elasticsearch's external version. An article's version orders its texts; the enrichment revision orders
 * enrichments of the same text (re-enrichment of the archive after the enricher improved). A newer version
 * always wins, whatever the revisions; within a version the higher revision wins.
 */
public final class ArticleVersions {

    /** Revisions per article version: re-enrichments of one version, 0 for the first. */
    public static final int REVISIONS = 1000;

    /** The largest article version that fits {@link #ordinal} (about 9.2e15: receive-time versions are ~1.8e12). */
    public static final long MAX_ARTICLE_VERSION = Long.MAX_VALUE / REVISIONS - 1;

    /**
     * Header on a raw record sent for re-enrichment (decimal text): the revision its enrichment gets. A record
     * without it is a new version from ingest-service, revision 0.
     */
    public static final String REVISION_HEADER = "x-enrichment-revision";

    private ArticleVersions() {
    }

    /** One number ordering (version, revision) pairs: version × 1000 + revision; Elasticsearch's external version. */
    public static long ordinal(long version, int revision) {
        if (version < 0 || version > MAX_ARTICLE_VERSION) {
            throw new IllegalArgumentException("article version " + version + " outside 0.." + MAX_ARTICLE_VERSION);
        }
        if (revision < 0 || revision >= REVISIONS) {
            throw new IllegalArgumentException("enrichment revision " + revision + " outside 0.." + (REVISIONS - 1));
        }
        return version * REVISIONS + revision;
    }

    /** An {@link #ordinal} for people: "version 3 revision 1". */
    public static String describe(long ordinal) {
        return "version " + ordinal / REVISIONS + " revision " + ordinal % REVISIONS;
    }

    /** The revision named by a {@link #REVISION_HEADER} value; 0 when absent. */
    public static int revision(byte[] header) {
        if (header == null) {
            return 0;
        }
        String text = new String(header, java.nio.charset.StandardCharsets.UTF_8).trim();
        int revision;
        try {
            revision = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(REVISION_HEADER + " is not a whole number: " + text);
        }
        if (revision < 0 || revision >= REVISIONS) {
            throw new IllegalArgumentException(REVISION_HEADER + " " + revision + " outside 0.." + (REVISIONS - 1));
        }
        return revision;
    }
}
