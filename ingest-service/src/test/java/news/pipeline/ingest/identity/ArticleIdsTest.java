package news.pipeline.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import news.pipeline.ingest.identity.ArticleIds.Basis;
import news.pipeline.ingest.model.InvalidArticleException;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void stableAndPrefixedByTheFeed() {
        String id = ArticleIds.of("baothaibinh", "12345", null, null).id();
        assertThat(id).isEqualTo(ArticleIds.of("baothaibinh", "12345", "https://other.example", "Other").id())
                .matches("baothaibinh-[0-9a-f]{32}");
        assertThat(ArticleIds.belongsTo(id, "baothaibinh")).isTrue();
        assertThat(ArticleIds.belongsTo(id, "wire-en")).isFalse();
    }

    @Test
    void sameSourceIdInAnotherFeedIsAnotherArticle() {
        assertThat(ArticleIds.of("a", "1", null, null).id()).isNotEqualTo(ArticleIds.of("b", "1", null, null).id());
    }

    @Test
    void precedenceIsSourceIdThenUrlThenHeadline() {
        assertThat(ArticleIds.of("f", "1", "https://x.example/a", "H").basis()).isEqualTo(Basis.SOURCE_ID);
        assertThat(ArticleIds.of("f", null, "https://x.example/a", "H").basis()).isEqualTo(Basis.URL);
        assertThat(ArticleIds.of("f", " ", null, "H").basis()).isEqualTo(Basis.HEADLINE);
    }

    @Test
    void urlVariantsOfTheSamePageGiveTheSameId() {
        String id = ArticleIds.of("f", null, "https://Site.Example/tin/123", null).id();
        assertThat(ArticleIds.of("f", null, "HTTPS://site.example:443/tin/123/#comments", null).id()).isEqualTo(id);
        assertThat(ArticleIds.of("f", null, "https://site.example/tin/124", null).id()).isNotEqualTo(id);
    }

    @Test
    void headlineIdIgnoresCaseSpacingAndComposition() {
        String headline = "Đẩy mạnh thực hiện quy chế dân chủ";
        String id = ArticleIds.of("f", null, null, headline).id();
        assertThat(ArticleIds.of("f", null, null, "  ĐẨY MẠNH  thực hiện quy chế dân chủ ").id()).isEqualTo(id);
        assertThat(ArticleIds.of("f", null, null, Normalizer.normalize(headline, Normalizer.Form.NFD)).id()).isEqualTo(id);
    }

    @Test
    void nothingToIdentifyIsRefused() {
        assertThatThrownBy(() -> ArticleIds.of("f", null, null, " ")).isInstanceOf(InvalidArticleException.class);
    }
}
