package news.pipeline.ingest.publish;

import news.pipeline.events.RawArticle;

/** Writes one raw-article event and returns only once it is durable. */
public interface ArticlePublisher {

    /**
     * @throws EventStoreUnavailableException Kafka or the schema registry cannot be reached now; retry later
     * @throws EventRejectedException         the event was refused for good (too large, schema refused)
     */
    Delivery publish(RawArticle article);
}
