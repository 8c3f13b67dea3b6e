package news.pipeline.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach the registry, read from the same Kafka properties Confluent's serdes use
 * ({@code schema.registry.url}, {@code basic.auth.credentials.source}, {@code basic.auth.user.info}),
 * so one properties file configures either implementation.
 *
 * @param urls           one or more base URLs, tried in turn when one cannot be reached
 * @param connectTimeout {@code schema.registry.http.connect.timeout.ms}, default 5 s
 * @param requestTimeout {@code schema.registry.http.read.timeout.ms}, default 10 s
 * @param maxRetries     {@code schema.registry.max.retries}: extra attempts on connection errors, 5xx and 429, default 3
 * @param retryBackoff   {@code schema.registry.retry.backoff.ms}: first backoff, doubled each retry, default 200 ms
 * @param authorization  the HTTP Authorization header value for basic auth, when configured
 */
public record SchemaRegistryClientConfig(
        List<String> urls,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff,
        Optional<String> authorization) {

    public static final String URL = "schema.registry.url";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "schema.registry.http.read.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    public static SchemaRegistryClientConfig from(Map<String, ?> configs) {
        Object url = configs.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException("Missing required configuration \"" + URL + "\"");
        }
        List<String> urls = Arrays.stream(url.toString().split(","))
                .map(String::trim).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .toList();
        Optional<String> authorization = authorization(configs, urls);
        return new SchemaRegistryClientConfig(
                urls.stream().map(SchemaRegistryClientConfig::withoutUserInfo).toList(),
                Duration.ofMillis(longValue(configs, CONNECT_TIMEOUT_MS, 5_000)),
                Duration.ofMillis(longValue(configs, READ_TIMEOUT_MS, 10_000)),
                (int) longValue(configs, MAX_RETRIES, 3),
                Duration.ofMillis(longValue(configs, RETRY_BACKOFF_MS, 200)),
                authorization);
    }

    private static String withoutUserInfo(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "");
    }

    /** Basic auth as Confluent configures it: USER_INFO takes {@code basic.auth.user.info}, URL takes user:pass@ from the URL. */
    static Optional<String> authorization(Map<String, ?> configs, List<String> urls) {
        Object sourceValue = configs.get(BASIC_AUTH_SOURCE);
        String source = sourceValue == null ? "" : sourceValue.toString().trim();
        String userInfo = switch (source) {
            case "" -> null;
            case "USER_INFO" -> {
                Object info = configs.containsKey(BASIC_AUTH_USER_INFO) ? configs.get(BASIC_AUTH_USER_INFO)
                        : configs.get("schema.registry." + BASIC_AUTH_USER_INFO);
                if (info == null || !info.toString().contains(":")) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO + " must be user:password when "
                            + BASIC_AUTH_SOURCE + "=USER_INFO");
                }
                yield info.toString();
            }
            case "URL" -> java.net.URI.create(urls.getFirst()).getUserInfo();
            default -> throw new ConfigException(BASIC_AUTH_SOURCE + " must be USER_INFO or URL, got " + source);
        };
        return Optional.ofNullable(userInfo)
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    private static long longValue(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be a number");
        }
    }
}
