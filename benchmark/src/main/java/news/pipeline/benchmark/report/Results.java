package news.pipeline.benchmark.report;

import java.util.List;
import java.util.Map;
import news.pipeline.benchmark.baseline.EsBulkBaseline;
import news.pipeline.benchmark.baseline.KafkaBaseline;
import news.pipeline.benchmark.observe.LagSampler;
import news.pipeline.benchmark.resources.ResourceSampler;

/** Every figure of a run, as written to the JSON file. Times in ms unless named otherwise; rates per second. */
public record Results(
        Machine machine,
        Run run,
        Ratios ratios,
        List<Phase> phases,
        Baselines baselines,
        List<ResourceSampler.PhaseUsage> resources,
        Bottleneck.Finding bottleneck,
        List<String> notes) {

    public record Machine(String date, String host, int cores, String cpuModel, long memoryMb, String os,
            String java, long clockTicksPerSecond) {
    }

    /** What was run: options, the run's names, and how long the pipeline took to start. */
    public record Run(String runTag, long seed, int articlesPerPhase, int warmupArticles, int concurrency,
            double halfRateFactor, long pollMillis, int bulkBatch, int bulkConcurrency, Map<String, String> serviceEnv,
            Map<String, String> names, Map<String, Long> pids, double pipelineStartSeconds, String gitCommit,
            Generated generated) {
    }

    /** What the generator produced for the measured phases. */
    public record Generated(int articles, int vietnamese, int english, int withAudio, int withSourceLinks,
            int withPicture, Map<String, Integer> byFormat, Summary words, Summary bodyBytes) {
    }

    /**
     * The headline comparisons. {@code pipelineVsBulk}: full-speed end-to-end articles/s (until all
     * searchable) over the bulk baseline's documents/s (until all searchable); goal ≥ 0.70.
     * {@code halfRateP99Ms}: POST-to-searchable p99 at the paced rate; goal < 3000 ms.
     */
    public record Ratios(double pipelineVsBulk, boolean pipelineVsBulkMet, double halfRateP99Ms, boolean halfRateP99Met,
            double pipelineVsBulkIndexed, double acceptedVsKafkaProduce, double pipelineVsKafkaEndToEnd,
            double backfillVsBulk, double slowestFullBatchAnsweredPerSecond) {
    }

    /** Time spent per stage, per article (all from the same machine clock). */
    public record Stages(
            Summary postToAccepted,
            Summary postToRawAppend,
            Summary rawToEnriched,
            Summary enrichedToSearchable,
            Summary postToSearchable,
            int articlesWithAllTimestamps) {
    }

    public record Phase(
            String name,
            int articles,
            int concurrency,
            double targetRatePerSecond,
            int accepted,
            int refused,
            int failed,
            int throttledRetries,
            int searchable,
            int notSearchable,
            double postingSeconds,
            double endToEndSeconds,
            double acceptedPerSecond,
            double sentPerSecond,
            double endToEndPerSecond,
            Summary latencyMs,
            Summary answerMs,
            Summary sendLateMs,
            Stages stages,
            List<LagSampler.Window> lag,
            List<String> refusals) {
    }

    public record Baselines(EsBulkBaseline.Result elasticsearchBulk, KafkaBaseline.Result kafka,
            Map<String, Long> deadLetters, Map<String, Object> watcher) {
    }
}
