package news.pipeline.ingest.identity;

import news.pipeline.events.PubStatus;

/** What the service remembers of an article it has emitted: enough to tell unchanged from changed and to version. */
public record ArticleState(long version, String contentHash, PubStatus pubStatus) {
}
