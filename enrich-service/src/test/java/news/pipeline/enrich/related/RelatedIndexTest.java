package news.pipeline.enrich.related;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelatedIndexTest {

    static final Instant T0 = Instant.parse("2019-12-25T03:15:00Z");

    /** Every change visible to the next query: these tests are about scores, not staleness. */
    final RelatedIndex index = new RelatedIndex(new ByteBuffersDirectory(),
            RelatedSettings.defaults().withRefreshInterval(Duration.ZERO));

    @AfterEach
    void close() {
        index.close();
    }

    static EnrichedArticle enriched(RawArticle article, String language, String topic) {
        return EnrichedArticle.newBuilder()
                .setId(article.getId()).setVersion(article.getVersion()).setArticle(article)
                .setCategories(List.of(Category.newBuilder().setCode(topic).setLabelEn("x").setLabelVi("x")
                        .setScore(0.8).setSource(CategorySource.LEXICON).build()))
                .setRelatedArticles(List.of()).setDetectedLanguage(language)
                .setEnrichedAt(article.getReceivedAt()).setEnrichmentVersion("test").build();
    }

    static RawArticle democracy(String id, Instant at) {
        return SeedArticle.other(id, "vi", "Hội nghị Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở",
                "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh tổng kết công tác năm và triển khai nhiệm vụ.",
                "Thực hiện quy chế dân chủ ở cơ sở, thực hành dân chủ, phát huy quyền làm chủ của nhân dân.", at);
    }

    static RawArticle football(String id, Instant at) {
        return SeedArticle.other(id, "vi", "Tuyển futsal Việt Nam thắng trận ra quân",
                "Các cầu thủ futsal Việt Nam giành chiến thắng thuyết phục.", "Huấn luyện viên hài lòng.", at);
    }

    @Test
    void findsTheSimilarArticleInTheSameLanguageNotItself() {
        index.accept(enriched(democracy("dem-1", T0.minusSeconds(86_400)), "vi", "medtop:11000000"));
        index.accept(enriched(football("foot-1", T0.minusSeconds(3_600)), "vi", "medtop:15000000"));
        RawArticle englishTwin = SeedArticle.other("en-1", "en", "Democracy regulations at the grassroots",
                "quy chế dân chủ ở cơ sở", "Ban Chỉ đạo", T0);
        index.accept(enriched(englishTwin, "en", "medtop:11000000"));
        RawArticle seed = SeedArticle.article("seed");
        index.accept(enriched(seed, "vi", "medtop:11000000")); // seen before: must not find itself

        List<RelatedHit> hits = index.find(seed, "vi");

        assertThat(hits).isNotEmpty();
        assertThat(hits.getFirst().id()).isEqualTo("dem-1");
        assertThat(hits.getFirst().title()).isEqualTo("Hội nghị Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở");
        assertThat(hits.getFirst().url()).isEqualTo("https://news.example/dem-1");
        assertThat(hits.getFirst().topLevelCodes()).containsExactly("medtop:11000000");
        assertThat(hits.getFirst().score()).isBetween(0.1, 1.0);
        assertThat(hits).extracting(RelatedHit::id).doesNotContain("seed", "en-1");
        assertThat(index.size()).isEqualTo(4);
        // same state, same answer
        assertThat(index.find(seed, "vi")).isEqualTo(hits);
    }

    @Test
    void aCandidatesScoreFromItsStoredTermVectorEqualsTheScoreFromItsText() {
        RawArticle earlier = democracy("dem-1", T0.minusSeconds(86_400));
        index.accept(enriched(earlier, "vi", "medtop:11000000"));
        RawArticle seed = SeedArticle.article("seed");

        RelatedHit hit = index.find(seed, "vi").getFirst();

        double fromTexts = ReferenceVectors.cosine(ReferenceVectors.vector(RelatedIndex.queryText(seed)),
                ReferenceVectors.vector(RelatedIndex.queryText(earlier)))
                * index.recency(RelatedIndex.publishedAt(seed), RelatedIndex.publishedAt(earlier));
        assertThat(hit.id()).isEqualTo("dem-1");
        assertThat(hit.score()).isEqualTo(Math.round(fromTexts * 10_000) / 10_000.0);
    }

    @Test
    void aNewVersionReplacesTheOldOneAndNeverFindsItself() {
        RawArticle v1 = democracy("dem-1", T0);
        index.accept(enriched(v1, "vi", "medtop:11000000"));
        RawArticle v2 = RawArticle.newBuilder(v1).setVersion(2L).build();
        assertThat(index.find(v2, "vi")).isEmpty();
        index.accept(enriched(v2, "vi", "medtop:11000000"));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void recentArticlesArePreferred() {
        index.accept(enriched(democracy("old", T0.minusSeconds(365L * 86_400)), "vi", "medtop:11000000"));
        index.accept(enriched(democracy("recent", T0.minusSeconds(86_400)), "vi", "medtop:11000000"));

        List<RelatedHit> hits = index.find(democracy("new", T0), "vi");

        assertThat(hits).extracting(RelatedHit::id).containsExactly("recent", "old");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(index.recency(T0, T0)).isEqualTo(1.0);
        assertThat(index.recency(T0, T0.minusSeconds(30L * 86_400))).isEqualTo(0.75);
    }

    @Test
    void anArticleIsACandidateOnceTheRefreshIntervalHasPassed() {
        Duration interval = RelatedSettings.DEFAULT_REFRESH_INTERVAL;
        try (RelatedIndex batched = new RelatedIndex(new ByteBuffersDirectory(), RelatedSettings.defaults())) {
            long refreshedAt = System.nanoTime();
            batched.refresh();
            batched.accept(enriched(democracy("dem-1", T0.minusSeconds(3_600)), "vi", "medtop:11000000"));
            List<RelatedHit> immediately = batched.find(democracy("dem-2", T0), "vi");
            if (System.nanoTime() - refreshedAt < interval.toNanos()) {
                assertThat(immediately).as("within the interval, the next refresh is not due yet").isEmpty();
            }

            List<RelatedHit> later = await().atMost(interval.multipliedBy(20))
                    .until(() -> batched.find(democracy("dem-3", T0), "vi"), hits -> !hits.isEmpty());

            assertThat(Duration.ofNanos(System.nanoTime() - refreshedAt)).isGreaterThanOrEqualTo(interval);
            assertThat(later).extracting(RelatedHit::id).containsExactly("dem-1");
        }
    }

    @Test
    void anArticleAcceptedAnIntervalBeforeTheQueryIsAlwaysFound() throws InterruptedException {
        Duration interval = RelatedSettings.DEFAULT_REFRESH_INTERVAL;
        try (RelatedIndex batched = new RelatedIndex(new ByteBuffersDirectory(), RelatedSettings.defaults())) {
            batched.accept(enriched(democracy("dem-1", T0.minusSeconds(3_600)), "vi", "medtop:11000000"));
            long acceptedAt = System.nanoTime();
            await().pollDelay(interval).atMost(interval.multipliedBy(2))
                    .until(() -> System.nanoTime() - acceptedAt >= interval.toNanos());

            assertThat(batched.find(democracy("dem-2", T0), "vi")).extracting(RelatedHit::id).containsExactly("dem-1");
        }
    }

    @Test
    void canceledArticlesLeaveTheIndex() {
        RawArticle article = democracy("dem-1", T0);
        index.accept(enriched(article, "vi", "medtop:11000000"));
        RawArticle kill = RawArticle.newBuilder(article).setPubStatus(PubStatus.canceled).setVersion(2L).build();
        index.accept(enriched(kill, "vi", "medtop:11000000"));
        assertThat(index.size()).isZero();
        assertThat(index.find(democracy("other", T0), "vi")).isEmpty();
    }
}
