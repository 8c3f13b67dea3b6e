package news.pipeline.ingest.events;

import news.pipeline.events.RawArticle;

/** Writes one raw-article event and returns only once it is durable. */
public interface RawArticleWriter {

    /**
     * @throws EventStoreUnavailableException Kafka or the schema registry cannot be reached now; retry later
     * @throws EventRejectedException         the event was refused for good (too large, schema refused)
     */
    Delivery write(RawArticle article);
}
