package news.stack;

/** The addresses clients use: Kafka bootstrap servers, the registry's Confluent-compatible API, Elasticsearch. */
public record Endpoints(String kafkaBootstrapServers, String schemaRegistryUrl, String elasticsearchUrl) {

    public String describe() {
        return """
                  Kafka bootstrap servers : %s
                  Schema registry (Confluent API) : %s
                  Elasticsearch : %s
                """.formatted(kafkaBootstrapServers, schemaRegistryUrl, elasticsearchUrl);
    }
}
