package news.pipeline.benchmark.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import news.pipeline.benchmark.observe.LagSampler;
import news.pipeline.benchmark.resources.ResourceSampler;

/**
 * Which stage holds the pipeline back at full speed. A stage that cannot keep up lets a queue build
 * in front of it: the consumer-group lag of its input topic grows. So: the topic with the largest
 * max lag (if it is more than a few records) names the stage; without a queue, the intake itself set
 * the pace, and the stage with the largest share of the per-article time is named for the latency.
 * CPU per process and the machine's busy share say whether the machine was simply full.
 */
public final class Bottleneck {

    /** Lag below this many records is the normal in-flight batch, not a queue. */
    static final long QUEUE_THRESHOLD = 50;

    public record Finding(String stage, String summary, List<String> evidence) {
    }

    private Bottleneck() {
    }

    public static Finding analyse(Results.Phase full, ResourceSampler.PhaseUsage usage, String rawTopic,
            String enrichedTopic) {
        List<String> evidence = new ArrayList<>();
        Results.Stages s = full.stages();
        evidence.add(String.format(Locale.ROOT,
                "mean time per stage: POST→accepted %.0f ms (the raw record was handed to Kafka %.0f ms after the POST), "
                        + "raw→enriched %.0f ms, enriched→searchable %.0f ms (includes up to one refresh interval)",
                s.postToAccepted().mean(), s.postToRawAppend().mean(), s.rawToEnriched().mean(),
                s.enrichedToSearchable().mean()));
        LagSampler.Window rawLag = window(full, rawTopic);
        LagSampler.Window enrichedLag = window(full, enrichedTopic);
        evidence.add(String.format(Locale.ROOT, "max consumer lag: %s %d records (enrich group), %s %d records (publish group)",
                rawTopic, rawLag == null ? -1 : rawLag.maxLag(), enrichedTopic, enrichedLag == null ? -1 : enrichedLag.maxLag()));
        if (usage != null) {
            ResourceSampler.Usage top = usage.processes().stream()
                    .filter(u -> Double.isFinite(u.cpuPercentOfOneCore()))
                    .max(Comparator.comparingDouble(ResourceSampler.Usage::cpuPercentOfOneCore)).orElse(null);
            evidence.add(String.format(Locale.ROOT, "machine busy %.0f%% of all cores during the phase%s", usage.machineBusyPercent(),
                    top == null ? "" : String.format(Locale.ROOT, "; busiest process %s at %.0f%% of one core",
                            top.process(), top.cpuPercentOfOneCore())));
        }

        long raw = rawLag == null ? 0 : rawLag.maxLag();
        long enriched = enrichedLag == null ? 0 : enrichedLag.maxLag();
        if (Math.max(raw, enriched) >= QUEUE_THRESHOLD) {
            if (raw >= enriched) {
                return new Finding("enrich-service", String.format(Locale.ROOT,
                        "enrich-service holds the pipeline back: up to %d records waited on %s (raw→enriched mean %.0f ms, p95 %.0f ms)",
                        raw, rawTopic, s.rawToEnriched().mean(), s.rawToEnriched().p95()), evidence);
            }
            return new Finding("publish-service", String.format(Locale.ROOT,
                    "publish-service / Elasticsearch hold the pipeline back: up to %d records waited on %s "
                            + "(enriched→searchable mean %.0f ms, p95 %.0f ms)",
                    enriched, enrichedTopic, s.enrichedToSearchable().mean(), s.enrichedToSearchable().p95()), evidence);
        }
        String slowest = slowestStage(s);
        return new Finding("ingest-service", String.format(Locale.ROOT,
                "no queue built up between the stages (max lag %d records): the intake (ingest-service answering %d "
                        + "concurrent posts) set the pace; most of each article's time is spent in %s",
                Math.max(raw, enriched), full.concurrency(), slowest), evidence);
    }

    static String slowestStage(Results.Stages s) {
        double ingest = s.postToAccepted().mean();
        double enrich = s.rawToEnriched().mean();
        double publish = s.enrichedToSearchable().mean();
        if (publish >= enrich && publish >= ingest) {
            return String.format(Locale.ROOT, "enriched→searchable (%.0f ms: publish fetch wait, bulk, refresh)", publish);
        }
        if (enrich >= ingest) {
            return String.format(Locale.ROOT, "raw→enriched (%.0f ms)", enrich);
        }
        return String.format(Locale.ROOT, "POST→accepted (%.0f ms)", ingest);
    }

    private static LagSampler.Window window(Results.Phase phase, String topic) {
        return phase.lag().stream().filter(w -> w.topic().equals(topic)).findFirst().orElse(null);
    }
}
