package news.pipeline.publish.reindex;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reindex command, {@code publish.reindex.*}.
 *
 * @param deleteOldIndex delete the previous versioned index once the alias has moved
 * @param catchUpRounds  how many times the reindex re-reads the topic's new end before it swaps
 * @param readTimeout    how long one read up to the topic's end may take, waits for Elasticsearch included;
 *                       past it the reindex fails and the alias stays where it was
 */
@ConfigurationProperties("publish.reindex")
public record ReindexSettings(boolean deleteOldIndex, int catchUpRounds, @DefaultValue("12h") Duration readTimeout) {
}
