package news.pipeline.benchmark.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArticleGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** enrich-service's narration file-name convention. */
    private static final Pattern AUDIO_NAME = Pattern.compile(
            "^(\\d{2})(\\d{2})(\\d{2})_([a-z0-9]+)_([a-z0-9_]+?)(?:_mixdown)?\\.mp3$");

    @Test
    void theSameSeedGivesTheSameArticles() {
        List<GeneratedArticle> a = new ArticleGenerator(7, "t1").batch("full", 60);
        List<GeneratedArticle> b = new ArticleGenerator(7, "t1").batch("full", 60);
        assertThat(a).hasSize(60);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).body()).as("article %d", i).isEqualTo(a.get(i).body());
            assertThat(b.get(i).headline()).isEqualTo(a.get(i).headline());
            assertThat(b.get(i).format()).isEqualTo(a.get(i).format());
        }
    }

    @Test
    void anArticleDoesNotDependOnHowManyAreGenerated() {
        ArticleGenerator generator = new ArticleGenerator(7, "t1");
        assertThat(generator.batch("full", 5).get(3).body()).isEqualTo(generator.batch("full", 50).get(3).body());
        assertThat(generator.article("full", 3).body()).isEqualTo(generator.batch("full", 5).get(3).body());
    }

    @Test
    void anotherSeedOrBatchGivesOtherArticles() {
        byte[] first = new ArticleGenerator(7, "t1").article("full", 0).body();
        assertThat(new ArticleGenerator(8, "t1").article("full", 0).body()).isNotEqualTo(first);
        assertThat(new ArticleGenerator(7, "t1").article("half", 0).body()).isNotEqualTo(first);
    }

    @Test
    void articlesLookLikeRealNewsInBothLanguages() throws Exception {
        List<GeneratedArticle> articles = new ArticleGenerator(42, "mix").batch("full", 400);
        Set<String> uris = new HashSet<>();
        int vi = 0;
        int audio = 0;
        int links = 0;
        for (GeneratedArticle a : articles) {
            assertThat(a.wordCount()).isBetween(ArticleGenerator.MIN_WORDS - 40, ArticleGenerator.MAX_WORDS + 40);
            assertThat(uris.add(a.sourceUri())).as("unique uri").isTrue();
            assertThat(a.sourceUri()).contains("/mix/full/");
            JsonNode body = JSON.readTree(a.body());
            String text = new String(a.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).isTrue();
            assertThat(body.toString()).contains("bench-mix");
            vi += a.language().equals("vi") ? 1 : 0;
            if (a.language().equals("vi")) {
                assertThat(a.feed()).isEqualTo("baothaibinh");
            } else {
                assertThat(a.feed()).isEqualTo("wire-en");
            }
            switch (a.format()) {
                case "ninjs-2" -> {
                    assertThat(a.contentType()).isEqualTo("application/ninjs+json");
                    assertThat(body.path("uri").asText()).isEqualTo(a.sourceUri());
                    assertThat(body.path("headlines").get(0).path("value").asText()).isEqualTo(a.headline());
                    assertThat(body.path("bodies").get(0).path("value").asText()).isNotBlank();
                }
                case "ninjs-1" -> {
                    assertThat(a.contentType()).isEqualTo("application/ninjs+json");
                    assertThat(body.path("headline").asText()).isEqualTo(a.headline());
                    assertThat(body.path("body_html").asText()).startsWith("<p>");
                }
                case "json" -> {
                    assertThat(a.contentType()).isEqualTo("application/json");
                    assertThat(body.path("sourceId").asText()).isEqualTo(a.sourceUri());
                    assertThat(body.path("sourceLinks").size()).isBetween(3, 8);
                }
                default -> throw new AssertionError(a.format());
            }
            if (a.hasAudio()) {
                audio++;
                String file = body.toString().replaceAll(".*/audio/([^\"]+\\.mp3).*", "$1");
                assertThat(file).matches(AUDIO_NAME);
                String slug = AUDIO_NAME.matcher(file).replaceAll("$5");
                List<String> headlineTokens = ArticleGenerator.slugTokens(a.headline());
                List<String> slugTokens = List.of(slug.split("_"));
                assertThat(headlineTokens.subList(0, slugTokens.size())).as("slug is the start of the headline")
                        .isEqualTo(slugTokens);
            }
            links += a.sourceLinks() > 0 ? 1 : 0;
        }
        assertThat(vi).isBetween(220, 300);
        assertThat(audio).isBetween(60, 140);
        assertThat(links).isBetween(70, 130);
        assertThat(articles.stream().mapToInt(GeneratedArticle::wordCount).average().orElse(0)).isBetween(550.0, 950.0);
    }

    @Test
    void slugTokensFoldVietnamese() {
        assertThat(ArticleGenerator.slugTokens("Đẩy mạnh thực hiện quy chế dân chủ ở Thái Bình"))
                .containsExactly("day", "manh", "thuc", "hien", "quy", "che", "dan", "chu", "o", "thai", "binh");
    }
}
