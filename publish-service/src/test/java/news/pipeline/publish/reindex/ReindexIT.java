package news.pipeline.publish.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.publish.PublishServiceApplication;
import news.pipeline.publish.support.Es;
import news.pipeline.publish.support.TestArticles;
import news.pipeline.publish.support.TestSetup;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Rebuilding the index from the retained topic while the live service keeps publishing: readers
 * see the old index until one atomic alias swap, and nothing written meanwhile is lost.
 */
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReindexIT {

    private TestSetup setup;
    private Es es;
    private Reindexer reindexer;

    @BeforeAll
    void start(Endpoints servers) {
        setup = TestSetup.create(servers, "reindex");
        es = setup.es;
        ConfigurableApplicationContext app = setup.startApp();
        reindexer = app.getBean(Reindexer.class);
        setup.awaitIndexReady();
        for (int i = 0; i < 15; i++) {
            setup.send(TestArticles.article("reidx-" + i, 1));
        }
        setup.send(TestArticles.article("reidx-0", 2), TestArticles.canceled("reidx-1", 2));
        awaitCaughtUp();
    }

    @AfterAll
    void cleanUp() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    @Order(1)
    void reindexBuildsTheNextIndexWhileReadersKeepTheOldOneThenSwapsAtomically() throws Exception {
        String v1 = setup.indexPrefix + "1";
        String v2 = setup.indexPrefix + "2";
        AtomicBoolean listenerRan = new AtomicBoolean();

        Reindexer.Result result = reindexer.reindex(new Reindexer.Options(false, (oldIndices, newIndex) -> {
            assertThat(oldIndices).containsExactly(v1);
            assertThat(newIndex).isEqualTo(v2);
            // readers are still on the old index, which is complete
            assertThat(aliasedIndices()).containsExactly(v1);
            assertThat(es.count(setup.alias)).isEqualTo(14);
            // the new one is loaded, refreshed and not yet visible through the alias
            assertThat(es.count(v2)).isEqualTo(14);
            // meanwhile the live service publishes an update and a new article through the alias (to v1)
            setup.send(TestArticles.article("reidx-2", 3), TestArticles.article("reidx-during", 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> versionIn(v1, "reidx-2") == 3
                    && versionIn(v1, "reidx-during") == 1);
            listenerRan.set(true);
        }));

        assertThat(listenerRan).isTrue();
        assertThat(result.newIndex()).isEqualTo(v2);
        assertThat(result.recordsBeforeSwap()).isEqualTo(17);
        assertThat(result.recordsAfterSwap()).isGreaterThanOrEqualTo(2);
        assertThat(aliasedIndices()).containsExactly(v2);
        assertThat(es.get("/_alias/" + setup.alias).body().get(v2).get("aliases").get(setup.alias)
                .get("is_write_index").asBoolean()).isTrue();
        es.refresh(setup.alias);
        assertThat(es.count(setup.alias)).isEqualTo(15);
        assertThat(versionIn(setup.alias, "reidx-0")).isEqualTo(2);
        assertThat(versionIn(setup.alias, "reidx-1")).isEqualTo(-1);   // canceled stays gone
        assertThat(versionIn(setup.alias, "reidx-2")).isEqualTo(3);    // written to v1 during the reindex
        assertThat(versionIn(setup.alias, "reidx-during")).isEqualTo(1);
        assertThat(es.get("/" + v1).status()).as("old index kept").isEqualTo(200);
        // the new index got the template's settings back after the load
        JsonNode settings = es.get("/" + v2 + "/_settings").body().get(v2).get("settings").get("index");
        assertThat(settings.get("refresh_interval").asString()).isEqualTo("1s");

        // the live service now writes to the new index through the alias
        setup.send(TestArticles.article("reidx-after", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> versionIn(v2, "reidx-after") == 1);
        assertThat(versionIn(v1, "reidx-after")).isEqualTo(-1);
    }

    @Test
    @Order(2)
    void theReindexCommandOfTheJarSwapsAgainAndCanDeleteTheOldIndex() {
        String v2 = setup.indexPrefix + "2";
        String v3 = setup.indexPrefix + "3";
        awaitCaughtUp();

        List<String> args = new ArrayList<>(List.of(setup.arguments(Map.of())));
        args.add("--reindex");
        args.add("--delete-old-index");
        int exit = PublishServiceApplication.reindex(args.toArray(String[]::new));

        assertThat(exit).isZero();
        assertThat(aliasedIndices()).containsExactly(v3);
        assertThat(es.get("/" + v2).status()).as("old index deleted").isEqualTo(404);
        es.refresh(setup.alias);
        assertThat(es.count(setup.alias)).isEqualTo(16);
        assertThat(versionIn(setup.alias, "reidx-2")).isEqualTo(3);
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> setup.committedOffsets() == setup.endOffsets());
        es.refresh(setup.alias);
    }

    private List<String> aliasedIndices() {
        List<String> names = new ArrayList<>();
        es.get("/_alias/" + setup.alias).body().propertyNames().forEach(names::add);
        return names;
    }

    /** The article version of the document in that index (a real-time GET), or -1 when it is not there. */
    private long versionIn(String index, String id) {
        JsonNode doc = es.doc(index, id);
        if (doc == null) {
            return -1;
        }
        long version = doc.get("_source").get("version").asLong();
        assertThat(doc.get("_version").asLong()).as("external version of " + id).isEqualTo(ArticleVersions.ordinal(version, 0));
        return version;
    }
}
