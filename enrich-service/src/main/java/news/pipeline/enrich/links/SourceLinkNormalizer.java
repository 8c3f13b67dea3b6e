package news.pipeline.enrich.links;

import java.net.URI;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.enrich.text.Folding;
import news.pipeline.events.SourceLink;

/**
 * Keeps the links the source page lists itself ("Tin cùng chuyên mục", "Xem tin theo ngày") and
 * normalises them, apart from the computed related articles:
 * <ul>
 *   <li>list names become {@code same-section}, {@code by-date} or {@code related};</li>
 *   <li>titles are NFC with whitespace collapsed and list bullets removed; a trailing page timestamp
 *       ({@code 02.11.2024 | 17:55 PM}) is cut off the title and becomes {@code publishedAt} when that is
 *       missing — read in the source's time zone (Asia/Ho_Chi_Minh by default) and stored in UTC; the
 *       hour is read as 24-hour when above 12 (the sample writes "17:55 PM"), else AM/PM applies;</li>
 *   <li>URLs are resolved against the article's URL, and anything but http(s) is dropped;</li>
 *   <li>duplicates (same list, folded title and URL) are dropped, order kept.</li>
 * </ul>
 */
public class SourceLinkNormalizer {

    private static final Pattern TRAILING_TIME = Pattern.compile(
            "\\s*(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\s*(?:\\|\\s*)?(?:(\\d{1,2}):(\\d{2})(?:\\s*([AaPp][Mm]))?)?\\s*$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern BULLET = Pattern.compile("^[-–•*·]\\s*");
    private static final Map<String, String> LISTS = Map.of(
            "tin-cung-chuyen-muc", "same-section",
            "same-section", "same-section",
            "cung-chuyen-muc", "same-section",
            "xem-tin-theo-ngay", "by-date",
            "by-date", "by-date",
            "tin-theo-ngay", "by-date",
            "tin-lien-quan", "related",
            "related", "related");

    private final ZoneId zone;

    public SourceLinkNormalizer(ZoneId zone) {
        this.zone = zone;
    }

    public List<SourceLink> normalize(List<SourceLink> links, String articleUri) {
        List<SourceLink> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SourceLink link : links) {
            String title = link.getTitle() == null ? "" : Normalizer.normalize(link.getTitle(), Normalizer.Form.NFC);
            title = BULLET.matcher(SPACES.matcher(title).replaceAll(" ").strip()).replaceFirst("");
            java.time.Instant published = link.getPublishedAt();
            Matcher time = TRAILING_TIME.matcher(title);
            if (time.find() && time.start() > 0) {
                if (published == null) {
                    published = parse(time);
                }
                title = title.substring(0, time.start()).strip();
            }
            if (title.isEmpty()) {
                continue;
            }
            String list = listName(link.getList());
            String url = url(link.getUrl(), articleUri);
            if (seen.add(list + "|" + Folding.fold(title) + "|" + url)) {
                out.add(SourceLink.newBuilder().setList(list).setTitle(title).setUrl(url).setPublishedAt(published).build());
            }
        }
        return out;
    }

    static String listName(String list) {
        String key = Folding.slug(list == null ? "" : list, '-');
        return LISTS.getOrDefault(key, key.isEmpty() ? "related" : key);
    }

    private java.time.Instant parse(Matcher m) {
        try {
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            String marker = m.group(6) == null ? "" : m.group(6).toUpperCase(Locale.ROOT);
            if (hour <= 12 && marker.equals("PM") && hour != 12) {
                hour += 12;
            } else if (hour == 12 && marker.equals("AM")) {
                hour = 0;
            }
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1)), hour, minute);
            return local.atZone(zone).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    static String url(String url, String base) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            if (!uri.isAbsolute() && base != null) {
                uri = URI.create(base).resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
