package news.pipeline.publish.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.publish.support.TestArticles;
import org.junit.jupiter.api.Test;

class ArticleDocumentTest {

    @Test
    void aUsableArticleBecomesAVersionedDocumentWithEveryContractField() {
        EnrichedArticle article = TestArticles.article("baothaibinh-1", 3);

        IndexAction action = ArticleDocument.actionFor(article);

        assertThat(action).isInstanceOf(IndexAction.Upsert.class);
        assertThat(action.id()).isEqualTo("baothaibinh-1");
        assertThat(action.version()).isEqualTo(3);
        assertThat(action.externalVersion()).as("article version 3, enrichment revision 0").isEqualTo(3000);
        Map<String, Object> doc = ((IndexAction.Upsert) action).document();
        assertThat(doc).containsKeys("id", "version", "feed", "sourceId", "url", "slug", "language", "section",
                "headline", "subheadline", "byline", "body", "bodyHtml", "keywords", "located", "subjects",
                "categoryCodes", "categories", "publishedAt", "firstCreated", "receivedAt", "enrichedAt", "audio",
                "related", "sourceLinks", "images", "wordCount", "readingTimeSeconds", "contentHash",
                "enrichmentVersion", "enrichmentRevision");
        assertThat(doc.get("publishedAt")).isEqualTo("2025-12-19T03:15:00Z");
        assertThat(doc.get("url")).isEqualTo("https://baothaibinh.example/tin/baothaibinh-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> audio = (Map<String, Object>) doc.get("audio");
        assertThat(audio).containsEntry("recordingDate", "2025-12-19").containsEntry("durationSource", "MEASURED")
                .containsEntry("channels", 2).containsEntry("narrator", "thoia");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> related = (List<Map<String, Object>>) doc.get("related");
        assertThat(related).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("id", "baothaibinh-related-1")
                .containsEntry("url", "https://baothaibinh.example/tin/related-1")
                .containsEntry("publishedAt", "2019-12-20T02:00:00Z"));
    }

    @Test
    void aReEnrichmentOrdersAfterTheFirstEnrichmentAndBeforeTheNextVersion() {
        EnrichedArticle first = TestArticles.article("a", 3);
        EnrichedArticle again = EnrichedArticle.newBuilder(first).setEnrichmentRevision(2).build();
        EnrichedArticle next = TestArticles.article("a", 4);

        assertThat(ArticleDocument.actionFor(again).externalVersion())
                .isGreaterThan(ArticleDocument.actionFor(first).externalVersion())
                .isLessThan(ArticleDocument.actionFor(next).externalVersion());
        assertThat(ArticleDocument.toDocument(again)).containsEntry("version", 3L).containsEntry("enrichmentRevision", 2);
    }

    /** Written before ingest capped versions, it is refused for itself (a dead letter), not with its batch. */
    @Test
    void aVersionThatLeavesNoRoomForRevisionsIsRefusedWhenMapped() {
        EnrichedArticle huge = TestArticles.article("a", news.pipeline.schemas.topics.ArticleVersions.MAX_ARTICLE_VERSION + 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArticleDocument.actionFor(huge))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("article version");
    }

    @Test
    void categoryCodesHoldEachCodeAndItsParentOnce() {
        EnrichedArticle article = EnrichedArticle.newBuilder(TestArticles.article("a", 1))
                .setCategories(List.of(
                        new Category(TestArticles.GOVERNMENT, "government", "chính phủ", TestArticles.POLITICS, 0.8,
                                CategorySource.LEXICON),
                        new Category(TestArticles.POLITICS, "politics", "chính trị", null, 0.7, CategorySource.FEED),
                        new Category(TestArticles.ECONOMY, "economy", "kinh tế", null, 0.4, CategorySource.SIMILAR_ARTICLES)))
                .build();

        Map<String, Object> doc = ArticleDocument.toDocument(article);

        assertThat(doc.get("categoryCodes")).isEqualTo(List.of(TestArticles.GOVERNMENT, TestArticles.POLITICS,
                TestArticles.ECONOMY));
    }

    @Test
    void canceledAndWithheldArticlesAreVersionedDeletes() {
        IndexAction canceled = ArticleDocument.actionFor(TestArticles.canceled("a", 7));
        IndexAction withheld = ArticleDocument.actionFor(
                TestArticles.withRaw(TestArticles.article("b", 4), raw -> raw.setPubStatus(PubStatus.withheld)));

        assertThat(canceled).isEqualTo(new IndexAction.Delete("a", 7, 0, "canceled"));
        assertThat(withheld).isEqualTo(new IndexAction.Delete("b", 4, 0, "withheld"));
    }

    @Test
    void absentOptionalValuesAreLeftOutNotWrittenAsNull() {
        EnrichedArticle bare = TestArticles.withRaw(
                EnrichedArticle.newBuilder(TestArticles.article("c", 1)).setAudio(null).setSlug(null)
                        .setRelatedArticles(List.of()).build(),
                raw -> raw.setSubheadline(null).setFirstCreated(null).setKeywords(List.of()));

        Map<String, Object> doc = ArticleDocument.toDocument(bare);

        assertThat(doc).doesNotContainKeys("audio", "slug", "related", "subheadline", "firstCreated", "keywords");
        assertThat(doc.values()).doesNotContainNull();
    }
}
