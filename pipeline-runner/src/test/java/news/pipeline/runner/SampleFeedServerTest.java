package news.pipeline.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFeedServerTest {

    @Test
    void eachFeedFileIsServedAsItsFeedsPollUrlWithConditionalGet(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wire-en.atom"), "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/><entry/></feed>");
        Files.writeString(dir.resolve("notes.txt"), "not a feed");
        HttpClient http = HttpClient.newHttpClient();
        try (SampleFeedServer server = SampleFeedServer.start(dir)) {
            String url = server.environment().get("INGEST_FEEDS_WIRE_EN_POLL_URL");

            HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("If-None-Match", first.headers().firstValue("ETag").orElseThrow()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(server.environment()).hasSize(1);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(server.entries()).isEqualTo(2);
        }
    }

    @Test
    void theRepositorysSampleFeedHoldsReadableEntries() {
        try (SampleFeedServer server = SampleFeedServer.start(Path.of("..", "samples", "feeds"))) {
            assertThat(server.environment()).containsKey("INGEST_FEEDS_BAOTHAIBINH_POLL_URL");
            assertThat(server.entries()).isEqualTo(3);
        }
    }
}
