package news.pipeline.publish.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.publish.support.Es;
import news.pipeline.publish.support.TestArticles;
import news.pipeline.publish.support.TestSetup;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Runs every example query of the readers' contract (publish-service/README.md), from the same
 * files the README shows, against articles published through the service.
 */
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderQueriesIT {

    static final String DEMOCRACY = "baothaibinh-12345";   // "quy chế dân chủ", politics via government, 19 Dec 10:15 ICT
    static final String TEA = "baothaibinh-cho-che";       // "chè", economy, 18 Dec 23:30 ICT
    static final String NEW_YEAR = "vnexpress-giao-thua";  // politics, 19 Dec 23:59 ICT
    static final String EARLY = "baothaibinh-som";         // economy, 19 Dec 00:30 ICT
    static final String KILLED = "baothaibinh-killed";     // canceled: never visible

    private TestSetup setup;
    private Es es;

    @BeforeAll
    void publishFixtures(Endpoints servers) {
        setup = TestSetup.create(servers, "readers");
        es = setup.es;
        setup.startApp();
        setup.awaitIndexReady();

        EnrichedArticle democracy = TestArticles.article(DEMOCRACY, 3);
        EnrichedArticle tea = article(TEA, "Chợ chè Thái Nguyên đông khách ngày cuối năm",
                "Giá chè xanh tăng nhẹ, người mua vẫn đông.", "2025-12-18T16:30:00Z", TestArticles.ECONOMY, "economy", "kinh tế");
        EnrichedArticle newYear = article(NEW_YEAR, "Hà Nội: đêm giao thừa an toàn",
                "Lực lượng chức năng trực suốt đêm.", "2025-12-19T16:59:00Z", TestArticles.POLITICS, "politics", "chính trị");
        EnrichedArticle early = article(EARLY, "Giá lúa tăng ngay từ sáng sớm",
                "Thương lái thu mua lúa từ 0 giờ.", "2025-12-18T17:30:00Z", TestArticles.ECONOMY, "economy", "kinh tế");
        setup.send(democracy, tea, newYear, early, TestArticles.article(KILLED, 1), TestArticles.canceled(KILLED, 2));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> setup.committedOffsets() == setup.endOffsets());
        es.refresh(setup.alias);
        assertThat(es.count(setup.alias)).isEqualTo(4);
    }

    @AfterAll
    void cleanUp() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void fullTextWithDiacritics() {
        JsonNode result = run("full-text-with-diacritics.json");

        assertThat(ids(result)).containsExactly(DEMOCRACY);
        assertThat(result.get("hits").get("hits").get(0).get("highlight").get("headline").get(0).asString())
                .contains("<em>quy</em> <em>chế</em> <em>dân</em> <em>chủ</em>");
    }

    @Test
    void fullTextWithoutDiacriticsFindsTheSameArticle() {
        JsonNode result = run("full-text-without-diacritics.json");

        assertThat(ids(result)).containsExactly(DEMOCRACY);
        assertThat(result.get("hits").get("hits").get(0).get("_source").get("headline").asString())
                .startsWith("Đẩy mạnh thực hiện quy chế dân chủ");
    }

    @Test
    void anUnaccentedWordMatchesEveryAccentedFormButAnAccentedWordOnlyItsOwn() {
        String che = "{\"query\": {\"match\": {\"headline\": \"che\"}}}";
        String cheWithGraveAccent = "{\"query\": {\"match\": {\"headline\": \"chè\"}}}";

        assertThat(ids(es.search(setup.alias, che))).containsExactlyInAnyOrder(DEMOCRACY, TEA);
        assertThat(ids(es.search(setup.alias, cheWithGraveAccent))).containsExactly(TEA);
    }

    @Test
    void byCategoryIncludesArticlesOfItsSubcategories() {
        JsonNode result = run("by-category.json");

        assertThat(ids(result)).containsExactly(NEW_YEAR, DEMOCRACY);
    }

    @Test
    void newsOfOneDayInVietnamTime() {
        JsonNode result = run("news-of-one-day.json");

        assertThat(ids(result)).containsExactly(NEW_YEAR, DEMOCRACY, EARLY);
    }

    @Test
    void anArticleWithItsRelatedLinks() {
        JsonNode source = run("article-with-related-links.json").get("hits").get("hits").get(0).get("_source");

        assertThat(source.get("id").asString()).isEqualTo(DEMOCRACY);
        assertThat(source.get("related").get(0).get("id").asString()).isEqualTo("baothaibinh-related-1");
        assertThat(source.get("related").get(0).get("url").asString()).isEqualTo("https://baothaibinh.example/tin/related-1");
        assertThat(source.get("related").get(0).get("title").asString()).isEqualTo("Hội nghị tổng kết công tác dân vận năm 2019");
        assertThat(source.get("sourceLinks").get(0).get("list").asString()).isEqualTo("same-section");
        assertThat(source.get("audio").get("durationSeconds").asDouble()).isEqualTo(184.5);
        // the same document by id, as GET /articles/_doc/{id}
        JsonNode byId = es.doc(setup.alias, DEMOCRACY);
        assertThat(byId.get("_version").asLong()).isEqualTo(ArticleVersions.ordinal(3, 0));
        assertThat(byId.get("_source").get("related").size()).isEqualTo(1);
    }

    @Test
    void facetCountByCategory() {
        JsonNode buckets = run("facet-by-category.json").get("aggregations").get("by_category").get("buckets");

        Map<String, Long> counts = new HashMap<>();
        buckets.forEach(b -> counts.put(b.get("key").asString(), b.get("doc_count").asLong()));
        assertThat(counts).isEqualTo(Map.of(
                TestArticles.POLITICS, 2L,
                TestArticles.GOVERNMENT, 1L,
                TestArticles.ECONOMY, 2L));
    }

    private JsonNode run(String file) {
        return es.search(setup.alias, query(file));
    }

    static String query(String file) {
        try (InputStream in = ReaderQueriesIT.class.getResourceAsStream("/reader-queries/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("hits").get("hits").forEach(h -> ids.add(h.get("_id").asString()));
        return ids;
    }

    private static EnrichedArticle article(String id, String headline, String body, String published, String category,
            String labelEn, String labelVi) {
        EnrichedArticle base = TestArticles.withRaw(TestArticles.article(id, 1), raw -> raw
                .setHeadline(headline)
                .setSubheadline(null)
                .setBodyText(body)
                .setBodyHtml("<p>" + body + "</p>")
                .setKeywords(List.of())
                .setVersionCreated(Instant.parse(published)));
        return EnrichedArticle.newBuilder(base)
                .setCategories(List.of(new Category(category, labelEn, labelVi, null, 0.9, CategorySource.FEED)))
                .setRelatedArticles(List.of())
                .build();
    }
}
