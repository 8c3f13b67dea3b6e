package news.pipeline.benchmark.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Realistic news articles, reproducibly: article {@code i} of batch {@code b} depends only on the
 * seed, the run tag, {@code b} and {@code i} (not on how many articles are generated), so the same
 * seed always gives the same articles.
 *
 * <p>Mix (per article, drawn from its own random stream): 65 % Vietnamese (feed {@code baothaibinh}),
 * 35 % English ({@code wire-en}); bodies of 300–1500 words (most 400–900, as in real news); narration
 * audio on 35 % of Vietnamese and 15 % of English articles, named by the newsroom convention
 * {@code DDMMYY_<narrator>_<slug>_mixdown.mp3}; a list of 3–8 source links on 25 % (posted in the
 * project's own JSON format, the only one that carries them); a picture on half; the rest as IPTC
 * ninjs 2.x (75 %) or 1.x (25 %). Every article carries the keyword {@code bench-<runTag>} and a URI
 * under the run tag, so the run's documents are told apart from everything else in the index.
 */
public final class ArticleGenerator {

    public static final String CONTENT_TYPE_NINJS = "application/ninjs+json";
    public static final String CONTENT_TYPE_JSON = "application/json";
    static final int MIN_WORDS = 300;
    static final int MAX_WORDS = 1500;
    private static final LocalDateTime BASE_TIME = LocalDateTime.of(2026, 11, 20, 6, 0);
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter AUDIO_DATE = DateTimeFormatter.ofPattern("ddMMyy");

    /** Where articles of one language are posted. */
    public record Feed(String name, String apiKey) {
    }

    private final long seed;
    private final String runTag;
    private final Feed vietnameseFeed;
    private final Feed englishFeed;
    private final ObjectMapper json = new ObjectMapper();

    public ArticleGenerator(long seed, String runTag, Feed vietnameseFeed, Feed englishFeed) {
        this.seed = seed;
        this.runTag = runTag;
        this.vietnameseFeed = vietnameseFeed;
        this.englishFeed = englishFeed;
    }

    public ArticleGenerator(long seed, String runTag) {
        this(seed, runTag, new Feed("baothaibinh", "dev-key-baothaibinh"), new Feed("wire-en", "dev-key-wire-en"));
    }

    public String marker() {
        return "bench-" + runTag;
    }

    public List<GeneratedArticle> batch(String batchName, int count) {
        List<GeneratedArticle> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            articles.add(article(batchName, i));
        }
        return articles;
    }

    public GeneratedArticle article(String batchName, int index) {
        SplittableRandom random = new SplittableRandom(streamSeed(seed, batchName, index));
        boolean vietnamese = random.nextDouble() < 0.65;
        WordPools.Language lang = vietnamese ? WordPools.VI : WordPools.EN;
        Feed feed = vietnamese ? vietnameseFeed : englishFeed;
        Topic topic = pick(random, Topic.ALL);
        Writer w = new Writer(random, lang, topic);

        String headline = w.headline();
        String lead = w.sentence();
        int targetWords = targetWords(random);
        List<String> paragraphs = w.paragraphs(targetWords - words(headline) - words(lead));
        int wordCount = words(lead) + paragraphs.stream().mapToInt(ArticleGenerator::words).sum();
        String byline = pick(random, lang.people());
        String located = pick(random, lang.places());
        OffsetDateTime versionCreated = BASE_TIME.plusMinutes(random.nextInt(7 * 24 * 60)).atOffset(VIETNAM);
        OffsetDateTime firstCreated = versionCreated.minusMinutes(random.nextInt(0, 240));
        List<String> slugTokens = slugTokens(headline);
        String slug = String.join("-", slugTokens.subList(0, Math.min(8, slugTokens.size())));
        String host = vietnamese ? "bench.baothaibinh.example" : "bench.wire.example";
        String sourceUri = "https://" + host + "/" + runTag + "/" + batchName + "/" + index + "-" + slug;
        List<String> keywords = new ArrayList<>(List.of(marker()));
        keywords.add(pick(random, topic, lang));
        keywords.add(located);

        boolean audio = random.nextDouble() < (vietnamese ? 0.35 : 0.15);
        Audio narration = null;
        if (audio) {
            int slugLength = Math.min(slugTokens.size(), random.nextInt(4, 9));
            String file = versionCreated.format(AUDIO_DATE) + "_" + pick(random, lang.narrators()) + "_"
                    + String.join("_", slugTokens.subList(0, slugLength)) + "_mixdown.mp3";
            double seconds = Math.round(wordCount / 150.0 * 60 * (0.85 + random.nextDouble() * 0.3) * 10) / 10.0;
            boolean statesDuration = random.nextDouble() < 0.7;
            narration = new Audio("https://media." + host + "/audio/" + file, file,
                    statesDuration ? seconds : null, statesDuration ? (long) (seconds * 128_000 / 8) : null,
                    vietnamese ? "Nghe bài viết" : "Listen to this article");
        }
        boolean picture = random.nextDouble() < 0.5;
        int linkCount = random.nextDouble() < 0.25 ? random.nextInt(3, 9) : 0;
        List<Link> links = new ArrayList<>();
        for (int l = 0; l < linkCount; l++) {
            String list = switch (l % 3) {
                case 0 -> "same-section";
                case 1 -> "by-date";
                default -> "related";
            };
            String title = w.headline();
            links.add(new Link(list, title, "https://" + host + "/tin/" + String.join("-", slugTokens(title))
                    + "-" + random.nextInt(10_000, 99_999) + ".html",
                    versionCreated.minusHours(random.nextInt(1, 24 * 30)).withOffsetSameInstant(ZoneOffset.UTC)));
        }

        String format = linkCount > 0 ? "json" : random.nextDouble() < 0.75 ? "ninjs-2" : "ninjs-1";
        Content c = new Content(sourceUri, lang.code(), headline, lead, paragraphs, byline, located,
                topic, vietnamese ? topic.nameVi() : topic.nameEn(), vietnamese ? topic.sectionVi() : topic.sectionEn(),
                keywords, versionCreated, firstCreated, narration,
                picture ? new Picture("https://media." + host + "/img/" + slug + ".jpg", w.sentence(), pick(random, lang.people()))
                        : null,
                links);
        ObjectNode node = switch (format) {
            case "json" -> ownJson(c);
            case "ninjs-1" -> ninjs1(c);
            default -> ninjs2(c);
        };
        byte[] body;
        try {
            body = json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new GeneratedArticle(index, lang.code(), feed.name(), feed.apiKey(), format,
                format.equals("json") ? CONTENT_TYPE_JSON : CONTENT_TYPE_NINJS, sourceUri, headline,
                "medtop:" + topic.mediaTopic(), wordCount, audio, linkCount, picture ? 1 : 0, body);
    }

    // ---- the three wire formats ----

    private record Audio(String href, String fileName, Double seconds, Long bytes, String title) {
    }

    private record Picture(String href, String caption, String credit) {
    }

    private record Link(String list, String title, String url, OffsetDateTime publishedAt) {
    }

    private record Content(String uri, String language, String headline, String lead, List<String> paragraphs,
            String byline, String located, Topic topic, String topicName, String section, List<String> keywords,
            OffsetDateTime versionCreated, OffsetDateTime firstCreated, Audio audio, Picture picture, List<Link> links) {

        String bodyText() {
            return lead + "\n\n" + String.join("\n\n", paragraphs);
        }

        String bodyHtml() {
            return "<p>" + escape(lead) + "</p>" + paragraphs.stream().map(p -> "<p>" + escape(p) + "</p>").collect(Collectors.joining());
        }
    }

    private ObjectNode ninjs2(Content c) {
        ObjectNode n = json.createObjectNode();
        n.put("uri", c.uri()).put("type", "text").put("version", "1")
                .put("firstcreated", iso(c.firstCreated())).put("versioncreated", iso(c.versionCreated()))
                .put("pubstatus", "usable").put("language", c.language());
        n.putArray("headlines").addObject().put("role", "main").put("value", c.headline());
        n.putArray("descriptions").addObject().put("role", "summary").put("value", c.lead());
        n.putArray("bodies").addObject().put("role", "main").put("contenttype", "text/plain").put("value", c.bodyText());
        n.put("by", c.byline()).put("located", c.located());
        keywords(n.putArray("keywords"), c);
        n.putArray("subjects").addObject()
                .put("uri", "http://cv.iptc.org/newscodes/mediatopic/" + c.topic().mediaTopic()).put("name", c.topicName());
        if (c.audio() != null || c.picture() != null) {
            ArrayNode associations = n.putArray("associations");
            if (c.audio() != null) {
                ObjectNode a = associations.addObject().put("name", "narration").put("type", "audio")
                        .put("uri", c.uri() + "#narration");
                a.putArray("headlines").addObject().put("value", c.audio().title());
                ObjectNode r = a.putArray("renditions").addObject().put("name", "original")
                        .put("href", c.audio().href()).put("contenttype", "audio/mpeg");
                if (c.audio().seconds() != null) {
                    r.put("duration", c.audio().seconds()).put("sizeinbytes", c.audio().bytes());
                }
            }
            if (c.picture() != null) {
                ObjectNode p = associations.addObject().put("name", "featureimage").put("type", "picture")
                        .put("uri", c.uri() + "#picture").put("by", c.picture().credit());
                p.putArray("descriptions").addObject().put("role", "caption").put("value", c.picture().caption());
                p.putArray("renditions").addObject().put("name", "original").put("href", c.picture().href())
                        .put("contenttype", "image/jpeg").put("width", 1600).put("height", 1067);
            }
        }
        return n;
    }

    private ObjectNode ninjs1(Content c) {
        ObjectNode n = json.createObjectNode();
        n.put("uri", c.uri()).put("type", "text").put("version", "1")
                .put("firstcreated", iso(c.firstCreated())).put("versioncreated", iso(c.versionCreated()))
                .put("pubstatus", "usable").put("language", c.language())
                .put("headline", c.headline()).put("description_text", c.lead()).put("body_html", c.bodyHtml())
                .put("byline", c.byline()).put("located", c.located());
        keywords(n.putArray("keywords"), c);
        n.putArray("subject").addObject().put("code", "medtop:" + c.topic().mediaTopic()).put("name", c.topicName())
                .put("scheme", "http://cv.iptc.org/newscodes/mediatopic/");
        if (c.audio() != null || c.picture() != null) {
            ObjectNode associations = n.putObject("associations");
            if (c.audio() != null) {
                ObjectNode a = associations.putObject("narration").put("type", "audio").put("headline", c.audio().title());
                ObjectNode r = a.putObject("renditions").putObject("original").put("href", c.audio().href())
                        .put("mimetype", "audio/mpeg");
                if (c.audio().seconds() != null) {
                    r.put("duration", c.audio().seconds()).put("sizeinbytes", c.audio().bytes());
                }
            }
            if (c.picture() != null) {
                ObjectNode p = associations.putObject("featureimage").put("type", "picture")
                        .put("description_text", c.picture().caption()).put("byline", c.picture().credit());
                p.putObject("renditions").putObject("large").put("href", c.picture().href())
                        .put("mimetype", "image/jpeg").put("width", 1600).put("height", 1067);
            }
        }
        return n;
    }

    private ObjectNode ownJson(Content c) {
        ObjectNode n = json.createObjectNode();
        n.put("sourceId", c.uri()).put("uri", c.uri()).put("version", 1)
                .put("versionCreated", iso(c.versionCreated())).put("firstCreated", iso(c.firstCreated()))
                .put("pubStatus", "usable").put("language", c.language())
                .put("headline", c.headline()).put("subheadline", c.lead()).put("byline", c.byline())
                .put("bodyHtml", c.bodyHtml()).put("section", c.section()).put("located", c.located());
        keywords(n.putArray("keywords"), c);
        n.putArray("subjects").addObject().put("code", "medtop:" + c.topic().mediaTopic()).put("name", c.topicName())
                .put("scheme", "http://cv.iptc.org/newscodes/mediatopic/");
        ArrayNode images = n.putArray("images");
        if (c.picture() != null) {
            images.addObject().put("href", c.picture().href()).put("caption", c.picture().caption())
                    .put("credit", c.picture().credit()).put("mimeType", "image/jpeg").put("width", 1600).put("height", 1067);
        }
        ArrayNode audio = n.putArray("audio");
        if (c.audio() != null) {
            ObjectNode a = audio.addObject().put("href", c.audio().href()).put("fileName", c.audio().fileName())
                    .put("mimeType", "audio/mpeg").put("title", c.audio().title());
            if (c.audio().seconds() != null) {
                a.put("durationSeconds", c.audio().seconds()).put("sizeBytes", c.audio().bytes());
            }
        }
        ArrayNode links = n.putArray("sourceLinks");
        for (Link l : c.links()) {
            links.addObject().put("list", l.list()).put("title", l.title()).put("url", l.url())
                    .put("publishedAt", iso(l.publishedAt()));
        }
        return n;
    }

    private static String iso(OffsetDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static void keywords(ArrayNode array, Content c) {
        c.keywords().forEach(array::add);
    }

    // ---- text ----

    /** Composes headlines, sentences and paragraphs from the pools, for one article's random stream. */
    private static final class Writer {
        private final SplittableRandom random;
        private final WordPools.Language lang;
        private final Topic topic;
        private final boolean vi;

        Writer(SplittableRandom random, WordPools.Language lang, Topic topic) {
            this.random = random;
            this.lang = lang;
            this.topic = topic;
            this.vi = lang == WordPools.VI;
        }

        String term() {
            return pick(random, topic, lang);
        }

        String headline() {
            String h = switch (random.nextInt(4)) {
                case 0 -> pick(random, lang.places()) + ": " + pick(random, lang.actors()) + " " + pick(random, lang.verbs())
                        + " " + pick(random, lang.nouns()) + (vi ? " về " : " on ") + term();
                case 1 -> pick(random, lang.actors()) + " " + pick(random, lang.verbs()) + " " + term()
                        + (vi ? " tại " : " in ") + pick(random, lang.places());
                case 2 -> vi ? capitalize(term()) + " " + pick(random, lang.fillers()) + ": " + pick(random, lang.nouns())
                        + " " + pick(random, lang.verbs()) + " " + term()
                        : capitalize(term()) + " " + pick(random, lang.fillers()) + " as " + lower(pick(random, lang.actors()))
                        + " " + pick(random, lang.verbs()) + " " + pick(random, lang.nouns());
                default -> capitalize(term()) + " " + number() + " " + pick(random, lang.units()) + " "
                        + pick(random, lang.fillers());
            };
            return capitalize(h.trim());
        }

        String sentence() {
            return switch (random.nextInt(6)) {
                case 0, 1 -> capitalize(pick(random, lang.actors()) + (vi ? " đã " : " ") + pick(random, lang.verbs()) + " "
                        + pick(random, lang.nouns()) + (vi ? " về " : " on ") + term() + (vi ? " tại " : " in ")
                        + pick(random, lang.places()) + " " + pick(random, lang.fillers())) + ".";
                case 2 -> pick(random, lang.openers()) + " " + lower(pick(random, lang.actors())) + " " + pick(random, lang.verbs()) + " "
                        + term() + (vi ? " với tổng " : " worth ") + number() + " " + pick(random, lang.units()) + ", "
                        + pick(random, lang.fillers()) + ".";
                case 3 -> quote();
                case 4 -> vi ? "Tính đến nay, " + term() + " đạt " + number() + " " + pick(random, lang.units()) + ", tăng "
                        + random.nextInt(2, 40) + "% " + pick(random, lang.fillers()) + "."
                        : "So far, " + term() + " reached " + number() + " " + pick(random, lang.units()) + ", up "
                        + random.nextInt(2, 40) + " percent " + pick(random, lang.fillers()) + ".";
                default -> capitalize(term()) + (vi ? " và " : " and ") + term() + (vi ? " là những " : " are among the ")
                        + pick(random, lang.nouns()) + (vi ? " được " : " that ") + lower(pick(random, lang.actors()))
                        + (vi ? " đặc biệt quan tâm " : " watch most closely ") + pick(random, lang.fillers()) + ".";
            };
        }

        private String quote() {
            String person = pick(random, lang.people());
            String role = vi ? (random.nextBoolean() ? "Giám đốc " : "Phó Chủ tịch ") + lower(pick(random, lang.actors()))
                    : (random.nextBoolean() ? "a spokesperson for " : "the head of ") + lower(pick(random, lang.actors()));
            String clause = pick(random, lang.verbs()) + " " + pick(random, lang.nouns()) + (vi ? " về " : " on ") + term()
                    + " " + pick(random, lang.fillers());
            return vi ? (WordPools.isWoman(person) ? "Bà " : "Ông ") + person + ", " + role + ", " + pick(random, lang.saidVerbs())
                    + ": \"Chúng tôi sẽ tiếp tục " + clause + ".\""
                    : "\"We will continue to work on the " + pick(random, lang.nouns()) + " " + pick(random, lang.fillers())
                    + ",\" " + person + ", " + role + ", " + pick(random, lang.saidVerbs()) + ".";
        }

        List<String> paragraphs(int targetWords) {
            List<String> paragraphs = new ArrayList<>();
            int written = 0;
            while (written < targetWords) {
                int sentences = random.nextInt(2, 6);
                StringBuilder p = new StringBuilder();
                for (int s = 0; s < sentences && written < targetWords; s++) {
                    String sentence = sentence();
                    p.append(p.isEmpty() ? "" : " ").append(sentence);
                    written += words(sentence);
                }
                paragraphs.add(p.toString());
            }
            return paragraphs;
        }

        private String number() {
            return vi ? String.format(Locale.ROOT, "%,d", random.nextInt(2, 50_000)).replace(',', '.')
                    : String.format(Locale.ROOT, "%,d", random.nextInt(2, 50_000));
        }
    }

    // ---- helpers ----

    /** Body length: 300–1500 words, skewed towards the short end as real news is (median about 650). */
    static int targetWords(SplittableRandom random) {
        return MIN_WORDS + (int) Math.round((MAX_WORDS - MIN_WORDS) * Math.pow(random.nextDouble(), 1.6));
    }

    static long streamSeed(long seed, String batchName, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + batchName.hashCode();
        h = h * 0xBF58476D1CE4E5B9L + index;
        return h ^ (h >>> 31);
    }

    static int words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** Lower case ASCII tokens without diacritics (đ → d): the file-name and URL slug alphabet. */
    public static List<String> slugTokens(String text) {
        String folded = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(folded.split("[^a-z0-9]+")).filter(t -> !t.isEmpty()).toList();
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String pick(SplittableRandom random, Topic topic, WordPools.Language lang) {
        return pick(random, lang == WordPools.VI ? topic.termsVi() : topic.termsEn());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static final java.util.Set<String> COMMON_STARTERS = java.util.Set.of("The", "Several", "Local", "City",
            "Residents", "Police", "Forecasters", "Researchers", "Union", "Farmers'", "Analysts", "Regulators");

    /** An English actor in mid-sentence: "The central bank" becomes "the central bank"; names stay as they are. */
    private static String lower(String s) {
        String first = s.split(" ", 2)[0];
        return COMMON_STARTERS.contains(first) ? s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1) : s;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
