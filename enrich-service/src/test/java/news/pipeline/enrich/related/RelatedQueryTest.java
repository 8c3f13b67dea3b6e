package news.pipeline.enrich.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one analysis of an article's text keeps: folded terms and shingles without stop words, the opening apart. */
class RelatedQueryTest {

    private final FoldingAnalyzer analyzer = new FoldingAnalyzer();

    @Test
    void termsAreFoldedWordsAndShinglesWithoutStopWords() {
        RelatedQuery q = RelatedQuery.analyse(analyzer, "Quy chế dân chủ ở cơ sở và quy chế");

        assertThat(q.countsByTerm()).containsEntry("quy", 2).containsEntry("quy che", 2).containsEntry("dan chu", 1)
                .containsEntry("co so", 1)
                // a stop word alone, and a shingle of two stop words, are left out; half of one is kept
                .doesNotContainKeys("o", "va").containsEntry("so va", 1).containsEntry("va quy", 1);
        assertThat(q.words()).isEqualTo(10);
        double squares = q.countsByTerm().values().stream().mapToDouble(c -> Math.pow(RelatedQuery.weight(c), 2)).sum();
        assertThat(q.norm()).isCloseTo(Math.sqrt(squares), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(q.norm()).isEqualTo(Math.sqrt(ReferenceVectors.vector("Quy chế dân chủ ở cơ sở và quy chế")
                .values().stream().mapToDouble(w -> w * w).sum()));
    }

    @Test
    void theOpeningIsTheFirstTokensOnly() {
        String opening = "lua mua ".repeat(100); // 200 words and 199 shingles: 399 tokens
        RelatedQuery q = RelatedQuery.analyse(analyzer, opening + "bao lut");

        assertThat(q.openingByTerm()).containsOnlyKeys("lua", "mua", "lua mua", "mua lua", "mua bao");
        assertThat(q.countsByTerm()).containsKeys("bao", "bao lut");
    }

    @Test
    void theShinglesAreLucenesInLucenesOrder() throws Exception {
        // the seed article, the evaluation sets' headlines and leads in both languages, and edge cases
        List<String> texts = new ArrayList<>(List.of("", "một", "và", "Đà Nẵng: mưa, lũ... và sạt lở!", "a b c d e",
                "x".repeat(300) + " y", Files.readString(Path.of("src/test/resources/samples/seed-article-vi.txt"))));
        for (String set : List.of("tune", "heldout", "heldout-blind")) {
            texts.addAll(Files.readAllLines(Path.of("src/test/resources/evaluation/" + set + ".tsv")));
        }
        for (String text : texts) {
            RelatedQuery q = RelatedQuery.analyse(analyzer, text);
            assertThat(q.countsByTerm()).as(text).isEqualTo(ReferenceVectors.counts(text));
        }
        // the opening counts the shingles as tokens, as ShingleFilter's stream did
        String opening = "lua mua ".repeat(100);
        assertThat(RelatedQuery.analyse(analyzer, opening + "bao lut").openingByTerm()).containsKey("mua bao")
                .doesNotContainKey("bao");
    }

    @Test
    void aTermCountsAtMost255Times() {
        RelatedQuery q = RelatedQuery.analyse(analyzer, "lua ".repeat(300));

        assertThat(q.countsByTerm()).containsEntry("lua", RelatedQuery.MAX_TF).containsEntry("lua lua", RelatedQuery.MAX_TF);
        assertThat(q.words()).isEqualTo(300);
    }
}
