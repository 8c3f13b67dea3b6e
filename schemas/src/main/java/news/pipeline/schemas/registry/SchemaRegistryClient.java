package news.pipeline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST API (also served by Apicurio at
 * {@code /apis/ccompat/v7}): register, look up by id, latest version, compatibility check and
 * compatibility level.
 *
 * <p>Ids and schemas are cached forever (an id never changes meaning), so a steady stream of
 * records costs no registry round trip. Connection failures, 5xx and 429 answers are retried with
 * exponential backoff across the configured URLs; 4xx answers are not retried.
 */
public class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClientConfig config;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public SchemaRegistryClient(SchemaRegistryClientConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public SchemaRegistryClient(Map<String, ?> kafkaConfigs) {
        this(SchemaRegistryClientConfig.from(kafkaConfigs));
    }

    /** Registers the schema under the subject (or finds it already there) and returns its global id. */
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + encode(subject) + "/versions";
        String body = schemaBody(schema);
        JsonNode answer;
        try {
            answer = send("POST", path, body);
        } catch (SchemaRegistryException.IncompatibleSchema conflict) {
            // Apicurio's Confluent API answers 409 to the loser of two first registrations of a new subject at
            // the same moment ("artifact already exists"): asked again, it finds the schema the winner wrote.
            // A schema that is really incompatible is refused again.
            answer = send("POST", path, body);
        }
        int id = answer.path("id").asInt();
        remember(subject, schema, id);
        return id;
    }

    /** The id of a schema already registered under the subject, without registering it (auto.register.schemas=false). */
    public int lookUpId(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = answer.path("id").asInt();
        remember(subject, schema, id);
        return id;
    }

    /** The latest registered version of a subject (use.latest.version=true). */
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        Schema schema = parse(answer.path("schema").asText());
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
    }

    /** The schema a record's id stands for. */
    public Schema byId(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** Whether the schema could be registered under the subject's compatibility rule (true for a new subject). */
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException.NotFound noSubjectYet) {
            return true;
        }
    }

    /** Sets the subject's compatibility level (BACKWARD, FORWARD, FULL, NONE, and the _TRANSITIVE forms). */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config/" + encode(subject), body.toString());
    }

    /**
     * The subject's own compatibility level, else the global one (Confluent's {@code defaultToGlobal}).
     * Apicurio answers NONE for a subject without a rule of its own; {@link #globalCompatibility()} then tells what applies.
     */
    public String compatibility(String subject) {
        try {
            return level(send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null));
        } catch (SchemaRegistryException.NotFound noSubjectLevel) {
            return globalCompatibility();
        }
    }

    /** The registry-wide compatibility level. */
    public String globalCompatibility() {
        return level(send("GET", "/config", null));
    }

    private static String level(JsonNode answer) {
        return answer.path("compatibilityLevel").asText(answer.path("compatibility").asText());
    }

    /** HTTP requests sent so far (the cache's effect is visible in tests and metrics). */
    public long requestCount() {
        return requests.get();
    }

    public record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }

    // ---- HTTP ----

    private JsonNode send(String method, String path, String body) {
        SchemaRegistryException lastFailure = null;
        long backoff = config.retryBackoff().toMillis();
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            String base = config.urls().get(attempt % config.urls().size());
            try {
                HttpResponse<String> response = http.send(request(method, base + path, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                requests.incrementAndGet();
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                }
                if (status >= 500 || status == 429) {
                    lastFailure = new SchemaRegistryException.Unavailable(
                            describe(method, path) + " answered " + status + ": " + response.body(), status, null);
                } else {
                    throw refusal(method, path, status, response.body());
                }
            } catch (IOException e) {
                lastFailure = new SchemaRegistryException.Unavailable(
                        "Schema registry at " + base + " unreachable (" + describe(method, path) + "): " + e, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException.Unavailable("Interrupted calling the schema registry", 0, e);
            }
            if (attempt < config.maxRetries()) {
                sleep(backoff);
                backoff *= 2;
            }
        }
        throw lastFailure;
    }

    private HttpRequest request(String method, String url, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        config.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private static SchemaRegistryException refusal(String method, String path, int status, String body) {
        int errorCode = 0;
        String message = body;
        try {
            JsonNode error = JSON.readTree(body);
            errorCode = error.path("error_code").asInt(0);
            message = error.path("message").asText(body);
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        String text = describe(method, path) + " refused with " + status + ": " + message;
        return switch (status) {
            case 409 -> new SchemaRegistryException.IncompatibleSchema(
                    "Schema is incompatible with the subject's compatibility rule. " + text, errorCode);
            case 404 -> new SchemaRegistryException.NotFound(text, errorCode);
            default -> new SchemaRegistryException(text, status, errorCode, null);
        };
    }

    private static String describe(String method, String path) {
        return "Schema registry " + method + " " + path;
    }

    private static String schemaBody(Schema schema) {
        // schemaType is omitted for Avro, exactly as Confluent's client does.
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(String schemaJson) {
        return new Schema.Parser().parse(schemaJson);
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException.Unavailable("Interrupted while retrying the schema registry", 0, e);
        }
    }
}
