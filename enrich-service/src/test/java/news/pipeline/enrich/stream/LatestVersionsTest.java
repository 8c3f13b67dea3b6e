package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatestVersionsTest {

    private final LatestVersions versions = new LatestVersions();

    @Test
    void newerAndSameVersionsPassOlderOnesDoNot() {
        assertThat(versions.offer("a", 3)).isTrue();
        assertThat(versions.offer("a", 5)).isTrue();
        assertThat(versions.offer("a", 5)).as("a redelivery of the latest").isTrue();
        assertThat(versions.offer("a", 4)).isFalse();
        assertThat(versions.offer("a", 1)).isFalse();
        assertThat(versions.latest("a")).isEqualTo(5L);
        assertThat(versions.offer("b", 1)).isTrue();
        assertThat(versions.size()).isEqualTo(2);
    }

    @Test
    void onlyAStrictlyNewerVersionIsTakenInFromAnotherWriter() {
        assertThat(versions.offerNewer("a", 3)).isTrue();
        assertThat(versions.offerNewer("a", 3)).as("our own output coming back").isFalse();
        assertThat(versions.offerNewer("a", 2)).isFalse();
        assertThat(versions.offerNewer("a", 4)).isTrue();
        assertThat(versions.latest("a")).isEqualTo(4L);
    }

    @Test
    void aForgottenArticleStartsAfresh() {
        versions.offer("a", 9);
        versions.forget("a");

        assertThat(versions.latest("a")).isNull();
        assertThat(versions.offer("a", 2)).isTrue();
    }
}
