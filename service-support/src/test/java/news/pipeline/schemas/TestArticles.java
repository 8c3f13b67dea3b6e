package news.pipeline.schemas;

import java.time.Instant;
import java.util.List;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;

/** A fully populated raw article, Vietnamese content, for serde tests. */
public final class TestArticles {

    private TestArticles() {
    }

    public static RawArticle rawArticle(String id) {
        Instant created = Instant.parse("2019-12-25T03:15:00Z");
        return RawArticle.newBuilder()
                .setId(id)
                .setFeed("baothaibinh")
                .setSourceId("12345")
                .setUri("https://baothaibinh.example/tin/12345")
                .setVersion(3L)
                .setVersionCreated(created)
                .setFirstCreated(created.minusSeconds(3600))
                .setPubStatus(PubStatus.usable)
                .setLanguage("vi")
                .setHeadline("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở")
                .setSubheadline("Các đồng chí: Ngô Đông Hải, Ủy viên dự khuyết Trung ương Đảng")
                .setByline("Mạnh Cường")
                .setBodyText("Năm 2019, việc thực hiện quy chế dân chủ ở các loại hình cơ sở ...")
                .setBodyHtml("<p>Năm 2019, việc thực hiện quy chế dân chủ ở các loại hình cơ sở ...</p>")
                .setSection("chinh-tri")
                .setKeywords(List.of("quy chế dân chủ", "Thái Bình"))
                .setSubjects(List.of(new SubjectRef("medtop:11000000", "politics", "medtop")))
                .setLocated("Thái Bình")
                .setImages(List.of(ImageRef.newBuilder().setCaption("Các đại biểu dự hội nghị.").setCredit("Thành Tâm").build()))
                .setAudio(List.of(AudioRef.newBuilder()
                        .setFileName("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3")
                        .setMimeType("audio/mpeg").build()))
                .setSourceLinks(List.of(SourceLink.newBuilder().setList("same-section")
                        .setTitle("Hộp thư bạn đọc").setPublishedAt(Instant.parse("2024-11-02T10:57:00Z")).build()))
                .setReceivedAt(Instant.parse("2026-11-27T06:00:00Z"))
                .setContentHash("9f2c")
                .setSourceFormat("page-text")
                .build();
    }
}
