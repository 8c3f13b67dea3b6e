package news.pipeline.ingest.service;

/** The feed sent a version not newer than the one already emitted, with different content (409). */
public class StaleVersionException extends RuntimeException {

    private final String articleId;
    private final long currentVersion;

    public StaleVersionException(String articleId, long offered, long currentVersion) {
        super("version " + offered + " is not newer than the current version " + currentVersion + " of article " + articleId);
        this.articleId = articleId;
        this.currentVersion = currentVersion;
    }

    public String articleId() {
        return articleId;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
