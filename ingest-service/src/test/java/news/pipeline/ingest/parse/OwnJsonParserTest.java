package news.pipeline.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.support.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OwnJsonParserTest {

    private final OwnJsonParser parser = new OwnJsonParser(JsonMapper.builder().build());
    private final ParseContext saigon = ParseContext.of("baothaibinh", ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void readsEveryField() {
        ParsedArticle a = parser.parse(Samples.read("article-en.json"), saigon);

        assertThat(a.sourceId()).isEqualTo("wire-en-2024-11-02-0042");
        assertThat(a.uri()).isEqualTo("https://wire.example/news/2024/11/02/harbour-reopens");
        assertThat(a.version()).isEqualTo(1L);
        assertThat(a.versionCreated()).isEqualTo(Instant.parse("2024-11-02T09:30:00Z"));
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.headline()).isEqualTo("Harbour reopens after storm repairs");
        assertThat(a.section()).isEqualTo("local");
        assertThat(a.subjects()).hasSize(1);
        assertThat(a.images().getFirst().getCredit()).isEqualTo("Kim Tran");
        assertThat(a.audio().getFirst().getFileName()).isEqualTo("harbour-reopens.mp3");
        assertThat(a.audio().getFirst().getMimeType()).isEqualTo("audio/mpeg");
        assertThat(a.sourceLinks().getFirst().getPublishedAt()).isEqualTo(Instant.parse("2024-10-12T06:00:00Z"));
    }

    @Test
    void timesWithoutOffsetAreSourceLocalTime() {
        ParsedArticle a = parser.parse("{\"headline\":\"x\",\"versionCreated\":\"2024-11-02T17:55:00\"}", saigon);
        assertThat(a.versionCreated()).isEqualTo(Instant.parse("2024-11-02T10:55:00Z"));
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> parser.parse("""
                {"headline": 42, "versionCreated": "02/11/2024", "language": "vi vn",
                 "audio": [{"durationSeconds": -1}], "sourceLinks": [{"list": "related"}], "uri": "not a uri"}
                """, saigon))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("headline", "versionCreated", "language", "audio[0].fileName",
                                "sourceLinks[0].title", "uri"));
    }

    @Test
    void anArrayBelongsToTheBatchEndpoint() {
        assertThatThrownBy(() -> parser.parse("[{\"headline\":\"x\"}]", saigon))
                .isInstanceOfSatisfying(InvalidArticleException.class,
                        e -> assertThat(e.errors().getFirst().problem()).contains("/batch"));
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        assertThatThrownBy(() -> parser.parse("{\n  \"headline\": \"x\",\n  oops\n}", saigon))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> {
                    assertThat(e.errors().getFirst().field()).isEqualTo("body");
                    assertThat(e.errors().getFirst().problem()).startsWith("is not valid JSON").contains("line 3");
                });
    }
}
