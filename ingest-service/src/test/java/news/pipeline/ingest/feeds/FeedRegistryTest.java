package news.pipeline.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedRegistryTest {

    private static FeedProperties properties(Map<String, FeedSettings> feeds) {
        return new FeedProperties(feeds);
    }

    private static FeedSettings feed(String... keys) {
        return new FeedSettings(List.of(keys), ZoneId.of("UTC"), null, 10, null, null, null);
    }

    @Test
    void keysAuthenticateTheirFeed() {
        FeedRegistry registry = new FeedRegistry(properties(Map.of("a", feed("ka1", "ka2"), "b", feed("kb"))));

        assertThat(registry.feedForKey("ka2")).contains("a");
        assertThat(registry.feedForKey("kb")).contains("b");
        assertThat(registry.feedForKey("nope")).isEmpty();
        assertThat(registry.feed("a")).hasValueSatisfying(f -> assertThat(f.settings().effectiveBurst()).isEqualTo(10));
    }

    @Test
    void aKeySharedByTwoFeedsIsAConfigurationError() {
        assertThatThrownBy(() -> new FeedRegistry(properties(Map.of("a", feed("same"), "b", feed("same")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same API key");
    }

    @Test
    void noKeyForAnyFeedRefusesToStartNamingTheVariablesToSet() {
        assertThatThrownBy(() -> new FeedRegistry(properties(Map.of("baothaibinh", feed(), "wire-en", feed()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BAOTHAIBINH_API_KEYS or WIRE_EN_API_KEYS")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=dev");
    }
}
