package news.pipeline.ingest.feeds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured feeds and their API keys. Keys are kept only as SHA-256 digests and compared in
 * constant time, so neither a heap dump nor response timing gives one away. A key configured for
 * two feeds is a configuration error, and so is no key at all: the service refuses to start. The
 * development keys exist only under the {@code dev} profile (application-dev.yml).
 */
@Component
public class FeedRegistry {

    private static final Logger log = LoggerFactory.getLogger(FeedRegistry.class);

    private record KeyEntry(byte[] digest, String feed) {
    }

    private final Map<String, FeedContext> feeds = new HashMap<>();
    private final List<KeyEntry> keys = new ArrayList<>();

    public FeedRegistry(FeedProperties properties) {
        Map<String, String> owners = new HashMap<>();
        properties.feeds().forEach((name, settings) -> {
            feeds.put(name, new FeedContext(name, settings));
            for (String key : settings.apiKeys()) {
                String previous = owners.put(key, name);
                if (previous != null && !previous.equals(name)) {
                    throw new IllegalStateException("the same API key is configured for feeds " + previous + " and " + name);
                }
                keys.add(new KeyEntry(digest(key), name));
                if (key.startsWith("dev-key-")) {
                    log.warn("feed {} accepts a development API key: set its keys through the environment in production", name);
                }
            }
            if (settings.apiKeys().isEmpty() && settings.poll() != null) {
                log.info("feed {} has no API key: it is polled only ({})", name, settings.poll().url());
            } else if (settings.apiKeys().isEmpty()) {
                log.warn("feed {} has no API key: nobody can post for it (set {})", name, keyVariable(name));
            }
        });
        boolean anyPolled = properties.feeds().values().stream().anyMatch(settings -> settings.poll() != null);
        if (!feeds.isEmpty() && keys.isEmpty() && !anyPolled) {
            throw new IllegalStateException("no feed has an API key: set "
                    + String.join(" or ", properties.feeds().keySet().stream().sorted().map(FeedRegistry::keyVariable).toList())
                    + " (comma-separated keys), or run with SPRING_PROFILES_ACTIVE=dev for the development keys");
        }
    }

    /** The environment variable application.yml reads a feed's keys from: BAOTHAIBINH_API_KEYS for baothaibinh. */
    static String keyVariable(String feed) {
        return feed.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_API_KEYS";
    }

    public Optional<FeedContext> feed(String name) {
        return Optional.ofNullable(feeds.get(name));
    }

    /** The feed a key authenticates, if any. Every configured key is compared, whichever matches. */
    public Optional<String> feedForKey(String key) {
        byte[] candidate = digest(key);
        String match = null;
        for (KeyEntry entry : keys) {
            if (MessageDigest.isEqual(entry.digest(), candidate)) {
                match = entry.feed();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
