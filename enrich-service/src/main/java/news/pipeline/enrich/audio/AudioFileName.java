package news.pipeline.enrich.audio;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.enrich.text.Folding;

/**
 * The narration file-name convention {@code DDMMYY_<narrator>_<slug>[_mixdown].<ext>}, e.g.
 * {@code 251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3}: recorded 25 Dec 2019 (two-digit
 * years are 20YY), narrator {@code thoia}, slug {@code day_manh_thuc_hien_quy_che_dan_chu}.
 *
 * <p>Slug matching rule: the headline is folded to ASCII slug tokens (lower case, đ→d, diacritics
 * removed, non-alphanumerics as separators). The slug matches when its tokens are a prefix of the
 * headline's tokens (narration files are often named after the start of a long headline), or when at
 * least 80 % of its tokens (and at least 3) occur in the headline, which tolerates a dropped or
 * reordered word.
 */
public record AudioFileName(LocalDate recordingDate, String narrator, String slug) {

    private static final Pattern CONVENTION = Pattern.compile(
            "^(\\d{2})(\\d{2})(\\d{2})_([a-z0-9]+)_([a-z0-9_]+?)(?:_mixdown)?\\.(?:mp3|m4a|aac|wav|ogg|oga|opus)$");
    static final double TOKEN_OVERLAP = 0.8;

    public static Optional<AudioFileName> parse(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
                .toLowerCase(Locale.ROOT);
        Matcher m = CONVENTION.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.of(2000 + Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1)));
        } catch (DateTimeException notADate) {
            date = null;
        }
        return Optional.of(new AudioFileName(date, m.group(4), m.group(5)));
    }

    public boolean matchesHeadline(String headline) {
        List<String> slugTokens = Folding.slugTokens(slug);
        List<String> headlineTokens = Folding.slugTokens(headline);
        if (slugTokens.isEmpty() || headlineTokens.isEmpty()) {
            return false;
        }
        if (headlineTokens.size() >= slugTokens.size()
                && headlineTokens.subList(0, slugTokens.size()).equals(slugTokens)) {
            return true;
        }
        long found = slugTokens.stream().filter(headlineTokens::contains).count();
        return slugTokens.size() >= 3 && found >= TOKEN_OVERLAP * slugTokens.size();
    }
}
