package news.pipeline.ingest.events;

/** Where Kafka stored an event, once it acknowledged it. */
public record Delivery(String topic, int partition, long offset) {
}
