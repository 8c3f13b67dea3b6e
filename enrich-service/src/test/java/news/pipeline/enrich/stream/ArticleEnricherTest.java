package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.enrich.audio.AudioEnricher;
import news.pipeline.enrich.audio.AudioSettings;
import news.pipeline.enrich.category.CategoryEnricher;
import news.pipeline.enrich.category.CategoryData;
import news.pipeline.enrich.category.CategorySettings;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.enrich.related.RelatedSettings;
import news.pipeline.events.EnrichedArticle;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class ArticleEnricherTest {

    @Test
    void eachEnricherIsTimedOncePerArticleAndTheArticleJoinsTheRelatedIndex() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (RelatedIndex related = new RelatedIndex(RelatedSettings.defaults());
                AudioEnricher audio = new AudioEnricher(AudioSettings.withoutMedia())) {
            ArticleEnricher enricher = ArticleEnricher.standalone(related, new CategoryEnricher(CategoryData.load(new DefaultResourceLoader(), "classpath:categories/", List.of("vi", "en")),
                    CategorySettings.defaults()), audio, "test", meters);

            enricher.enrich(SeedArticle.article("seed-1"));
            EnrichedArticle second = enricher.enrich(SeedArticle.other("other-1", "vi", SeedArticle.article("x").getHeadline(),
                    "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở.", SeedArticle.article("x").getBodyText(),
                    Instant.parse("2019-12-26T03:15:00Z")));

            for (String stage : List.of("text", "source-links", "related", "categories", "audio", "index")) {
                assertThat(meters.get("enrich.enricher.latency").tag("enricher", stage).timer().count()).as(stage).isEqualTo(2);
            }
            assertThat(related.size()).isEqualTo(2);
            assertThat(second.getRelatedArticles()).extracting(r -> r.getId()).containsExactly("seed-1");
        }
    }
}
