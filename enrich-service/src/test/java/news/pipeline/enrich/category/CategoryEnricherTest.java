package news.pipeline.enrich.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.RawArticle;
import news.pipeline.events.SubjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

class CategoryEnricherTest {

    static final CategoryData DATA = CategoryData.load(new DefaultResourceLoader(), "classpath:categories/",
            List.of("vi", "en"));
    final CategoryEnricher enricher = new CategoryEnricher(DATA, CategorySettings.defaults());

    @Test
    void theSeventeenTopLevelTopicsHaveEnglishAndVietnameseLabels() {
        List<MediaTopic> top = DATA.topics().values().stream().filter(MediaTopic::isTopLevel).toList();
        assertThat(top).hasSize(17);
        assertThat(top).extracting(MediaTopic::code).contains("medtop:01000000", "medtop:11000000", "medtop:17000000");
        assertThat(top).allSatisfy(t -> {
            assertThat(t.labelEn()).isNotBlank();
            assertThat(t.labelVi()).isNotBlank();
        });
        assertThat(DATA.topic("medtop:11000000").labelVi()).isEqualTo("chính trị và chính quyền");
        assertThat(DATA.topics().values().stream().filter(t -> !t.isTopLevel())).isNotEmpty();
    }

    /** Codes in IPTC's shape, each narrower topic under its top-level ancestor, every one of them with terms. */
    @Test
    void everyTopicIsAnIptcCodeUnderItsTopLevelTopicAndHasTermsInBothLanguages() throws Exception {
        assertThat(DATA.topics().values()).allSatisfy(t -> {
            assertThat(t.code()).matches("medtop:\\d{8}");
            if (!t.isTopLevel()) {
                assertThat(DATA.topic(t.parentCode()).isTopLevel()).as(t.code() + "'s parent").isTrue();
            }
        });
        for (String language : List.of("vi", "en")) {
            List<String> lines = new String(CategoryEnricherTest.class.getResourceAsStream(
                    "/categories/lexicon/" + language + ".tsv").readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            List<String> terms = lines.stream().map(l -> l.split("\t")[0]).toList();
            assertThat(terms).as(language + " terms listed once").doesNotHaveDuplicates();
            java.util.Set<String> covered = lines.stream().map(l -> l.split("\t")[1]).collect(java.util.stream.Collectors.toSet());
            assertThat(DATA.topics().keySet()).as(language + " topics without a term").allMatch(covered::contains);
        }
    }

    @Test
    void seedArticleIsPoliticsFromTheLexicon() {
        List<Category> categories = enricher.categorize(SeedArticle.article("seed"), "vi", List.of());

        Category best = categories.getFirst();
        assertThat(best.getCode()).isEqualTo("medtop:11000000");
        assertThat(best.getSource()).isEqualTo(CategorySource.LEXICON);
        assertThat(best.getLabelEn()).isEqualTo("politics and government");
        assertThat(best.getParentCode()).isNull();
        assertThat(best.getScore()).isBetween(0.5, 1.0);
        assertThat(categories).hasSizeLessThanOrEqualTo(4);
        // second-level topics only under a kept parent, scored below it
        assertThat(categories.stream().filter(c -> c.getParentCode() != null))
                .allSatisfy(c -> assertThat(c.getParentCode()).isEqualTo("medtop:11000000"));
        assertThat(categories).isSortedAccordingTo((a, b) -> Double.compare(b.getScore(), a.getScore()));
        // same input, same output
        assertThat(enricher.categorize(SeedArticle.article("seed"), "vi", List.of())).isEqualTo(categories);
    }

    @Test
    void feedSubjectsAndSectionsComeFirstAsFeed() {
        RawArticle article = SeedArticle.other("s1", "vi", "Tin vắn", "Không có gì đặc biệt.", null,
                Instant.parse("2024-01-01T00:00:00Z"));
        article.setSection("Thể thao");
        article.setSubjects(List.of(new SubjectRef("medtop:20000574", "election", "medtop")));

        List<Category> categories = enricher.categorize(article, "vi", List.of());

        assertThat(categories).extracting(Category::getCode, Category::getSource, Category::getScore).contains(
                org.assertj.core.groups.Tuple.tuple("medtop:20000574", CategorySource.FEED, 1.0),
                org.assertj.core.groups.Tuple.tuple("medtop:11000000", CategorySource.FEED, 0.9),
                org.assertj.core.groups.Tuple.tuple("medtop:15000000", CategorySource.FEED, 0.9));
    }

    @Test
    void similarArticlesProposeTheirTopicsWhenSeveralAgree() {
        RawArticle bland = SeedArticle.other("b1", "vi", "Thông báo", "Nội dung ngắn.", null,
                Instant.parse("2024-01-01T00:00:00Z"));
        List<Neighbour> neighbours = List.of(
                new Neighbour("a", 0.8, List.of("medtop:15000000")),
                new Neighbour("b", 0.6, List.of("medtop:15000000", "medtop:04000000")),
                new Neighbour("c", 0.1, List.of("medtop:04000000"))); // economy: vote 0.7/1.5 < 0.5

        List<Category> categories = enricher.categorize(bland, "vi", neighbours);

        assertThat(categories).hasSize(1);
        Category sport = categories.getFirst();
        assertThat(sport.getCode()).isEqualTo("medtop:15000000");
        assertThat(sport.getSource()).isEqualTo(CategorySource.SIMILAR_ARTICLES);
        // vote 1.4/1.5 × mean similarity 0.7
        assertThat(sport.getScore()).isEqualTo(CategoryEnricher.round(1.4 / 1.5 * 0.7));
    }

    @Test
    void signalsAgreeingOnATopicCombineByNoisyOr() {
        double lexicon = enricher.categorize(SeedArticle.article("seed"), "vi", List.of()).getFirst().getScore();
        RawArticle article = SeedArticle.builder("seed").setSection("chinh-tri").build();
        Category politics = enricher.categorize(article, "vi", List.of()).getFirst();
        assertThat(politics.getCode()).isEqualTo("medtop:11000000");
        assertThat(politics.getScore()).isEqualTo(CategoryEnricher.round(1 - (1 - lexicon) * (1 - 0.9)));
        assertThat(politics.getSource()).isEqualTo(lexicon > 0.9 ? CategorySource.LEXICON : CategorySource.FEED);
    }

    @Test
    void englishLexiconAndDiacriticFreeVietnamese() {
        assertThat(enricher.categorizeText("Striker scores twice as league leaders win derby",
                "The coach praised his team after the match.", "en").getFirst().getCode())
                .isEqualTo("medtop:15000000");
        // typed without diacritics: multi-word terms match folded
        assertThat(enricher.categorizeText("Tinh uy to chuc hoi nghi ban chap hanh dang bo",
                "Bi thu tinh uy chu tri hoi nghi.", "vi").getFirst().getCode()).isEqualTo("medtop:11000000");
    }

    @Test
    void dataFilesInADirectoryReplaceTheBuiltInOnesWithoutCodeChanges(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lexicon"));
        Files.writeString(dir.resolve("mediatopics.tsv"),
                "medtop:15000000\t-\tsport\tthể thao\nmedtop:17000000\t-\tweather\tthời tiết\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sections.tsv"), "# none\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("lexicon/vi.tsv"), "pickleball\tmedtop:15000000\t3\n", StandardCharsets.UTF_8);
        CategoryData custom = CategoryData.load(new DefaultResourceLoader(), dir.toUri().toString(), List.of("vi"));

        List<Category> categories = new CategoryEnricher(custom, CategorySettings.defaults())
                .categorizeText("Giải pickleball mở rộng", "Hơn 200 tay vợt pickleball tham dự.", "vi");
        assertThat(categories.getFirst().getCode()).isEqualTo("medtop:15000000");

        Files.writeString(dir.resolve("lexicon/vi.tsv"), "pickleball\tmedtop:99999999\t3\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CategoryData.load(new DefaultResourceLoader(), dir.toUri().toString(), List.of("vi")))
                .hasMessageContaining("unknown Media Topic medtop:99999999");
    }
}
