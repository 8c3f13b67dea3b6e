package news.pipeline.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import news.pipeline.events.PubStatus;
import news.pipeline.events.SubjectRef;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import news.pipeline.ingest.support.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NinjsParserTest {

    private final NinjsParser parser = new NinjsParser(JsonMapper.builder().build());
    private final ParseContext context = ParseContext.of("baothaibinh", ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void ninjs1WithAudioAndPictureAssociations() {
        ParsedArticle a = parser.parse(Samples.read("ninjs-1.4-audio.json"), context);

        assertThat(a.format()).isEqualTo(SourceFormat.NINJS);
        assertThat(a.sourceId()).isEqualTo("urn:newsml:baothaibinh.example:20191219:quy-che-dan-chu");
        assertThat(a.uri()).isEqualTo(a.sourceId());
        assertThat(a.version()).isEqualTo(2L);
        assertThat(a.versionCreated()).isEqualTo(Instant.parse("2019-12-19T02:15:00Z"));
        assertThat(a.firstCreated()).isEqualTo(Instant.parse("2019-12-19T01:30:00Z"));
        assertThat(a.pubStatus()).isEqualTo(PubStatus.usable);
        assertThat(a.language()).isEqualTo("vi");
        assertThat(a.headline()).isEqualTo("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở");
        assertThat(a.subheadline()).isEqualTo("Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh tổng kết năm 2019.");
        assertThat(a.bodyHtml()).contains("<p>Năm 2019"); // sanitised later, by the normaliser
        assertThat(a.byline()).isEqualTo("Mạnh Cường");
        assertThat(a.located()).isEqualTo("Thái Bình");
        assertThat(a.keywords()).containsExactly("quy chế dân chủ", "Thái Bình");
        assertThat(a.subjects()).containsExactly(new SubjectRef("medtop:11000000", "chính trị",
                "http://cv.iptc.org/newscodes/mediatopic/"));
        assertThat(a.audio()).singleElement().satisfies(audio -> {
            assertThat(audio.getHref()).isEqualTo(
                    "https://media.baothaibinh.example/audio/251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
            assertThat(audio.getFileName()).isEqualTo("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
            assertThat(audio.getMimeType()).isEqualTo("audio/mpeg");
            assertThat(audio.getDurationSeconds()).isEqualTo(312.4);
            assertThat(audio.getSizeBytes()).isEqualTo(4_998_400L);
            assertThat(audio.getTitle()).isEqualTo("Nghe bài viết");
        });
        assertThat(a.images()).singleElement().satisfies(image -> {
            // the largest rendition when none is named "original"
            assertThat(image.getHref()).isEqualTo("https://media.baothaibinh.example/img/hoi-nghi.jpg");
            assertThat(image.getWidth()).isEqualTo(1600);
            assertThat(image.getHeight()).isEqualTo(1067);
            assertThat(image.getMimeType()).isEqualTo("image/jpeg");
            assertThat(image.getCaption()).isEqualTo("Các đại biểu dự hội nghị.");
            assertThat(image.getCredit()).isEqualTo("Thành Tâm");
        });
    }

    @Test
    void ninjs2WithHeadlinesBodiesSubjectsAndArrayAssociations() {
        ParsedArticle a = parser.parse(Samples.read("ninjs-2.1.json"), context);

        assertThat(a.sourceId()).isEqualTo("http://wire.example/items/2024-11-02-flood-warning");
        assertThat(a.version()).isEqualTo(3L);
        assertThat(a.versionCreated()).isEqualTo(Instant.parse("2024-11-02T10:05:00Z"));
        assertThat(a.firstCreated()).isEqualTo(Instant.parse("2024-11-02T10:50:00Z"));
        assertThat(a.language()).isEqualTo("en-GB");
        assertThat(a.headline()).isEqualTo("Flood warning issued for the Red River delta");
        assertThat(a.subheadline()).isEqualTo("Water levels are expected to peak on Monday");
        assertThat(a.bodyText()).startsWith("Authorities in the Red River delta").contains("\n\nResidents");
        assertThat(a.bodyHtml()).startsWith("<p>Authorities in the Red River delta");
        assertThat(a.byline()).isEqualTo("Jane Doe");
        assertThat(a.located()).isEqualTo("Hanoi");
        assertThat(a.subjects()).containsExactly(
                new SubjectRef("medtop:20000148", "natural disaster", "http://cv.iptc.org/newscodes/mediatopic/"),
                new SubjectRef("weather", "weather", null));
        assertThat(a.audio()).singleElement().satisfies(audio -> {
            assertThat(audio.getHref()).isEqualTo("http://wire.example/media/flood-warning.mp3");
            assertThat(audio.getFileName()).isEqualTo("flood-warning.mp3");
            assertThat(audio.getMimeType()).isEqualTo("audio/mpeg");
            assertThat(audio.getDurationSeconds()).isEqualTo(95.5);
            assertThat(audio.getSizeBytes()).isEqualTo(1_528_000L);
            assertThat(audio.getTitle()).isEqualTo("Listen to the report");
        });
        assertThat(a.images()).singleElement().satisfies(image -> {
            assertThat(image.getHref()).isEqualTo("http://wire.example/media/flood.jpg"); // the "original" rendition
            assertThat(image.getWidth()).isEqualTo(3000);
            assertThat(image.getCaption()).isEqualTo("Sandbags stacked along the river bank.");
            assertThat(image.getCredit()).isEqualTo("John Roe");
        });
    }

    @Test
    void canceledItemIsAKillAndNeedsNoBody() {
        ParsedArticle a = parser.parse(Samples.read("ninjs-2.1-canceled.json"), context);

        assertThat(a.pubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(a.isKill()).isTrue();
        assertThat(a.sourceId()).isEqualTo("http://wire.example/items/2024-11-02-flood-warning");
        assertThat(a.version()).isEqualTo(4L);
        assertThat(a.bodyText()).isNull();
        assertThat(a.bodyHtml()).isNull();
    }

    @Test
    void canceledWithoutHeadlineIsAccepted() {
        ParsedArticle a = parser.parse("{\"uri\":\"urn:x:1\",\"pubstatus\":\"canceled\"}", context);
        assertThat(a.isKill()).isTrue();
        assertThat(a.headline()).isNull();
    }

    @Test
    void namesEveryWrongFieldAtOnce() {
        String bad = """
                {"version": "v2", "pubstatus": "deleted", "versioncreated": "yesterday",
                 "headlines": [{"role": "main"}],
                 "associations": [{"name": "a1", "type": "audio", "renditions": [{"name": "x", "duration": "long"}]}]}
                """;
        assertThatThrownBy(() -> parser.parse(bad, context))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .contains("uri", "version", "pubstatus", "versioncreated", "headlines[0].value",
                                "associations[0].renditions[0].href"));
    }
}
