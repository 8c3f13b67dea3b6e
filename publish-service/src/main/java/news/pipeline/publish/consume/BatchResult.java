package news.pipeline.publish.consume;

/** What became of a batch's records. Every record is in exactly one bucket. */
public record BatchResult(int records, int indexed, int deleted, int stale, int tombstones, int deadLettered) {

    public BatchResult plus(BatchResult other) {
        return new BatchResult(records + other.records, indexed + other.indexed, deleted + other.deleted,
                stale + other.stale, tombstones + other.tombstones, deadLettered + other.deadLettered);
    }

    public static BatchResult empty() {
        return new BatchResult(0, 0, 0, 0, 0, 0);
    }
}
