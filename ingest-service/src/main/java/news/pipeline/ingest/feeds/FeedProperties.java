package news.pipeline.ingest.feeds;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The wire feeds this service accepts posts for, by name ({@code ingest.feeds.*}; see application.yml). */
@ConfigurationProperties("ingest")
public record FeedProperties(Map<String, FeedSettings> feeds) {

    public FeedProperties {
        feeds = feeds == null ? Map.of() : Map.copyOf(feeds);
    }
}
