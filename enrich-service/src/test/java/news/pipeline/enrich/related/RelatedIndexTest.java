package news.pipeline.enrich.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelatedIndexTest {

    static final Instant T0 = Instant.parse("2019-12-25T03:15:00Z");

    final RelatedIndex index = new RelatedIndex(RelatedSettings.defaults());

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
    void aNeighbourVotesOnlyForTopicsWithEvidenceOfItsOwnNotForOnesItWasVotedInto() {
        EnrichedArticle voted = EnrichedArticle.newBuilder(enriched(democracy("dem-1", T0.minusSeconds(86_400)), "vi",
                "medtop:11000000"))
                .setCategories(List.of(
                        Category.newBuilder().setCode("medtop:20000621").setLabelEn("x").setLabelVi("x")
                                .setParentCode("medtop:11000000").setScore(0.7).setSource(CategorySource.FEED).build(),
                        Category.newBuilder().setCode("medtop:16000000").setLabelEn("x").setLabelVi("x")
                                .setScore(0.6).setSource(CategorySource.SIMILAR_ARTICLES).build()))
                .build();
        index.accept(voted);

        List<RelatedHit> hits = index.find(SeedArticle.article("seed"), "vi");

        assertThat(hits).extracting(RelatedHit::id).containsExactly("dem-1");
        assertThat(hits.getFirst().topLevelCodes()).containsExactly("medtop:11000000");
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
    void anAcceptedArticleIsACandidateForTheVeryNextQuery() {
        index.accept(enriched(democracy("dem-1", T0.minusSeconds(3_600)), "vi", "medtop:11000000"));

        assertThat(index.find(democracy("dem-2", T0), "vi")).extracting(RelatedHit::id).containsExactly("dem-1");
    }

    /**
     * With fewer articles than the candidate limit, every article sharing a query term is a candidate, so the
     * index must give exactly what scoring every article the plain way gives: the cosine of the two texts'
     * vectors × recency, the best five at or above the minimum, ties by id.
     */
    @Test
    void withFewArticlesTheResultIsTheBestOfAllScoredThePlainWay() {
        String[][] texts = {
                {"Hội nghị Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở", "Tổng kết công tác dân chủ ở cơ sở năm 2019."},
                {"Thực hiện quy chế dân chủ ở xã", "Phát huy quyền làm chủ của nhân dân, dân chủ ở cơ sở."},
                {"Tuyển futsal Việt Nam thắng trận ra quân", "Các cầu thủ futsal giành chiến thắng thuyết phục."},
                {"Mưa lớn gây ngập lụt nhiều xã ven sông", "Nước sông dâng cao, sơ tán hàng trăm hộ dân."},
                {"Ban Chỉ đạo tổng kết quy chế dân chủ", "Hội nghị tổng kết, triển khai nhiệm vụ năm 2020 ở cơ sở."},
                {"Nông dân thu hoạch lúa mùa", "Thái Bình thu hoạch lúa mùa, năng suất cao; nông dân phấn khởi."},
                {"Dân chủ ở cơ sở: kết quả và hạn chế", "Quy chế dân chủ được thực hiện nghiêm ở nhiều xã."}};
        List<RawArticle> held = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            RawArticle article = SeedArticle.other("a-" + i, "vi", texts[i][0], texts[i][1], texts[i][1] + " " + texts[i][0],
                    T0.minusSeconds(86_400L * (i + 1)));
            held.add(article);
            index.accept(enriched(article, "vi", "medtop:11000000"));
        }
        RawArticle seed = SeedArticle.article("seed");

        List<RelatedHit> hits = index.find(seed, "vi");

        var seedVector = ReferenceVectors.vector(RelatedIndex.queryText(seed));
        List<java.util.Map.Entry<String, Double>> expected = held.stream()
                .map(a -> java.util.Map.entry(a.getId(), Math.round(ReferenceVectors.cosine(seedVector,
                        ReferenceVectors.vector(RelatedIndex.queryText(a)))
                        * index.recency(RelatedIndex.publishedAt(seed), RelatedIndex.publishedAt(a)) * 10_000) / 10_000.0))
                .filter(e -> e.getValue() >= RelatedSettings.defaults().minScore())
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(5)
                .toList();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        assertThat(hits).extracting(RelatedHit::id).containsExactlyElementsOf(expected.stream().map(java.util.Map.Entry::getKey).toList());
        assertThat(hits).extracting(RelatedHit::score).containsExactlyElementsOf(expected.stream().map(java.util.Map.Entry::getValue).toList());
    }

    @Test
    void replacedAndRemovedArticlesLeaveNoTraceOnceTheIndexIsCompacted() {
        // enough replacements to compact several times; the last version of each article is what stays
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 600; i++) {
                RawArticle article = i % 2 == 0 ? democracy("dem-" + i, T0.minusSeconds(86_400L * (i % 30)))
                        : football("foot-" + i, T0.minusSeconds(86_400L * (i % 30)));
                index.accept(enriched(RawArticle.newBuilder(article).setVersion(round + 1L).build(), "vi", "medtop:11000000"));
            }
        }
        for (int i = 1; i < 600; i += 2) {
            index.delete("foot-" + i);
        }

        assertThat(index.size()).isEqualTo(300);
        List<RelatedHit> hits = index.find(football("foot-new", T0), "vi");
        assertThat(hits).isEmpty(); // every football article is gone, and no democracy article is close enough
        List<RelatedHit> democracy = index.find(democracy("dem-new", T0), "vi");
        assertThat(democracy).hasSize(5).allSatisfy(hit -> assertThat(hit.id()).startsWith("dem-"));
        assertThat(democracy.getFirst().score()).isEqualTo(1.0); // same text, published the same day
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
