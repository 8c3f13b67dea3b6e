package news.pipeline.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArticleVersionsTest {

    @Test
    void aNewerVersionWinsWhateverTheRevisionsAndWithinAVersionTheHigherRevision() {
        assertThat(ArticleVersions.ordinal(3, 0)).isGreaterThan(ArticleVersions.ordinal(2, 999));
        assertThat(ArticleVersions.ordinal(3, 1)).isGreaterThan(ArticleVersions.ordinal(3, 0));
        assertThat(ArticleVersions.ordinal(3, 2)).isEqualTo(3002);
        // a receive-time version (epoch milliseconds) and a version written before revisions existed
        long receiveTime = 1_796_000_000_000L;
        assertThat(ArticleVersions.ordinal(receiveTime, 0)).isGreaterThan(receiveTime);
        assertThat(ArticleVersions.ordinal(ArticleVersions.MAX_ARTICLE_VERSION, 999)).isPositive();
    }

    @Test
    void refusesWhatWouldNotOrder() {
        assertThatThrownBy(() -> ArticleVersions.ordinal(ArticleVersions.MAX_ARTICLE_VERSION + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArticleVersions.ordinal(1, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArticleVersions.ordinal(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheRevisionHeader() {
        assertThat(ArticleVersions.revision(null)).isZero();
        assertThat(ArticleVersions.revision("7".getBytes(StandardCharsets.UTF_8))).isEqualTo(7);
        assertThatThrownBy(() -> ArticleVersions.revision("x".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining(ArticleVersions.REVISION_HEADER);
        assertThatThrownBy(() -> ArticleVersions.revision("1000".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("outside");
    }
}
