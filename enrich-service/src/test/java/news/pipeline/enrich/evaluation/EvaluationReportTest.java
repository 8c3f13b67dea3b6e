package news.pipeline.enrich.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of the committed evaluation report ({@code enrich-service/evaluation/report.json}, written by
 * {@code bin/evaluate-enrichment}) are what the enricher gives now: a change to the word lists or the enricher that
 * moves any of them fails here until the report is written again, so the report never tells an old story.
 */
class EvaluationReportTest {

    private static final Path SETS = Path.of("src/test/resources/evaluation");
    private static final Path REPORT = Path.of("evaluation/report.json");

    @Test
    void theEnricherGivesTheFiguresTheCommittedReportRecords() throws Exception {
        JsonNode committed = JsonMapper.shared().readTree(Files.readString(REPORT));
        EvaluationReport report = EvaluateCommand.evaluate(committed.path("categories").asString(), SETS, List.of(),
                committed.path("seed").asLong(), new PrintStream(OutputStream.nullOutputStream()));
        JsonNode now = JsonMapper.shared().readTree(report.json());

        assertThat(now.path("sets").size()).isEqualTo(committed.path("sets").size()).isEqualTo(4);
        for (int i = 0; i < committed.path("sets").size(); i++) {
            JsonNode was = committed.path("sets").get(i);
            JsonNode is = now.path("sets").get(i);
            String set = was.path("name").asString();
            assertThat(is.path("name").asString()).isEqualTo(set);
            for (String figure : List.of("items", "correct", "none", "accuracy", "interval95", "byLanguage", "byTopic",
                    "confusions")) {
                assertThat(is.path(figure)).as(set + " " + figure + " (bin/evaluate-enrichment writes the report again)")
                        .isEqualTo(was.path(figure));
            }
        }
    }

    @Test
    void aWrongCommandLineIsOneLineAndExitCodeTwo() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = EvaluateCommand.run(new String[] {"--set", "nope"}, new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("evaluate-enrichment: no set nope (sets: blind-articles, heldout-blind")
                .endsWith("(bin/evaluate-enrichment --help)\n");
    }

    /** At least 200 whole articles, both languages, every top-level topic, bodies of at least 150 words. */
    @Test
    void theBlindSetIsWholeArticlesOfEveryTopicInBothLanguages() {
        Evaluation.LabelledSet blind = EvaluateCommand.set(SETS, "blind-articles");
        assertThat(blind.name()).isEqualTo("blind-articles");
        assertThat(blind.items()).hasSizeGreaterThanOrEqualTo(200);
        Map<String, Integer> perLanguageAndTopic = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Evaluation.Item item : blind.items()) {
            assertThat(ids.add(item.id())).as("unique id " + item.id()).isTrue();
            assertThat(item.body().split("\\s+")).as(item.id() + " body words").hasSizeGreaterThanOrEqualTo(150);
            assertThat(item.headline()).isNotBlank();
            assertThat(Normalizer.isNormalized(item.headline() + item.lead() + item.body(), Normalizer.Form.NFC)).isTrue();
            perLanguageAndTopic.merge(item.language() + " " + item.expected(), 1, Integer::sum);
        }
        assertThat(perLanguageAndTopic).hasSize(34); // 2 languages × 17 top-level topics
        assertThat(perLanguageAndTopic.values()).allMatch(n -> n >= 6);
    }
}
