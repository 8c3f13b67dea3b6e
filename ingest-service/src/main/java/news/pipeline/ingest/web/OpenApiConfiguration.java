package news.pipeline.ingest.web;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). The intake
 * endpoints read their bodies themselves (size limit, format by Content-Type), so their request
 * bodies, with an example for every format, and every response, with problem-detail examples, are
 * described here. Examples live in {@code classpath:openapi/}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String ARTICLES = "/feeds/{feed}/articles";

    @Bean
    OpenAPI ingestOpenApi() {
        return new OpenAPI()
                .info(new Info().title("News pipeline — ingest API").version("v1").description("""
                        Wire feeds post articles; each becomes a RawArticle event on Kafka (topic news.articles.raw, \
                        Avro, Confluent wire format). The answer comes only after Kafka acknowledged the event: \
                        202 with the article id and version. Identical content posted again is 200 unchanged and \
                        emits nothing. Every error is an RFC 9457 problem detail. Authenticate with the feed's API key \
                        in X-Api-Key or as Authorization: Bearer."""))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer ingestExamples(Problems problems) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            PathItem articles = openApi.getPaths().get(ARTICLES);
            if (articles != null && articles.getPost() != null) {
                describeSingle(articles.getPost(), problems);
            }
            if (articles != null && articles.getDelete() != null) {
                describeKill(articles.getDelete(), problems);
            }
            PathItem batch = openApi.getPaths().get(ARTICLES + "/batch");
            if (batch != null && batch.getPost() != null) {
                describeBatch(batch.getPost(), problems);
            }
            PathItem kill = openApi.getPaths().get(ARTICLES + "/{sourceId}");
            if (kill != null && kill.getDelete() != null) {
                describeKill(kill.getDelete(), problems);
            }
        };
    }

    private static void describeSingle(Operation operation, Problems problems) {
        operation.requestBody(new RequestBody().required(true).description("One article; the format follows Content-Type.")
                .content(new Content()
                        .addMediaType("application/json", media(new ObjectSchema(), "own JSON format", json("article.json")))
                        .addMediaType("application/ninjs+json", media(new ObjectSchema(), "IPTC ninjs 2.x", json("ninjs-2.json"))
                                .addExamples("ninjs-1", example("IPTC ninjs 1.x", json("ninjs-1.json")))
                                .addExamples("canceled", example("a kill (pubstatus canceled)", json("ninjs-canceled.json"))))
                        .addMediaType("application/vnd.iptc.ninjs+json", media(new ObjectSchema(), "IPTC ninjs, IANA-style type",
                                json("ninjs-2.json")))
                        .addMediaType("text/plain", media(new StringSchema(), "flattened page text", text("page.txt")))
                        .addMediaType("text/html", media(new StringSchema(), "article page", text("page.html")))
                        .addMediaType("application/vnd.iptc.g2.newsitem+xml", media(new StringSchema(),
                                "IPTC NewsML-G2 newsItem", text("g2-newsitem.xml"))
                                .addExamples("canceled", example("a kill (pubStatus stat:canceled)", text("g2-newsitem-kill.xml"))))
                        .addMediaType("application/xml", media(new StringSchema(), "NewsML-G2 newsItem as plain XML",
                                text("g2-newsitem.xml")))));
        ApiResponses responses = new ApiResponses()
                .addApiResponse("202", receipt("written to Kafka and acknowledged", Map.of("status", "accepted",
                        "id", "baothaibinh-5d41402abc4b2a76b9719d911017c592", "version", 1732526100000L, "pubStatus", "usable",
                        "topic", "news.articles.raw", "partition", 3, "offset", 42)))
                .addApiResponse("200", receipt("identical to the current version; nothing written", Map.of("status", "unchanged",
                        "id", "baothaibinh-5d41402abc4b2a76b9719d911017c592", "version", 1732526100000L)));
        addProblems(responses, problems, 400, 401, 403, 409, 413, 415, 429, 503);
        operation.responses(responses);
    }

    private static void describeBatch(Operation operation, Problems problems) {
        operation.requestBody(new RequestBody().required(true).description("Several articles, answered item by item.")
                .content(new Content()
                        .addMediaType("application/json", media(new ArraySchema().items(new ObjectSchema()),
                                "array of own-format articles", json("batch.json")))
                        .addMediaType("application/ninjs+json", media(new ArraySchema().items(new ObjectSchema()),
                                "array of ninjs items", List.of(json("ninjs-2.json"), json("ninjs-canceled.json"))))
                        .addMediaType("application/x-ndjson", media(new StringSchema(), "one own-format article per line",
                                text("batch.ndjson")))
                        .addMediaType("application/vnd.iptc.g2.newsmessage+xml", media(new StringSchema(),
                                "NewsML-G2 newsMessage: each newsItem is an item; a packageItem is refused (no article)",
                                text("g2-newsmessage.xml")))
                        .addMediaType("application/rss+xml", media(new StringSchema(),
                                "RSS 2.0 document: each item is an article", text("feed.rss")))
                        .addMediaType("application/atom+xml", media(new StringSchema(),
                                "Atom 1.0 document: each entry is an article", text("feed.atom")))));
        Map<String, Object> refusedProblem = new LinkedHashMap<>();
        refusedProblem.put("type", problems.type(Problems.MALFORMED_INPUT).toString());
        refusedProblem.put("title", "Malformed article");
        refusedProblem.put("status", 400);
        refusedProblem.put("detail", "headline: is required");
        refusedProblem.put("errors", List.of(Map.of("field", "headline", "problem", "is required")));
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", receipt("each item accepted, unchanged or refused", Map.of(
                        "accepted", 1, "unchanged", 1, "refused", 1, "items", List.of(
                                Map.of("index", 0, "status", "accepted", "id", "wire-en-0cc175b9c0f1b6a831c399e269772661",
                                        "version", 1732526100000L, "pubStatus", "usable", "partition", 1, "offset", 7),
                                Map.of("index", 1, "status", "unchanged", "id", "wire-en-92eb5ffee6ae2fec3ad71c777531578f",
                                        "version", 2),
                                Map.of("index", 2, "status", "refused", "problem", refusedProblem)))));
        addProblems(responses, problems, 400, 401, 403, 413, 415, 429, 503);
        operation.responses(responses);
    }

    private static void describeKill(Operation operation, Problems problems) {
        ApiResponses responses = new ApiResponses()
                .addApiResponse("202", receipt("a canceled event was written", Map.of("status", "accepted",
                        "id", "wire-en-0cc175b9c0f1b6a831c399e269772661", "version", 4, "pubStatus", "canceled",
                        "topic", "news.articles.raw", "partition", 1, "offset", 8)))
                .addApiResponse("200", receipt("already killed; nothing written", Map.of("status", "unchanged",
                        "id", "wire-en-0cc175b9c0f1b6a831c399e269772661", "version", 4)));
        addProblems(responses, problems, 400, 401, 403, 429, 503);
        operation.responses(responses);
    }

    private static void addProblems(ApiResponses responses, Problems problems, int... statuses) {
        for (int status : statuses) {
            Map<String, Object> body = new LinkedHashMap<>();
            String description;
            switch (status) {
                case 400 -> {
                    description = "malformed input: every wrong field is named";
                    body.putAll(problem(problems, Problems.MALFORMED_INPUT, "Malformed article", 400,
                            "versionCreated: is not an ISO-8601 date-time (e.g. 2024-11-02T17:55:00+07:00), got 'yesterday'"));
                    body.put("field", "versionCreated");
                    body.put("errors", List.of(Map.of("field", "versionCreated", "problem",
                            "is not an ISO-8601 date-time (e.g. 2024-11-02T17:55:00+07:00), got 'yesterday'")));
                }
                case 401 -> {
                    description = "no API key, or an unknown one";
                    body.putAll(problem(problems, Problems.MISSING_API_KEY, "API key required", 401,
                            "send the feed's API key in the X-Api-Key header or as Authorization: Bearer <key>"));
                }
                case 403 -> {
                    description = "the key belongs to another feed";
                    body.putAll(problem(problems, Problems.WRONG_FEED, "Not allowed for this feed", 403,
                            "the API key does not allow posting for feed 'wire-en'"));
                }
                case 409 -> {
                    description = "the feed's version is not newer than the current one";
                    body.putAll(problem(problems, Problems.STALE_VERSION, "Stale version", 409,
                            "version 2 is not newer than the current version 3 of article wire-en-0cc175b9c0f1b6a831c399e269772661"));
                    body.put("field", "version");
                    body.put("currentVersion", 3);
                }
                case 413 -> {
                    description = "body or batch over the limit";
                    body.putAll(problem(problems, Problems.PAYLOAD_TOO_LARGE, "Request body too large", 413,
                            "the body has 2097152 bytes; at most 1048576 bytes are accepted"));
                }
                case 415 -> {
                    description = "a Content-Type this endpoint does not read";
                    body.putAll(problem(problems, Problems.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", 415,
                            "Content-Type 'application/xml' is not accepted here"));
                    body.put("supported", List.of("application/json", "application/ninjs+json",
                            "application/vnd.iptc.ninjs+json", "text/plain", "text/html"));
                }
                case 429 -> {
                    description = "over the feed's rate limit; see Retry-After";
                    body.putAll(problem(problems, Problems.RATE_LIMITED, "Too many requests", 429,
                            "feed 'baothaibinh' is limited to 20.0 requests per second"));
                }
                case 503 -> {
                    description = "Kafka or the schema registry unavailable; nothing written; see Retry-After";
                    body.putAll(problem(problems, Problems.UNAVAILABLE, "Event store unavailable", 503,
                            "Kafka unavailable: Expiring 1 record(s) for news.articles.raw-3; nothing was written, retry later"));
                }
                default -> throw new IllegalArgumentException("no example for " + status);
            }
            responses.addApiResponse(Integer.toString(status), new ApiResponse().description(description)
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new ObjectSchema())
                            .addExamples("problem", example(description, body)))));
        }
    }

    private static Map<String, Object> problem(Problems problems, String slug, String title, int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problems.type(slug).toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ARTICLES.replace("{feed}", "baothaibinh"));
        return body;
    }

    private static ApiResponse receipt(String description, Object example) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new ObjectSchema()).addExamples("example", example(description, example))));
    }

    private static MediaType media(Schema<?> schema, String summary, Object value) {
        return new MediaType().schema(schema).addExamples("example", example(summary, value));
    }

    private static Example example(String summary, Object value) {
        return new Example().summary(summary).value(value);
    }

    private static Object json(String name) {
        try {
            return Json.mapper().readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name) {
        try (InputStream in = OpenApiConfiguration.class.getResourceAsStream("/openapi/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing OpenAPI example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
