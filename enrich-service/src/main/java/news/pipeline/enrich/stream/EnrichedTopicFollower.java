package news.pipeline.enrich.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.kafka.TopicReader;
import news.pipeline.support.kafka.ValueDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps what enrich-service holds, the related-articles index and the latest version of every article, in step
 * with the whole enriched topic (compacted and kept: the source of truth), on every instance. {@link #rebuild} reads
 * the topic from its beginning to its end, logging its progress; it runs while the service starts, so the service is
 * not ready (and consumes nothing) before it is done, and a rebuild that cannot finish stops the start instead of
 * carrying on with part of the index. Then the follower reads what every instance appends, from every partition,
 * so articles enriched elsewhere are related candidates here too. A kill or withholding leaves the index; a
 * tombstone forgets the article. A version not newer than the one held is ignored: this instance's own outputs come
 * back that way. Poison records are skipped and logged; an unreachable registry is waited out.
 */
public final class EnrichedTopicFollower implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EnrichedTopicFollower.class);

    /** Header naming the instance that wrote an enriched record, so that instance need not decode it again. */
    public static final String ORIGIN_HEADER = "x-enriched-by";

    private final Map<String, Object> clientConfig;
    private final TopicSpec<EnrichedArticle> topic;
    private final ValueDecoder<EnrichedArticle> decoder;
    private final RelatedIndex index;
    private final LatestVersions versions;
    private final String origin = UUID.randomUUID().toString();
    private final AtomicLong takenIn = new AtomicLong();
    private final AtomicLong ownSkipped = new AtomicLong();
    private TopicReader reader;
    private volatile boolean running;
    private Thread thread;

    /** @param clientConfig Kafka client settings (Spring Boot's consumer properties) */
    public EnrichedTopicFollower(Map<String, Object> clientConfig, TopicSpec<EnrichedArticle> topic,
            Map<String, ?> registryConfig, RelatedIndex index, LatestVersions versions) {
        this.clientConfig = clientConfig;
        this.topic = topic;
        this.decoder = new ValueDecoder<>(topic, registryConfig);
        this.index = index;
        this.versions = versions;
    }

    public record Result(long records, int indexed, int versions, long skipped, long millis) {
    }

    /**
     * Reads the topic from its beginning to its end.
     *
     * @throws IllegalStateException when it cannot within {@code timeout}: the service must not start with part of
     *                               the index
     */
    public Result rebuild(Duration timeout) {
        long started = System.nanoTime();
        reader = TopicReader.fromBeginning(clientConfig, topic.name(), "enrich-follower", 500, timeout);
        TopicReader.Result read;
        try {
            read = reader.readValuesToEnd(decoder, timeout, this::apply);
        } catch (TopicReader.Incomplete e) {
            close();
            throw new IllegalStateException("the related index could not be rebuilt from " + topic.name() + " within "
                    + timeout.toSeconds() + " s (" + e.records() + " records read): raise enrich.related.rebuild-timeout "
                    + "(ENRICH_RELATED_REBUILD_TIMEOUT) or check the broker", e);
        }
        Result result = new Result(read.records(), index.size(), versions.size(), read.skipped(),
                (System.nanoTime() - started) / 1_000_000);
        log.info("rebuilt from {}: {} records read, {} articles in the related index, {} latest versions, {} skipped, {} ms",
                topic.name(), result.records(), result.indexed(), result.versions(), result.skipped(), result.millis());
        return result;
    }

    private void apply(String key, EnrichedArticle article) {
        if (article != null) {
            // strictly newer: this instance's own outputs (from before a restart, or without the header) come back at
            // the version it already holds, and analysing them again cost 1.5 ms of CPU per article (20261203-143020)
            long ordinal;
            try {
                ordinal = ArticleVersions.ordinal(article.getVersion(), article.getEnrichmentRevision());
            } catch (IllegalArgumentException e) { // written before ingest capped versions: cannot be ordered, skipped
                log.warn("skipped article {} of {}: {}", article.getId(), topic.name(), e.getMessage());
                return;
            }
            if (versions.offerNewer(article.getId(), ordinal)) {
                index.accept(article);
                takenIn.incrementAndGet();
            }
        } else if (key != null) {
            versions.forget(key);
            index.delete(key);
        }
    }

    /** Articles taken into the index from the topic (rebuild included): not this instance's own outputs. */
    public long takenIn() {
        return takenIn.get();
    }

    /** This instance's own outputs recognised by their {@link #ORIGIN_HEADER} and skipped undecoded. */
    public long ownSkipped() {
        return ownSkipped.get();
    }

    /** This instance's name in {@link #ORIGIN_HEADER} (random, per start). */
    public String origin() {
        return origin;
    }

    private boolean writtenHere(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(ORIGIN_HEADER);
        // the binder may write a String header as JSON ("...") or raw: look for the name inside
        if (header == null || header.value() == null
                || !new String(header.value(), StandardCharsets.UTF_8).contains(origin)) {
            return false;
        }
        ownSkipped.incrementAndGet();
        return true;
    }


    @Override
    public void start() {
        if (reader == null) {
            throw new IllegalStateException("rebuild before following");
        }
        running = true;
        thread = Thread.ofPlatform().name("enriched-follower").daemon().start(() -> {
            reader.followValues(decoder, this::apply, () -> running, this::writtenHere);
            log.info("stopped following {}", topic.name());
        });
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            reader.wakeup();
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the stream function's binding starts consuming (Spring Cloud Stream's bindings start later). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public void close() {
        stop();
        if (reader != null) {
            reader.close();
            reader = null;
        }
        decoder.close();
    }
}
