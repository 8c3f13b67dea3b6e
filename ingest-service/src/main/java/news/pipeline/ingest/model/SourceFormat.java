package news.pipeline.ingest.model;

/** The formats a feed can post, with the name each carries in {@code RawArticle.sourceFormat}. */
public enum SourceFormat {
    JSON("json"),
    NINJS("ninjs"),
    PAGE_TEXT("page-text"),
    HTML("html"),
    NEWSML_G2("newsml-g2"),
    RSS("rss"),
    ATOM("atom");

    private final String wireName;

    SourceFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
