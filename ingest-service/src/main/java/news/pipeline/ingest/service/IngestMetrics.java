package news.pipeline.ingest.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import news.pipeline.ingest.identity.ArticleStateStore;
import org.springframework.stereotype.Component;

/**
 * The service's own meters (beside Spring's http.server.requests and the Kafka producer's):
 * <ul>
 * <li>{@code ingest.articles} {feed, format, pubstatus, outcome=accepted|unchanged} — events written, and re-posts
 * of identical content (the pipeline's scheme: {@code <service>.articles{outcome}}, {@code pipeline.dead.letters})</li>
 * <li>{@code ingest.articles.refused} {feed, reason} — refusals by problem type (malformed-input, unauthorized, ...)</li>
 * <li>{@code ingest.article.latency} {feed, format, outcome} — from body read to answer, per article</li>
 * <li>{@code ingest.articles.known} — articles in the dedupe state</li>
 * </ul>
 */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry, ArticleStateStore store) {
        this.registry = registry;
        registry.gauge("ingest.articles.known", store, ArticleStateStore::size);
    }

    public void accepted(String feed, String format, String pubStatus) {
        articles(feed, format, pubStatus, "accepted");
    }

    public void unchanged(String feed, String format, String pubStatus) {
        articles(feed, format, pubStatus, "unchanged");
    }

    private void articles(String feed, String format, String pubStatus, String outcome) {
        Counter.builder("ingest.articles").description("articles written to the raw topic (accepted) or re-posted "
                        + "with identical content (unchanged)")
                .tag("feed", feed).tag("format", format).tag("pubstatus", pubStatus).tag("outcome", outcome)
                .register(registry).increment();
    }

    public void refused(String feed, String reason) {
        Counter.builder("ingest.articles.refused").description("requests or batch items refused, by reason")
                .tag("feed", feed).tag("reason", reason).register(registry).increment();
    }

    public void latency(String feed, String format, String outcome, long nanos) {
        Timer.builder("ingest.article.latency").description("from reading the body to the answer, per article")
                .tag("feed", feed).tag("format", format).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
