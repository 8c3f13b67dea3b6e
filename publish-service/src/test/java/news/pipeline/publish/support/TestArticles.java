package news.pipeline.publish.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import news.pipeline.events.AudioMetadata;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.DurationSource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.events.RelatedArticle;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;

/** Fully populated enriched articles with Vietnamese content. */
public final class TestArticles {

    public static final String POLITICS = "medtop:11000000";
    public static final String GOVERNMENT = "medtop:20000621";
    public static final String ECONOMY = "medtop:04000000";

    private TestArticles() {
    }

    /** A usable article: "Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở", politics. */
    public static EnrichedArticle article(String id, long version) {
        Instant published = Instant.parse("2025-12-19T03:15:00Z");
        RawArticle raw = RawArticle.newBuilder()
                .setId(id)
                .setFeed("baothaibinh")
                .setSourceId("12345")
                .setUri("https://baothaibinh.example/tin/" + id)
                .setVersion(version)
                .setVersionCreated(published)
                .setFirstCreated(published.minusSeconds(3600))
                .setPubStatus(PubStatus.usable)
                .setLanguage("vi")
                .setHeadline("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở (v" + version + ")")
                .setSubheadline("Các đồng chí: Ngô Đông Hải, Ủy viên dự khuyết Trung ương Đảng")
                .setByline("Mạnh Cường")
                .setBodyText("Năm 2019, việc thực hiện quy chế dân chủ ở các loại hình cơ sở tiếp tục được đẩy mạnh.")
                .setBodyHtml("<p>Năm 2019, việc thực hiện <b>quy chế dân chủ</b> ở các loại hình cơ sở tiếp tục được đẩy mạnh.</p>")
                .setSection("chinh-tri")
                .setKeywords(List.of("quy chế dân chủ", "Thái Bình"))
                .setSubjects(List.of(new SubjectRef(POLITICS, "politics", "medtop")))
                .setLocated("Thái Bình")
                .setImages(List.of(ImageRef.newBuilder().setHref("https://baothaibinh.example/img/1.jpg")
                        .setCaption("Các đại biểu dự hội nghị.").setCredit("Thành Tâm").setWidth(1200).setHeight(800)
                        .build()))
                .setSourceLinks(List.of(SourceLink.newBuilder().setList("same-section")
                        .setTitle("Hộp thư bạn đọc").setUrl("https://baothaibinh.example/tin/hop-thu")
                        .setPublishedAt(Instant.parse("2024-11-02T10:57:00Z")).build()))
                .setReceivedAt(published.plusSeconds(60))
                .setContentHash("9f2c" + version)
                .setSourceFormat("page-text")
                .build();
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setVersion(version)
                .setArticle(raw)
                .setCategories(List.of(
                        Category.newBuilder().setCode(GOVERNMENT).setLabelEn("government").setLabelVi("chính phủ")
                                .setParentCode(POLITICS).setScore(0.82).setSource(CategorySource.LEXICON).build()))
                .setRelatedArticles(List.of(
                        RelatedArticle.newBuilder().setId("baothaibinh-related-1")
                                .setTitle("Hội nghị tổng kết công tác dân vận năm 2019")
                                .setUrl("https://baothaibinh.example/tin/related-1").setScore(0.71)
                                .setPublishedAt(Instant.parse("2019-12-20T02:00:00Z")).build()))
                .setAudio(AudioMetadata.newBuilder()
                        .setHref("https://baothaibinh.example/audio/251219_thoia_day_manh_mixdown.mp3")
                        .setFileName("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3")
                        .setDurationSeconds(184.5).setDurationSource(DurationSource.MEASURED)
                        .setBitrateKbps(128).setSampleRateHz(44100).setChannels(2).setCodec("mp3")
                        .setSizeBytes(2_952_000L).setNarrator("thoia")
                        .setRecordingDate(LocalDate.parse("2025-12-19")).build())
                .setDetectedLanguage("vi")
                .setWordCount(420)
                .setReadingTimeSeconds(126)
                .setSlug("day-manh-thuc-hien-quy-che-dan-chu")
                .setEnrichedAt(published.plusSeconds(120))
                .setEnrichmentVersion("enrich-1")
                .build();
    }

    /** The same article, killed: pubStatus canceled, no headline. */
    public static EnrichedArticle canceled(String id, long version) {
        return withRaw(article(id, version), raw -> raw.setPubStatus(PubStatus.canceled).setHeadline(null));
    }

    public static EnrichedArticle withRaw(EnrichedArticle article, UnaryOperator<RawArticle.Builder> change) {
        return EnrichedArticle.newBuilder(article)
                .setArticle(change.apply(RawArticle.newBuilder(article.getArticle())).build())
                .build();
    }
}
