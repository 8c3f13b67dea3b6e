package news.pipeline.ingest.parse;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.SourceLink;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;

/**
 * A news page flattened to text ({@code text/plain}), as regional Vietnamese sites publish it
 * (see {@code samples/seed-article-vi.txt}). One line per element; the rules, in order:
 *
 * <ol>
 * <li>The first non-empty line is the headline.</li>
 * <li>A line {@code Audio: <file or URL>} names the narration file (an audio extension is required).</li>
 * <li>A line {@code Ảnh: <name>} (or {@code Photo:}) is the photo credit.</li>
 * <li>A line starting a link list ends the article: {@code Tin cùng chuyên mục} (same-section),
 *     {@code Xem tin theo ngày} (by-date), {@code Tin liên quan} (related). Each following line is
 *     one item; a trailing {@code dd.MM.yyyy | HH:mm [AM|PM]} is its time. The site prints HH on a
 *     24-hour clock followed by a designator ("17:55 PM"), so HH is read as 24-hour and the
 *     designator ignored; the time is the feed's source time zone, converted to UTC.</li>
 * <li>The byline is the short, name-like line next to the photo credit (or, without a credit,
 *     the last line of the article if it is name-like): at most 8 words, no digits, no sentence
 *     punctuation at its end.</li>
 * <li>The remaining lines are paragraphs. The first is the lead (the subheadline) when there are
 *     others; the rest is the body.</li>
 * <li>A photo caption is recognised only on a page that has a photo credit: a paragraph after the
 *     lead and before the last paragraph, of one sentence and at most 25 words. Body paragraphs of
 *     these sites are several sentences long; a one-sentence line wedged between them is what the
 *     flattening leaves of the caption under a photo. A page without a credit has no photo, so no
 *     line of it is taken for a caption.</li>
 * </ol>
 *
 * <p>Nothing else is dropped: a line that fits no rule stays body text, so a misjudged line shows up
 * in the body rather than being lost.
 */
public final class PageTextParser implements ArticleParser {

    static final int MAX_BYLINE_WORDS = 8;
    static final int MAX_CAPTION_WORDS = 25;

    private static final Map<String, String> LIST_HEADERS = Map.of(
            "tin cùng chuyên mục", "same-section",
            "xem tin theo ngày", "by-date",
            "tin liên quan", "related",
            "tin khác", "related",
            "related", "related",
            "related news", "related");
    private static final Pattern AUDIO_LINE = Pattern.compile("^(?:audio|âm thanh|nghe)\\s*:\\s*(\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CREDIT_LINE = Pattern.compile("^(?:ảnh|ảnh minh họa|ảnh minh hoạ|photo)\\s*:\\s*(\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BULLET = Pattern.compile("^[-–—•*]\\s*");
    private static final Pattern LIST_TIME = Pattern.compile("\\s+" + SiteTimes.DAY_MONTH_YEAR_TIME + "\\s*$");
    private static final Pattern SENTENCE_INSIDE = Pattern.compile("[.!?…]\\s+\\S");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…:;,]$");

    @Override
    public SourceFormat format() {
        return SourceFormat.PAGE_TEXT;
    }

    @Override
    public ParsedArticle parse(String body, ParseContext context) {
        List<String> lines = lines(body);
        if (lines.isEmpty()) {
            throw new InvalidArticleException("body", "is empty");
        }
        List<FieldError> errors = new ArrayList<>();
        ParsedArticle.Builder b = ParsedArticle.builder(SourceFormat.PAGE_TEXT);
        String headline = lines.getFirst();
        if (headline.length() > OwnJsonParser.MAX_HEADLINE) {
            errors.add(new FieldError("headline", "is longer than " + OwnJsonParser.MAX_HEADLINE + " characters"));
        }
        b.headline(headline);

        int listStart = 1;
        while (listStart < lines.size() && listName(lines.get(listStart)) == null) {
            listStart++;
        }
        readArticle(lines.subList(1, listStart), b, errors);
        readLists(lines.subList(listStart, lines.size()), context, b, errors);

        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        return b.build();
    }

    private static void readArticle(List<String> region, ParsedArticle.Builder b, List<FieldError> errors) {
        List<String> rest = new ArrayList<>();
        List<String> credits = new ArrayList<>();
        int lastCredit = -1;
        for (String line : region) {
            Matcher audio = AUDIO_LINE.matcher(line);
            Matcher credit = CREDIT_LINE.matcher(line);
            if (audio.matches()) {
                String value = audio.group(1).trim();
                String fileName = MediaFiles.fileName(value);
                if (!MediaFiles.isAudioFile(fileName)) {
                    errors.add(new FieldError("audio", "'" + JsonFields.abbreviate(value)
                            + "' does not name an audio file (.mp3, .m4a, .aac, .ogg, .opus, .wav, .flac)"));
                    continue;
                }
                b.audio(AudioRef.newBuilder()
                        .setFileName(fileName)
                        .setHref(MediaFiles.isHttpUrl(value) ? value : null)
                        .setMimeType(MediaFiles.audioMimeType(fileName))
                        .build());
            } else if (credit.matches()) {
                credits.add(credit.group(1).trim());
                lastCredit = rest.size();
                rest.add(null); // placeholder keeps the credit's position among the lines
            } else {
                rest.add(line);
            }
        }

        // The byline sits next to the (last) photo credit; without one, it may close the article.
        int bylineAt = -1;
        if (lastCredit >= 0) {
            if (lastCredit > 0 && isNameLike(rest.get(lastCredit - 1))) {
                bylineAt = lastCredit - 1;
            } else if (lastCredit + 1 < rest.size() && isNameLike(rest.get(lastCredit + 1))) {
                bylineAt = lastCredit + 1;
            }
        } else if (rest.size() >= 3 && isNameLike(rest.getLast())) {
            bylineAt = rest.size() - 1;
        }
        if (bylineAt >= 0) {
            b.byline(rest.get(bylineAt));
            rest.set(bylineAt, null);
        }
        List<String> paragraphs = rest.stream().filter(line -> line != null).toList();

        String credit = credits.isEmpty() ? null : String.join("; ", credits);
        List<String> body = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            String p = paragraphs.get(i);
            boolean between = i > 0 && i < paragraphs.size() - 1;
            if (credit != null && between && isCaptionLike(p)) {
                captions.add(p);
            } else {
                body.add(p);
            }
        }
        if (body.size() >= 2) {
            b.subheadline(body.getFirst());
            body = body.subList(1, body.size());
        }
        b.bodyText(body.isEmpty() ? null : String.join("\n\n", body));
        if (captions.isEmpty() && credit != null) {
            b.image(ImageRef.newBuilder().setCredit(credit).build());
        }
        for (String caption : captions) {
            b.image(ImageRef.newBuilder().setCaption(caption).setCredit(credit).build());
        }
    }

    private static void readLists(List<String> lines, ParseContext context, ParsedArticle.Builder b, List<FieldError> errors) {
        String list = null;
        int index = 0;
        for (String line : lines) {
            String header = listName(line);
            if (header != null) {
                list = header;
                continue;
            }
            String item = BULLET.matcher(line).replaceFirst("").trim();
            if (item.isEmpty()) {
                continue;
            }
            SourceLink.Builder link = SourceLink.newBuilder().setList(list);
            Matcher time = LIST_TIME.matcher(item);
            if (time.find()) {
                link.setTitle(item.substring(0, time.start()).trim());
                try {
                    // HH is already 24-hour ("17:55 PM"): the designator adds nothing and is ignored.
                    link.setPublishedAt(SiteTimes.toInstant(time, context.sourceZone()));
                } catch (DateTimeException e) {
                    errors.add(new FieldError("sourceLinks[" + index + "].publishedAt",
                            "'" + time.group().trim() + "' is not a valid date and time (dd.MM.yyyy | HH:mm)"));
                }
            } else {
                link.setTitle(item);
            }
            b.sourceLink(link.build());
            index++;
        }
    }

    /** NFC first, so headers and "Ảnh:" match however the feed composed its diacritics. */
    static List<String> lines(String body) {
        if (body == null) {
            return List.of();
        }
        String text = Normalizer.normalize(body, Normalizer.Form.NFC).replace('\u00A0', ' ');
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    static String listName(String line) {
        String key = line.strip().replaceAll("[:：]\\s*$", "").toLowerCase(Locale.ROOT);
        return LIST_HEADERS.get(key);
    }

    static boolean isNameLike(String line) {
        if (line == null || line.length() > 80 || line.isEmpty()) {
            return false;
        }
        return Character.isUpperCase(line.codePointAt(0))
                && words(line) <= MAX_BYLINE_WORDS
                && line.chars().noneMatch(Character::isDigit)
                && !SENTENCE_END.matcher(line).find();
    }

    static boolean isCaptionLike(String line) {
        return words(line) <= MAX_CAPTION_WORDS
                && line.length() <= 200
                && !line.endsWith(":")
                && !SENTENCE_INSIDE.matcher(line).find();
    }

    private static int words(String line) {
        return line.isBlank() ? 0 : line.trim().split("\\s+").length;
    }
}
