package news.pipeline.ingest.events;

import java.time.Duration;
import java.util.Map;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.identity.ArticleState;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.kafka.TopicReader;
import news.pipeline.support.kafka.ValueDecoder;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the id → (version, hash) state by reading the raw topic from its beginning to the end
 * offsets seen at startup, before the service accepts requests ({@link TopicReader}: no consumer
 * group, nothing committed, every instance reads everything). Records that do not decode are skipped
 * and counted (they cannot be ours to dedupe against); an unreachable registry is waited out, since
 * skipping would forget articles. Not done within the startup timeout: the service does not start.
 */
public final class RawTopicStateLoader {

    private static final Logger log = LoggerFactory.getLogger(RawTopicStateLoader.class);
    private static final int MAX_POLL_RECORDS = 2000;

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> registryConfig;
    private final TopicSpec<RawArticle> topic;
    private final Duration timeout;

    /**
     * @param consumerConfig bootstrap servers and client settings (Boot's consumer properties)
     * @param registryConfig the registry the records' schemas are fetched from
     */
    public RawTopicStateLoader(Map<String, Object> consumerConfig, Map<String, Object> registryConfig,
            TopicSpec<RawArticle> topic, Duration timeout) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.registryConfig = Map.copyOf(registryConfig);
        this.topic = topic;
        this.timeout = timeout;
    }

    /** @throws IllegalStateException the topic could not be read to its end within the timeout */
    public void load(ArticleStateStore store) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (TopicReader reader = TopicReader.fromBeginning(consumerConfig, topic.name(), "ingest-state-loader",
                MAX_POLL_RECORDS, timeout);
                ValueDecoder<RawArticle> decoder = new ValueDecoder<>(topic, registryConfig)) {
            TopicReader.Result result = reader.readValuesToEnd(decoder, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    (id, article) -> {
                        if (article != null) {
                            store.record(article.getId(), new ArticleState(article.getVersion(), article.getContentHash(),
                                    article.getPubStatus()));
                        }
                    });
            log.info("article state rebuilt from {}: {} events, {} articles, {} undecodable skipped, in {} ms", topic.name(),
                    result.records() - result.skipped(), store.size(), result.skipped(), (System.nanoTime() - start) / 1_000_000);
        } catch (TopicReader.Incomplete | TimeoutException e) {
            throw new IllegalStateException("could not rebuild the article state from " + topic.name() + " within "
                    + timeout.toSeconds() + " s: " + e.getMessage(), e);
        }
    }
}
