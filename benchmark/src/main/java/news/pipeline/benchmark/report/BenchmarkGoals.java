package news.pipeline.benchmark.report;

import java.util.Map;

/** The goals the report marks as met or not (the performance issue's). */
public final class BenchmarkGoals {

    /** Pipeline end-to-end rate at full speed, as a share of the direct bulk baseline (both until searchable). */
    public static final double END_TO_END_VS_BULK = 0.5;
    /** p99 POST → searchable in the paced phase (half the full-speed rate), milliseconds. */
    public static final double HALF_RATE_P99_MS = 1500;
    /** A full batch (ingest's 500 items) answered, every item acknowledged by Kafka, at least this many articles/s. */
    public static final double BATCH_ANSWERED_PER_SECOND = 2000;
    /** CPU milliseconds per article at full speed, by process. */
    public static final Map<String, Double> CPU_MS_PER_ARTICLE = Map.of(
            "ingest-service", 2.0, "enrich-service", 3.0, "publish-service", 1.0);
    /** Elasticsearch's CPU per document while the pipeline indexes, at most this many times the bulk baseline's. */
    public static final double ELASTICSEARCH_CPU_VS_BULK = 2.0;

    private BenchmarkGoals() {
    }
}
