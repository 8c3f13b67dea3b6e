package news.pipeline.publish.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The readers' contract page (publish-service/README.md) shows every example query file exactly,
 * and shows no query that is not a file ReaderQueriesIT runs: the documentation cannot drift.
 */
class ReaderContractDocTest {

    private static final Pattern SHOWN = Pattern.compile(
            "<!-- reader-query: ([\\w.-]+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    private static final Path QUERIES = Path.of("src/test/resources/reader-queries");

    @Test
    void everyQueryFileIsShownVerbatimAndEveryShownQueryIsAFile() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> files;
        try (Stream<Path> list = Files.list(QUERIES)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }

        List<String> shown = new ArrayList<>();
        Matcher m = SHOWN.matcher(readme);
        while (m.find()) {
            String file = m.group(1);
            shown.add(file);
            assertThat(QUERIES.resolve(file)).as("README shows " + file).exists();
            assertThat(m.group(2).strip()).as(file)
                    .isEqualTo(Files.readString(QUERIES.resolve(file), StandardCharsets.UTF_8).strip());
        }

        assertThat(shown).containsExactlyInAnyOrderElementsOf(files);
        assertThat(files).contains("full-text-with-diacritics.json", "full-text-without-diacritics.json",
                "by-category.json", "news-of-one-day.json", "article-with-related-links.json",
                "facet-by-category.json");
    }
}
