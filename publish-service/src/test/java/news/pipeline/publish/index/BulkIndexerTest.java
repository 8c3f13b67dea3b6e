package news.pipeline.publish.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulkIndexerTest {

    @Test
    void transientAnswersAreRetriable() {
        assertThat(BulkIndexer.isRetriable(0, "ConnectException")).as("no answer").isTrue();
        assertThat(BulkIndexer.isRetriable(429, "es_rejected_execution_exception")).isTrue();
        assertThat(BulkIndexer.isRetriable(503, "unavailable_shards_exception")).isTrue();
        assertThat(BulkIndexer.isRetriable(500, "null_pointer_exception")).isTrue();
        assertThat(BulkIndexer.isRetriable(408, null)).isTrue();
        assertThat(BulkIndexer.isRetriable(404, "index_not_found_exception")).as("alias missing").isTrue();
        assertThat(BulkIndexer.isRetriable(403, "cluster_block_exception")).as("read-only block").isTrue();
    }

    @Test
    void refusalsOfTheDocumentItselfAreNot() {
        assertThat(BulkIndexer.isRetriable(400, "document_parsing_exception")).isFalse();
        assertThat(BulkIndexer.isRetriable(400, "strict_dynamic_mapping_exception")).isFalse();
        assertThat(BulkIndexer.isRetriable(400, "action_request_validation_exception")).isFalse();
        assertThat(BulkIndexer.isRetriable(400, "illegal_argument_exception")).isFalse();
        assertThat(BulkIndexer.isRetriable(413, "transport_exception")).isFalse();
    }
}
