package news.pipeline.benchmark;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of {@code bin/benchmark}. */
public record BenchmarkOptions(
        int articles,
        int concurrency,
        long seed,
        Path out,
        int warmup,
        double halfRateFactor,
        long pollMillis,
        long awaitTimeoutSeconds,
        int portOffset,
        int bulkBatch,
        int bulkConcurrency,
        int backfillBatch,
        boolean keep,
        String runTag,
        Map<String, String> serviceEnv) {

    public static final String USAGE = """
            usage: bin/benchmark [options]
              --articles N          articles per measured phase (default 2000)
              --concurrency C       concurrent POSTs at full speed (default 8)
              --seed S              generator seed: the same seed gives the same articles (default 42)
              --out FILE            JSON file of every figure (default target/benchmark/results.json)
              --warmup W            warm-up articles before measuring (default 3 × N, 20..6000)
              --half-rate F         paced phase at F × the full-speed end-to-end rate (default 0.5)
              --poll-ms MS          searchability poll interval (default 100)
              --timeout-s S         longest wait for a phase's articles to become searchable (default 600)
              --port-offset K       services on 8080+K, 8082+K, 8083+K (default 100; the next free
                                    multiple of 100 is used when those ports are taken)
              --bulk-batch B        documents per bulk request in the Elasticsearch baseline (default 500,
                                    publish-service's batch.max-records)
              --bulk-concurrency K  concurrent bulk requests in the baseline (default: cores)
              --backfill-batch B    articles per POST /batch in the backfill phase (default 500, ingest's
                                    limit; 0 skips the phase)
              --service-env K=V     extra environment for the three services (repeatable), e.g.
                                    --service-env SPRING_KAFKA_CONSUMER_FETCH_MAX_WAIT=50ms to try a tuning
              --run-tag TAG         names of this run's topics, index and groups (default: timestamp)
              --keep                keep the run's topics, indices and registry subjects afterwards
            """;

    public static BenchmarkOptions parse(String[] args) {
        int articles = 2000;
        int concurrency = 8;
        long seed = 42;
        Path out = Path.of("target/benchmark/results.json");
        Integer warmup = null;
        double half = 0.5;
        long poll = 100;
        long timeout = 600;
        int portOffset = 100;
        int bulkBatch = 500;
        int bulkConcurrency = Runtime.getRuntime().availableProcessors();
        int backfillBatch = 500;
        boolean keep = false;
        String tag = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Map<String, String> env = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            switch (option) {
                case "--articles" -> articles = positive(option, value(option, rest));
                case "--concurrency" -> concurrency = positive(option, value(option, rest));
                case "--seed" -> seed = number(option, value(option, rest), Long::parseLong);
                case "--out" -> out = Path.of(value(option, rest));
                case "--warmup" -> warmup = number(option, value(option, rest), Integer::parseInt);
                case "--half-rate" -> half = number(option, value(option, rest), Double::parseDouble);
                case "--poll-ms" -> poll = positive(option, value(option, rest));
                case "--timeout-s" -> timeout = positive(option, value(option, rest));
                case "--port-offset" -> portOffset = number(option, value(option, rest), Integer::parseInt);
                case "--bulk-batch" -> bulkBatch = positive(option, value(option, rest));
                case "--bulk-concurrency" -> bulkConcurrency = positive(option, value(option, rest));
                case "--service-env" -> {
                    String kv = value(option, rest);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--service-env needs KEY=VALUE, got " + kv);
                    }
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--run-tag" -> tag = value(option, rest).toLowerCase(java.util.Locale.ROOT);
                case "--backfill-batch" -> backfillBatch = number(option, value(option, rest), Integer::parseInt);
                case "--keep" -> keep = true;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!tag.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("--run-tag may hold lower-case letters, digits and '-' only");
        }
        if (!(half > 0 && half <= 1)) {
            throw new IllegalArgumentException("--half-rate must be in (0, 1]");
        }
        // long enough for the services' JIT compilers to settle: after 200 articles the C2 compiler threads were
        // still among each service's busiest, and per-article CPU in the full-speed phase was 1.6–1.8 × steady state
        int w = warmup != null ? warmup : Math.clamp(3L * articles, 20, 6000);
        return new BenchmarkOptions(articles, concurrency, seed, out, w, half, poll, timeout, portOffset, bulkBatch,
                bulkConcurrency, backfillBatch, keep, tag, env);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static <T> T number(String option, String value, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }

    private static int positive(String option, String value) {
        int v = number(option, value, Integer::parseInt);
        if (v <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return v;
    }

    // ---- names of this run's resources on the shared stack ----

    public String rawTopic() {
        return "bench." + runTag + ".articles.raw";
    }

    public String enrichedTopic() {
        return "bench." + runTag + ".articles.enriched";
    }

    public String rawDeadLetterTopic() {
        return rawTopic() + ".dlt";
    }

    public String enrichedDeadLetterTopic() {
        return enrichedTopic() + ".dlt";
    }

    public String kafkaBaselineTopic() {
        return "bench." + runTag + ".baseline.raw";
    }

    public String enrichGroup() {
        return "bench-" + runTag + "-enrich";
    }

    public String publishGroup() {
        return "bench-" + runTag + "-publish";
    }

    public String alias() {
        return "bench-" + runTag + "-articles";
    }

    public String indexPrefix() {
        return "bench-" + runTag + "-articles-v";
    }

    public String templateName() {
        return "bench-" + runTag + "-template";
    }

    public String bulkBaselineIndex() {
        return "bench-" + runTag + "-bulk";
    }
}
