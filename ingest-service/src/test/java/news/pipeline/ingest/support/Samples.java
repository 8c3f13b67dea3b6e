package news.pipeline.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample inputs under src/test/resources/samples, and the API's own examples (src/main/resources/openapi). */
public final class Samples {

    private Samples() {
    }

    public static String read(String name) {
        return resource("/samples/" + name);
    }

    /** An example of the OpenAPI description, e.g. {@code g2-newsitem.xml}. */
    public static String example(String name) {
        return resource("/openapi/" + name);
    }

    private static String resource(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
