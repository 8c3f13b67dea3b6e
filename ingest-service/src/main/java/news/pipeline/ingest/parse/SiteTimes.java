package news.pipeline.ingest.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as Vietnamese sites print them for readers: {@code 02.11.2024 | 17:55 PM},
 * {@code 02/11/2024 17:55}. Day first; HH is on a 24-hour clock even when a designator follows
 * ("17:55 PM" would be impossible on a 12-hour clock), so the designator is ignored. Local site
 * time, converted to UTC with the feed's source time zone.
 */
final class SiteTimes {

    static final String DAY_MONTH_YEAR_TIME =
            "(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\s*(?:\\|\\s*|,\\s*|-\\s*)?(\\d{1,2}):(\\d{2})(?:\\s*([AaPp][Mm]))?";
    static final Pattern ANYWHERE = Pattern.compile(DAY_MONTH_YEAR_TIME);

    private SiteTimes() {
    }

    /** The instant a match of {@link #DAY_MONTH_YEAR_TIME} (groups 1-5) stands for; throws on 31.02 or 25:00. */
    static Instant toInstant(Matcher m, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        return local.atZone(zone).toInstant();
    }

    /** The first site time in free text, or null when there is none or it is not a real time. */
    static Instant find(String text, ZoneId zone) {
        Matcher m = ANYWHERE.matcher(text);
        if (!m.find()) {
            return null;
        }
        try {
            return toInstant(m, zone);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
