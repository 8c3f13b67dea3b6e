package news.pipeline.enrich.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.pipeline.enrich.category.CategoryData;
import news.pipeline.enrich.category.MediaTopic;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The evaluation's figures as a Markdown page for people and a JSON file for the test that holds them. */
public final class EvaluationReport {

    private final List<Evaluation.SetResult> results;
    private final CategoryData data;
    private final String command;
    private final String categories;
    private final long seed;

    public EvaluationReport(List<Evaluation.SetResult> results, CategoryData data, String command, String categories,
            long seed) {
        this.results = results;
        this.data = data;
        this.command = command;
        this.categories = categories;
        this.seed = seed;
    }

    public String json() {
        JsonMapper json = JsonMapper.shared();
        ObjectNode root = json.createObjectNode();
        root.put("command", command);
        root.put("categories", categories);
        root.put("seed", seed);
        ArrayNode sets = root.putArray("sets");
        for (Evaluation.SetResult r : results) {
            ObjectNode set = sets.addObject();
            set.put("name", r.name());
            set.put("items", r.items());
            set.put("correct", r.correct());
            set.put("none", r.none());
            set.put("accuracy", round(r.accuracy()));
            set.putArray("interval95").add(round(r.interval95()[0])).add(round(r.interval95()[1]));
            ObjectNode languages = set.putObject("byLanguage");
            r.byLanguage().forEach((k, v) -> languages.putArray(k).add(v[0]).add(v[1]));
            ObjectNode topics = set.putObject("byTopic");
            r.byTopic().forEach((k, v) -> topics.putArray(k).add(v[0]).add(v[1]));
            ObjectNode confusions = set.putObject("confusions");
            r.confusions().forEach(confusions::put);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Enrichment evaluation\n\n");
        md.append("Written by `").append(command).append("` (word lists `").append(categories)
                .append("`, shuffle seed ").append(seed).append("); `EvaluationReportTest` fails when the enricher no longer ")
                .append("gives these figures. The whole enricher runs on each set (word lists, similar articles from a ")
                .append("related index of the set's own, no subjects or section from a feed): an article counts as right ")
                .append("when the top-level topic of its best category is the expected one; \"none\" when it gets no ")
                .append("category. The 95 % interval is Wilson's.\n\n");
        md.append("| set | what it is | articles | right | top-1 accuracy | 95 % interval | no category |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Evaluation.SetResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | **%.3f** | %.3f–%.3f | %d |%n", r.name(),
                    r.description(), r.items(), r.correct(), r.accuracy(), r.interval95()[0], r.interval95()[1], r.none()));
        }
        for (Evaluation.SetResult r : results) {
            md.append("\n## ").append(r.name()).append("\n\n");
            md.append("By language: ");
            List<String> parts = new ArrayList<>();
            r.byLanguage().forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %d/%d (%.3f)", k, v[0], v[1],
                    (double) v[0] / v[1])));
            md.append(String.join(", ", parts)).append("\n\n");
            md.append("| expected top-level topic | right / articles | accuracy |\n|---|---|---|\n");
            r.byTopic().forEach((code, v) -> md.append(String.format(Locale.ROOT, "| %s %s | %d / %d | %.2f |%n", code,
                    label(code), v[0], v[1], (double) v[0] / v[1])));
            md.append("\nConfusion pairs (expected → predicted), most frequent first:\n\n");
            if (r.confusions().isEmpty()) {
                md.append("none\n");
            } else {
                md.append("| expected | predicted | articles |\n|---|---|---|\n");
                r.confusions().entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .forEach(e -> {
                            String[] pair = e.getKey().split(" -> ");
                            md.append("| ").append(pair[0]).append(' ').append(label(pair[0])).append(" | ").append(pair[1])
                                    .append(' ').append(label(pair[1])).append(" | ").append(e.getValue()).append(" |\n");
                        });
            }
        }
        return md.toString();
    }

    private String label(String code) {
        MediaTopic topic = data.topic(code);
        return topic == null ? "" : "(" + topic.labelEn() + ")";
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
