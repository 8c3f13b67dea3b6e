package news.pipeline.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    static String nfd(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD);
    }

    @Test
    void composesDecomposedVietnamese() {
        String decomposed = nfd("Thái Bình");
        assertThat(decomposed.length()).isGreaterThan("Thái Bình".length());
        assertThat(TextNormalizer.inline(decomposed)).isEqualTo("Thái Bình");
    }

    @Test
    void paragraphsOnePerLineWhenNoBlankLines() {
        assertThat(TextNormalizer.paragraphs("Một.\r\nHai.\nBa.")).isEqualTo("Một.\n\nHai.\n\nBa.");
    }

    @Test
    void blankIsNull() {
        assertThat(TextNormalizer.inline(" \u00A0\u200B ")).isNull();
        assertThat(TextNormalizer.paragraphs("\n\n")).isNull();
    }
}
