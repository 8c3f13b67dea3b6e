package news.pipeline.publish.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP to Elasticsearch, the way a reader (a front-end site) talks to it. */
public final class Es {

    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Es(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public record Response(int status, JsonNode body) {
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** {@code POST <index>/_search} with the body; fails on a non-200 answer. */
    public JsonNode search(String index, String body) {
        Response r = post("/" + index + "/_search", body);
        if (r.status() != 200) {
            throw new AssertionError("search on " + index + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    public long count(String index) {
        Response r = get("/" + index + "/_count");
        if (r.status() != 200) {
            throw new AssertionError("count on " + index + " answered " + r.status() + ": " + r.body());
        }
        return r.body().get("count").asLong();
    }

    /** Documents whose id starts with the prefix. */
    public long countIdsStartingWith(String index, String idPrefix) {
        Response r = post("/" + index + "/_count", "{\"query\": {\"prefix\": {\"id\": \"" + idPrefix + "\"}}}");
        if (r.status() != 200) {
            throw new AssertionError("count on " + index + " answered " + r.status() + ": " + r.body());
        }
        return r.body().get("count").asLong();
    }

    public void refresh(String index) {
        post("/" + index + "/_refresh", "");
    }

    /** The document's _source, _version and _seq_no, or null when it is not there. */
    public JsonNode doc(String index, String id) {
        Response r = get("/" + index + "/_doc/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
        return r.status() == 200 ? r.body() : null;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
