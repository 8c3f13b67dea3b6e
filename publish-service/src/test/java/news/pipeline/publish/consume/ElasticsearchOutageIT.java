package news.pipeline.publish.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.publish.health.ElasticsearchHealthIndicator;
import news.pipeline.publish.metrics.PublishMetrics;
import news.pipeline.publish.support.ElasticsearchNodeProcess;
import news.pipeline.publish.support.Es;
import news.pipeline.publish.support.TestArticles;
import news.pipeline.publish.support.TestSetup;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Elasticsearch goes away while articles keep arriving: consumption pauses, nothing is committed
 * that is not indexed, and once the node is back every article is indexed exactly once, at its
 * latest version; also when the outage lasts more than a minute and publish-service is restarted in the
 * middle of it. Uses an Elasticsearch node of its own (the shared one is never stopped).
 */
@RealServers
class ElasticsearchOutageIT {

    private static final int FIRST = 20;
    private static final int MAX_DURING = 5000;
    private static final int UPDATED = 10;

    @Test
    void elasticsearchStoppedDuringConsumptionAndStartedAgainEndsWithEveryArticleIndexedOnce(Endpoints servers)
            throws Exception {
        try (ElasticsearchNodeProcess node = ElasticsearchNodeProcess.create();
             TestSetup setup = TestSetup.create(servers, "outage")) {
            node.start();
            Es es = new Es(node.url());
            ConfigurableApplicationContext app = setup.startApp(Map.of(
                    "spring.elasticsearch.uris", node.url(),
                    "publish.batch.max-records", "10",
                    "publish.retry.max-backoff", "1s"));
            PublishMetrics metrics = app.getBean("livePublishMetrics", PublishMetrics.class);
            EnrichedArticlesListener publisher = app.getBean(EnrichedArticlesListener.class);
            ElasticsearchHealthIndicator health = app.getBean(ElasticsearchHealthIndicator.class);
            setup.awaitIndexReady(es);

            Map<String, Long> expected = new HashMap<>();
            for (int i = 0; i < FIRST; i++) {
                setup.send(TestArticles.article("outage-" + i, 1));
                expected.put("outage-" + i, 1L);
            }
            awaitCaughtUp(setup, Duration.ofSeconds(60));
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            // articles keep arriving (as fast as the broker acknowledges them), and the node is stopped
            // while they do; the producer goes on for a while after the node is down
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean stopped = new AtomicBoolean();
            AtomicInteger sentAfterStop = new AtomicInteger();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (int i = FIRST; i < FIRST + MAX_DURING && sentAfterStop.get() < 10; i++) {
                    setup.send(TestArticles.article("outage-" + i, 1));
                    if (i - FIRST < UPDATED) {
                        setup.send(TestArticles.article("outage-" + (i - FIRST), 2));
                    }
                    sent.incrementAndGet();
                    if (stopped.get()) {
                        sentAfterStop.incrementAndGet();
                    }
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 5);
            node.stop();
            stopped.set(true);
            producing.get();
            int during = sent.get();
            for (int i = FIRST; i < FIRST + during; i++) {
                expected.put("outage-" + i, 1L);
            }
            for (int i = 0; i < Math.min(UPDATED, during); i++) {
                expected.put("outage-" + i, 2L);
            }

            // the consumer has records it cannot index: it waits, paused, and commits nothing more
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> publisher.state() == EnrichedArticlesListener.State.WAITING_TO_RETRY && metrics.retryCount() >= 3);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            long committedWhileDown = setup.committedOffsets();
            long end = setup.endOffsets();
            assertThat(end).isEqualTo(FIRST + during + Math.min(UPDATED, during));
            assertThat(committedWhileDown).isLessThan(end);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> setup.committedOffsets() == committedWhileDown
                            && publisher.state() == EnrichedArticlesListener.State.WAITING_TO_RETRY);

            node.start();

            awaitCaughtUp(setup, Duration.ofSeconds(120));
            es.refresh(setup.alias);
            assertThat(es.count(setup.alias)).isEqualTo(FIRST + during);
            JsonNode hits = es.search(setup.alias,
                    "{\"size\": 10000, \"version\": true, \"_source\": [\"version\"]}").get("hits").get("hits");
            Map<String, Long> indexed = new HashMap<>();
            for (JsonNode hit : hits) {
                assertThat(hit.get("_version").asLong()).as(hit.get("_id").asString())
                        .isEqualTo(ArticleVersions.ordinal(hit.get("_source").get("version").asLong(), 0));
                indexed.put(hit.get("_id").asString(), hit.get("_source").get("version").asLong());
            }
            assertThat(indexed).isEqualTo(expected);
            assertThat(metrics.deadLetteredCount()).isZero();
            assertThat(publisher.state()).isEqualTo(EnrichedArticlesListener.State.RUNNING);
            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
        }
    }

    @Test
    void aMinuteLongOutageAcrossARestartOfTheServiceLosesNothing(Endpoints servers) throws Exception {
        try (ElasticsearchNodeProcess node = ElasticsearchNodeProcess.create();
             TestSetup setup = TestSetup.create(servers, "long-outage")) {
            node.start();
            Es es = new Es(node.url());
            Map<String, Object> settings = Map.of("spring.elasticsearch.uris", node.url(),
                    "publish.batch.max-records", "10", "publish.retry.max-backoff", "5s");
            ConfigurableApplicationContext first = setup.startApp(settings);
            setup.awaitIndexReady(es);
            Map<String, Long> expected = new HashMap<>();
            for (int i = 0; i < FIRST; i++) {
                setup.send(TestArticles.article("long-" + i, 1));
                expected.put("long-" + i, 1L);
            }
            awaitCaughtUp(setup, Duration.ofSeconds(60));

            node.stop();
            long stoppedAt = System.nanoTime();
            for (int i = FIRST; i < 2 * FIRST; i++) {
                setup.send(TestArticles.article("long-" + i, 1));
                expected.put("long-" + i, 1L);
            }
            for (int i = 0; i < UPDATED; i++) {
                setup.send(TestArticles.article("long-" + i, 2));
                expected.put("long-" + i, 2L);
            }
            EnrichedArticlesListener publisher = first.getBean(EnrichedArticlesListener.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> publisher.state() == EnrichedArticlesListener.State.WAITING_TO_RETRY);
            long committedWhileDown = setup.committedOffsets();
            assertThat(committedWhileDown).isLessThan(setup.endOffsets());

            // the service restarts in the middle of the outage, and its successor meets the same outage
            first.close();
            ConfigurableApplicationContext second = setup.startApp(settings);
            PublishMetrics metrics = second.getBean("livePublishMetrics", PublishMetrics.class);
            Duration leftOfTheMinute = Duration.ofSeconds(65).minusNanos(System.nanoTime() - stoppedAt);
            await().during(leftOfTheMinute).atMost(leftOfTheMinute.plusSeconds(10))
                    .until(() -> setup.committedOffsets() == committedWhileDown && metrics.deadLetteredCount() == 0);

            node.start();

            awaitCaughtUp(setup, Duration.ofSeconds(120));
            es.refresh(setup.alias);
            JsonNode hits = es.search(setup.alias,
                    "{\"size\": 10000, \"version\": true, \"_source\": [\"version\"]}").get("hits").get("hits");
            Map<String, Long> indexed = new HashMap<>();
            for (JsonNode hit : hits) {
                assertThat(hit.get("_version").asLong()).as(hit.get("_id").asString())
                        .isEqualTo(ArticleVersions.ordinal(hit.get("_source").get("version").asLong(), 0));
                indexed.put(hit.get("_id").asString(), hit.get("_source").get("version").asLong());
            }
            assertThat(indexed).isEqualTo(expected);
            assertThat(metrics.deadLetteredCount()).isZero();
            assertThat(setup.readDeadLetters(1, Duration.ofSeconds(2))).isEmpty();
        }
    }

    private static void awaitCaughtUp(TestSetup setup, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> setup.committedOffsets() == setup.endOffsets());
    }
}
