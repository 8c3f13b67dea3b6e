package news.pipeline.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.events.SourceLink;

/**
 * The shared sample (samples/seed-article-vi.txt, copied from shared/samples) as the RawArticle
 * ingest-service makes of it: headline, audio reference, lead, body, photo, byline and the page's
 * own link lists (titles still carrying the page's timestamps, as flattened text has them).
 */
public final class SeedArticle {

    public static final String AUDIO_FILE = "251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3";
    public static final String HEADLINE = "Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở";

    private SeedArticle() {
    }

    public static List<String> lines() {
        try (InputStream in = SeedArticle.class.getResourceAsStream("/samples/seed-article-vi.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RawArticle.Builder builder(String id) {
        List<String> lines = lines();
        String headline = lines.get(0);
        String audio = lines.get(1).substring("Audio: ".length()).strip();
        String lead = lines.get(2);
        List<String> body = new ArrayList<>();
        String caption = null;
        int i = 3;
        for (; i < lines.size() && !lines.get(i).equals("Mạnh Cường"); i++) {
            if (lines.get(i).equals("Các đại biểu dự hội nghị.")) {
                caption = lines.get(i);
            } else {
                body.add(lines.get(i));
            }
        }
        String byline = lines.get(i);
        String credit = lines.get(i + 1).substring("Ảnh: ".length());
        List<SourceLink> links = new ArrayList<>();
        String list = null;
        for (int j = i + 2; j < lines.size(); j++) {
            String line = lines.get(j);
            if (line.equals("Tin cùng chuyên mục")) {
                list = "Tin cùng chuyên mục";
            } else if (line.equals("Xem tin theo ngày")) {
                list = "Xem tin theo ngày";
            } else if (line.startsWith("- ")) {
                links.add(SourceLink.newBuilder().setList(list).setTitle(line).build());
            }
        }
        Instant created = Instant.parse("2019-12-25T03:15:00Z");
        return RawArticle.newBuilder()
                .setId(id)
                .setFeed("baothaibinh")
                .setSourceId("12345")
                .setUri("https://baothaibinh.example/tin/" + id)
                .setVersion(1L)
                .setVersionCreated(created)
                .setFirstCreated(created)
                .setPubStatus(PubStatus.usable)
                .setLanguage("vi")
                .setHeadline(headline)
                .setSubheadline(lead)
                .setByline(byline)
                .setBodyText(String.join("\n\n", body))
                .setBodyHtml(null)
                .setSection(null)
                .setKeywords(List.of())
                .setSubjects(List.of())
                .setLocated("Thái Bình")
                .setImages(List.of(ImageRef.newBuilder().setCaption(caption).setCredit(credit).build()))
                .setAudio(List.of(AudioRef.newBuilder().setFileName(audio).setMimeType("audio/mpeg").build()))
                .setSourceLinks(links)
                .setReceivedAt(Instant.parse("2019-12-25T03:16:00Z"))
                .setContentHash("seed-" + id)
                .setSourceFormat("page-text");
    }

    public static RawArticle article(String id) {
        return builder(id).build();
    }

    /** A short article of another kind, for related-article and language tests. */
    public static RawArticle other(String id, String language, String headline, String lead, String body,
            Instant created) {
        return RawArticle.newBuilder()
                .setId(id)
                .setFeed("test-feed")
                .setUri("https://news.example/" + id)
                .setVersion(1L)
                .setVersionCreated(created)
                .setFirstCreated(created)
                .setPubStatus(PubStatus.usable)
                .setLanguage(language)
                .setHeadline(headline)
                .setSubheadline(lead)
                .setBodyText(body)
                .setReceivedAt(created.plusSeconds(30))
                .setContentHash("hash-" + id)
                .setSourceFormat("json")
                .build();
    }
}
