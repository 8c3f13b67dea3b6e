package news.pipeline.enrich.evaluation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import news.pipeline.enrich.audio.AudioEnricher;
import news.pipeline.enrich.audio.AudioSettings;
import news.pipeline.enrich.category.CategoryData;
import news.pipeline.enrich.category.CategoryEnricher;
import news.pipeline.enrich.category.CategorySettings;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.enrich.related.RelatedSettings;
import news.pipeline.enrich.stream.ArticleEnricher;
import news.pipeline.events.Category;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the whole enricher (feed subjects, word lists, similar articles; related index and all) over labelled
 * evaluation sets and counts how often the top-level topic of its best category is the expected one. Each set is
 * enriched in a shuffled order (fixed seed) into a related index of its own, as a feed's articles would arrive, so
 * the similar-articles signal sees only articles enriched before.
 */
public final class Evaluation {

    /** One labelled article: a whole article (JSON lines) or a headline and lead (TSV rows). */
    public record Item(String id, String language, String expected, String headline, String lead, String body) {
    }

    /** A labelled set and what it is. */
    public record LabelledSet(String name, String description, List<Item> items) {
    }

    /** What the enricher did on one set. */
    public record SetResult(String name, String description, int items, int correct, int none,
            Map<String, int[]> byLanguage, Map<String, int[]> byTopic, Map<String, Integer> confusions) {

        public double accuracy() {
            return items == 0 ? 0 : (double) correct / items;
        }

        /** The Wilson score interval at 95 %: where the accuracy on more articles like these would fall. */
        public double[] interval95() {
            return wilson(correct, items);
        }
    }

    private final CategoryData data;
    private final CategorySettings settings;
    private final long seed;

    public Evaluation(String categoriesLocation, CategorySettings settings, long seed) {
        this.data = CategoryData.load(new DefaultResourceLoader(), categoriesLocation, List.of("vi", "en"));
        this.settings = settings;
        this.seed = seed;
    }

    public CategoryData data() {
        return data;
    }

    public SetResult run(LabelledSet set) {
        List<Item> items = new ArrayList<>(set.items());
        Collections.shuffle(items, new Random(seed));
        int correct = 0;
        int none = 0;
        Map<String, int[]> byLanguage = new TreeMap<>();
        Map<String, int[]> byTopic = new TreeMap<>();
        Map<String, Integer> confusions = new TreeMap<>();
        Instant first = Instant.parse("2026-11-01T00:00:00Z");
        try (RelatedIndex related = new RelatedIndex(RelatedSettings.defaults());
             AudioEnricher audio = new AudioEnricher(AudioSettings.withoutMedia())) {
            ArticleEnricher enricher = ArticleEnricher.standalone(related, new CategoryEnricher(data, settings), audio,
                    "evaluation", new SimpleMeterRegistry());
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                EnrichedArticle enriched = enricher.enrich(raw(set.name(), item, first.plus(Duration.ofMinutes(20L * i))));
                String predicted = topLevel(enriched.getCategories());
                boolean ok = predicted.equals(item.expected());
                correct += ok ? 1 : 0;
                none += predicted.equals("none") ? 1 : 0;
                count(byLanguage, item.language(), ok);
                count(byTopic, item.expected(), ok);
                if (!ok) {
                    confusions.merge(item.expected() + " -> " + predicted, 1, Integer::sum);
                }
            }
        }
        return new SetResult(set.name(), set.description(), items.size(), correct, none, byLanguage, byTopic, confusions);
    }

    /** The top-level topic of the best category, "none" without one. */
    static String topLevel(List<Category> categories) {
        if (categories.isEmpty()) {
            return "none";
        }
        Category best = categories.getFirst();
        return best.getParentCode() != null ? best.getParentCode() : best.getCode();
    }

    /** The article as ingest-service would write it: the feed's language, no subjects or section from the feed. */
    private static RawArticle raw(String set, Item item, Instant at) {
        return RawArticle.newBuilder()
                .setId(set + "-" + item.id())
                .setFeed("evaluation")
                .setUri("https://evaluation.example/" + set + "/" + item.id())
                .setVersion(1L)
                .setVersionCreated(at)
                .setFirstCreated(at)
                .setPubStatus(PubStatus.usable)
                .setLanguage(item.language())
                .setHeadline(item.headline())
                .setSubheadline(item.lead())
                .setBodyText(item.body())
                .setReceivedAt(at)
                .setContentHash(item.id())
                .setSourceFormat("json")
                .build();
    }

    private static void count(Map<String, int[]> counts, String key, boolean ok) {
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        c[0] += ok ? 1 : 0;
        c[1]++;
    }

    static double[] wilson(int correct, int n) {
        if (n == 0) {
            return new double[] {0, 0};
        }
        double z = 1.959964;
        double p = (double) correct / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Headline-and-lead rows: {@code lang<TAB>expected code<TAB>headline<TAB>lead}, # comments. */
    public static LabelledSet tsv(String name, String description, Path file) {
        List<Item> items = new ArrayList<>();
        int line = 0;
        for (String row : lines(file)) {
            line++;
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] c = row.split("\t");
            if (c.length != 4) {
                throw new IllegalArgumentException(file + ":" + line + ": expected 4 tab-separated columns, got " + c.length);
            }
            items.add(new Item(name + "-" + line, c[0], c[1], c[2], c[3], null));
        }
        return new LabelledSet(name, description, items);
    }

    /** Whole articles: every {@code *.jsonl} file of a directory, one {@code {id, lang, expected, headline, lead, body}} per line. */
    public static LabelledSet jsonLines(String name, String description, Path directory) {
        List<Item> items = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        JsonMapper json = JsonMapper.shared();
        for (Path file : files) {
            for (String row : lines(file)) {
                if (row.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(row);
                items.add(new Item(n.path("id").asString(), n.path("lang").asString(), n.path("expected").asString(),
                        n.path("headline").asString(), n.path("lead").asString(), n.path("body").asString()));
            }
        }
        items.sort(Comparator.comparing(Item::id));
        return new LabelledSet(name, description, items);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
