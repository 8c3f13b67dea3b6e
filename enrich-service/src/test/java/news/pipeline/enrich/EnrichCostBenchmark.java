package news.pipeline.enrich;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import news.pipeline.enrich.audio.AudioEnricher;
import news.pipeline.enrich.audio.AudioSettings;
import news.pipeline.enrich.category.CategoryData;
import news.pipeline.enrich.category.CategoryEnricher;
import news.pipeline.enrich.category.CategorySettings;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.enrich.related.RelatedSettings;
import news.pipeline.enrich.stream.ArticleEnricher;
import news.pipeline.events.AudioRef;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * CPU per article of the whole enricher (text, links, related, categories, audio, index update), in
 * process, with 1 k, 10 k and 100 k articles already held in the related index: how enrich's cost grows
 * with what it holds. Not a test (nothing here is asserted): a command for profiling and for the
 * figures in commit messages.
 *
 * <pre>
 * ./mvnw -q -pl enrich-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=news.pipeline.enrich.EnrichCostBenchmark -Dexec.args="--held 1000,10000,100000 --measure 500"
 * </pre>
 *
 * Articles are assembled from the sentences of the evaluation sets (both languages, 300–1500 words,
 * a third with a narration file name), so the lexicon and the related index see real vocabulary.
 * Loading the held articles goes through {@link RelatedIndex#accept}, so its rate is the index's
 * rebuild rate at start-up.
 */
public final class EnrichCostBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_FIRST = 1500;
    private static final int WARM_UP = 200;

    /** The whole process: Lucene flushes and merges segments on threads of its own. */
    private static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    private EnrichCostBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("usage: EnrichCostBenchmark [--held N,N,...] [--measure M] [--seed S]");
            return;
        }
        List<Integer> held = List.of(1_000, 10_000, 100_000);
        int measure = 500;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--held" -> held = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--measure" -> measure = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + " (see --help)");
                    System.exit(2);
                }
            }
        }
        Sentences sentences = Sentences.load();
        CategoryData data = CategoryData.load(new DefaultResourceLoader(), "classpath:categories/", List.of("vi", "en"));
        CategoryEnricher categories = new CategoryEnricher(data, new CategorySettings(4, 3.0, 0.25, 6.0, 0.5, 2, 0.5));
        System.out.printf(Locale.ROOT, "%10s %14s %16s %18s %18s %16s%n", "held", "load µs/art", "enrich CPU ms",
                "p50 thread ms", "p99 thread ms", "heap after GC MB");
        for (int size : held) {
            Random random = new Random(seed);
            try (RelatedIndex related = new RelatedIndex(RelatedSettings.defaults());
                    AudioEnricher audio = new AudioEnricher(AudioSettings.withoutMedia())) {
                ArticleEnricher enricher = ArticleEnricher.standalone(related, categories, audio, "bench",
                        new SimpleMeterRegistry());
                long loadStart = processCpuNanos();
                for (int i = 0; i < size; i++) {
                    RawArticle raw = sentences.article("held-" + i, random);
                    related.accept(EnrichedArticle.newBuilder().setId(raw.getId()).setVersion(raw.getVersion())
                            .setArticle(raw).setCategories(List.of()).setRelatedArticles(List.of())
                            .setDetectedLanguage(raw.getLanguage()).setWordCount(0).setReadingTimeSeconds(0)
                            .setEnrichedAt(raw.getReceivedAt()).setEnrichmentVersion("bench").build());
                }
                double loadMicros = size == 0 ? 0 : (processCpuNanos() - loadStart) / 1e3 / size;
                System.gc(); // what the index holds: the heap in use once garbage is gone
                long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                for (int i = 0; i < (size == held.getFirst() ? WARM_UP_FIRST : WARM_UP); i++) { // JIT, not counted
                    enricher.enrich(sentences.article("warm-" + i, random));
                }
                double[] millis = new double[measure];
                long cpuStart = processCpuNanos();
                for (int i = 0; i < measure; i++) {
                    RawArticle raw = sentences.article("measured-" + i, random);
                    long t0 = THREADS.getCurrentThreadCpuTime(); // per article: this thread (ns resolution)
                    enricher.enrich(raw);
                    millis[i] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
                }
                double perArticle = (processCpuNanos() - cpuStart) / 1e6 / measure;
                Arrays.sort(millis);
                System.out.printf(Locale.ROOT, "%10d %14.0f %16.2f %18.2f %18.2f %16d%n", size, loadMicros, perArticle,
                        millis[measure / 2], millis[(int) Math.floor(measure * 0.99)], heapMb);
            }
        }
    }

    /** Sentences of the evaluation sets by language, assembled into articles. */
    private record Sentences(Map<String, List<String>> byLanguage) {

        static Sentences load() throws IOException {
            Map<String, List<String>> byLanguage = Map.of("vi", new ArrayList<>(), "en", new ArrayList<>());
            for (String set : List.of("tune", "heldout", "heldout-blind")) {
                try (var in = EnrichCostBenchmark.class.getResourceAsStream("/evaluation/" + set + ".tsv");
                        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        String[] cols = line.split("\t");
                        if (line.startsWith("#") || cols.length < 4) {
                            continue;
                        }
                        byLanguage.get(cols[0]).add(cols[2] + ".");
                        byLanguage.get(cols[0]).add(cols[3]);
                    }
                }
            }
            return new Sentences(byLanguage);
        }

        RawArticle article(String id, Random random) {
            String language = random.nextDouble() < 0.65 ? "vi" : "en";
            List<String> pool = byLanguage.get(language);
            int words = 300 + random.nextInt(1200);
            StringBuilder body = new StringBuilder();
            int count = 0;
            while (count < words) {
                String sentence = pool.get(random.nextInt(pool.size()));
                body.append(sentence).append(random.nextInt(5) == 0 ? "\n\n" : " ");
                count += sentence.split(" ").length;
            }
            Instant created = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(300 * 86_400));
            String headline = pool.get(random.nextInt(pool.size()));
            RawArticle.Builder raw = RawArticle.newBuilder(SeedArticle.other(id, language, headline,
                    pool.get(random.nextInt(pool.size())), body.toString(), created));
            if (random.nextInt(3) == 0) {
                raw.setAudio(List.of(AudioRef.newBuilder().setFileName("010126_thoia_bai_viet_mixdown.mp3")
                        .setMimeType("audio/mpeg").build()));
            }
            return raw.build();
        }
    }
}
