package news.pipeline.benchmark.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import news.pipeline.benchmark.generate.GeneratedArticle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backfill's batch posting against a small HTTP server in the test that answers like ingest's /batch. */
class HttpPosterBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableFirst = new AtomicInteger(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void articlesGoInBatchesOfOneFeedAndFormatAndEachGetsItsItemsOutcome() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feeds/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            if (unavailableFirst.getAndDecrement() > 0) { // the first request: Kafka unavailable, try again
                exchange.getResponseHeaders().add("Retry-After", "0.05");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            JsonNode items = JSON.readTree(body);
            ObjectNode receipt = JSON.createObjectNode();
            ArrayNode answers = receipt.putArray("items");
            for (JsonNode item : items) {
                String id = item.path("id").asText();
                answers.addObject().put("status", id.endsWith("-bad") ? "refused" : "accepted").put("id", "art-" + id)
                        .putObject("problem").put("status", 400);
            }
            byte[] answer = receipt.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        List<GeneratedArticle> articles = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            boolean english = i % 2 == 1;
            articles.add(article(i, english ? "wire-en" : "baothaibinh", i == 4 ? "application/json" : "application/ninjs+json",
                    i == 6 ? i + "-bad" : Integer.toString(i)));
        }
        List<HttpPoster.BatchAnswer> answers = new ArrayList<>();
        List<HttpPoster.Outcome> seen = new CopyOnWriteArrayList<>();

        List<HttpPoster.Outcome> outcomes = new HttpPoster("http://127.0.0.1:" + server.getAddress().getPort())
                .postBatches(articles, 2, 2, answers, seen::add);

        // baothaibinh ninjs: 0, 2, 6 -> [0, 2], [6]; wire-en ninjs: 1, 3, 5 -> [1, 3], [5]; baothaibinh json: [4]
        assertThat(answers).hasSize(5).extracting(HttpPoster.BatchAnswer::items).containsExactlyInAnyOrder(2, 1, 2, 1, 1);
        assertThat(requests).hasSize(6).allMatch(r -> r.contains("/articles/batch"));
        assertThat(requests).filteredOn(r -> r.contains("/feeds/wire-en/")).allMatch(r -> r.contains("ninjs"));
        assertThat(outcomes).extracting(HttpPoster.Outcome::articleId)
                .containsExactly("art-0", "art-1", "art-2", "art-3", "art-4", "art-5", "art-6-bad");
        assertThat(outcomes).extracting(HttpPoster.Outcome::status).containsExactly(202, 202, 202, 202, 202, 202, 400);
        assertThat(outcomes).filteredOn(o -> o.throttled() > 0).hasSizeBetween(1, 2); // the batch that met the 503
        assertThat(seen).hasSize(7);
    }

    private static GeneratedArticle article(int index, String feed, String contentType, String id) {
        byte[] body = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        return new GeneratedArticle(index, "vi", feed, "key", "ninjs-2", contentType, "uri-" + id, "h", "medtop:1",
                10, false, 0, 0, body);
    }
}
