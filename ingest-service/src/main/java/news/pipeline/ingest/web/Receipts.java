package news.pipeline.ingest.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.service.IngestOutcome;

/** Response bodies of the intake endpoints. */
public final class Receipts {

    private Receipts() {
    }

    /**
     * The answer to one article: {@code accepted} (202, the event is on the topic at
     * partition/offset) or {@code unchanged} (200, identical to version {@code version}, nothing written).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArticleReceipt(String status, String id, long version, String pubStatus, String topic,
            Integer partition, Long offset) {

        static ArticleReceipt of(IngestOutcome outcome) {
            return switch (outcome) {
                case IngestOutcome.Accepted a -> new ArticleReceipt("accepted", a.id(), a.version(), a.pubStatus().name(),
                        a.delivery().topic(), a.delivery().partition(), a.delivery().offset());
                case IngestOutcome.Unchanged u -> new ArticleReceipt("unchanged", u.id(), u.version(), null, null, null, null);
            };
        }
    }

    /** A refused batch item's problem, shaped like an RFC 9457 problem detail. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ItemProblem(URI type, String title, int status, String detail, List<FieldError> errors) {
    }

    /**
     * One item of a batch, by its position (0-based): accepted, unchanged, refused (with the problem),
     * or not-attempted (the batch stopped because Kafka became unavailable).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchItem(int index, String status, String id, Long version, String pubStatus, Integer partition,
            Long offset, ItemProblem problem) {

        static BatchItem of(int index, IngestOutcome outcome) {
            ArticleReceipt r = ArticleReceipt.of(outcome);
            return new BatchItem(index, r.status(), r.id(), r.version(), r.pubStatus(), r.partition(), r.offset(), null);
        }

        static BatchItem refused(int index, ItemProblem problem) {
            return new BatchItem(index, "refused", null, null, null, null, null, problem);
        }

        static BatchItem notAttempted(int index) {
            return new BatchItem(index, "not-attempted", null, null, null, null, null, null);
        }
    }

    public record BatchReceipt(int accepted, int unchanged, int refused, List<BatchItem> items) {

        static BatchReceipt of(List<BatchItem> items) {
            return new BatchReceipt(count(items, "accepted"), count(items, "unchanged"), count(items, "refused"), items);
        }

        private static int count(List<BatchItem> items, String status) {
            return (int) items.stream().filter(i -> i.status().equals(status)).count();
        }
    }
}
