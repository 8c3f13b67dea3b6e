package news.pipeline.enrich.category;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;

/** Reads the category data files: UTF-8, tab-separated, '#' starts a comment line, blank lines ignored. */
final class TsvFiles {

    private TsvFiles() {
    }

    record Row(String file, int line, String[] cells) {
        String cell(int i) {
            if (i >= cells.length) {
                throw new IllegalArgumentException(file + ":" + line + ": expected at least " + (i + 1)
                        + " tab-separated columns");
            }
            return cells[i].strip();
        }
    }

    static List<Row> read(Resource resource) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource.getInputStream(),
                StandardCharsets.UTF_8))) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
                if (normalised.isBlank() || normalised.stripLeading().startsWith("#")) {
                    continue;
                }
                rows.add(new Row(resource.getDescription(), line, normalised.split("\t")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getDescription(), e);
        }
        return rows;
    }
}
