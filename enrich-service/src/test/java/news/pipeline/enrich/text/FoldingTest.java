package news.pipeline.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FoldingTest {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final String[] PIECES = {"Đẩy", "mạnh", "e\u0323\u0302", "ĐIỆN", "2026", "½", "Ⅻ", "²", "-", " ",
            "\u00A0", ".", "’", "中文", "😀", "𝔘", "x", "\u0301", "\n", "IJ", "ß", "İ"};

    @Test
    void wordsAreTheRunsOfLettersAndNumbersTheRegularExpressionFinds() {
        Random random = new Random(3);
        for (int run = 0; run < 20_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            List<String> expected = new ArrayList<>();
            Matcher m = WORD.matcher(Folding.lower(text.toString()));
            while (m.find()) {
                expected.add(m.group());
            }
            assertThat(Folding.words(text.toString())).as(text.toString()).isEqualTo(expected);
        }
        assertThat(Folding.words("Đẩy mạnh 2026, quy chế!")).containsExactly("đẩy", "mạnh", "2026", "quy", "chế");
    }
}
