package news.pipeline.publish.index;

import news.pipeline.publish.mapping.IndexAction;

/**
 * What Elasticsearch did with one action of a bulk request.
 *
 * @param status    HTTP status of the item (or of the whole request when it failed as a whole; 0 when no answer came)
 * @param errorType Elasticsearch's error type, e.g. {@code version_conflict_engine_exception}, or null
 * @param reason    Elasticsearch's reason, or the client's error message, or null
 */
public record ItemResult<T>(T item, IndexAction action, Outcome outcome, int status, String errorType, String reason) {

    public enum Outcome {
        /** Written: the index now holds this version. */
        INDEXED,
        /** Removed: a versioned delete went through. */
        DELETED,
        /** A delete for an article the index does not hold; the tombstone still refuses older versions. */
        ALREADY_ABSENT,
        /** The index already holds this version or a newer one (409): a replay or an out-of-order delivery. */
        STALE,
        /** Worth trying again later: 429, 5xx, no connection, alias missing. */
        RETRIABLE,
        /** Refused for good (400 and friends): dead-letter it. */
        REFUSED;

        /** True when the item needs nothing more: the index is in step with it. */
        public boolean isSettled() {
            return this != RETRIABLE && this != REFUSED;
        }
    }

    public String describeError() {
        if (errorType == null && reason == null) {
            return "status " + status;
        }
        return "status " + status + " " + (errorType == null ? "" : errorType + ": ") + (reason == null ? "" : reason);
    }
}
