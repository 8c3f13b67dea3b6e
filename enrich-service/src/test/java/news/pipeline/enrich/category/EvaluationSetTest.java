package news.pipeline.enrich.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import news.pipeline.enrich.evaluation.Evaluation;

/**
 * The headline-and-lead sets cover both languages and every top-level topic. Their accuracy (and the blind set's)
 * is held by {@code EvaluationReportTest} at the figures the committed report records.
 */
class EvaluationSetTest {

    private static final Path SETS = Path.of("src/test/resources/evaluation");

    @org.junit.jupiter.api.Test
    void evaluationSetCoversBothLanguagesAndEveryTopLevelTopic() {
        List<Evaluation.Item> all = new ArrayList<>();
        for (String name : List.of("tune", "heldout", "heldout-blind")) {
            all.addAll(Evaluation.tsv(name, name, SETS.resolve(name + ".tsv")).items());
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        for (String language : List.of("vi", "en")) {
            assertThat(all.stream().filter(r -> r.language().equals(language)).map(Evaluation.Item::expected).distinct())
                    .as("topics covered in " + language).hasSize(17);
        }
        assertThat(Evaluation.tsv("heldout", "", SETS.resolve("heldout.tsv")).items().stream()
                .map(Evaluation.Item::expected).distinct()).hasSize(17);
    }
}
