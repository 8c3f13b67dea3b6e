package news.pipeline.ingest.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.regex.Pattern;
import news.pipeline.ingest.model.FieldError;

/**
 * Feed times to UTC instants. A time with an offset or zone is exact; one without (local
 * site time, as Vietnamese sites print it) is read in the feed's source time zone; a bare date
 * is the start of that day there.
 */
public final class Timestamps {

    private static final Pattern SPACE_SEPARATED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:.*)$");

    private Timestamps() {
    }

    /** @throws DateTimeParseException when the text is not ISO-8601 */
    public static Instant parse(String text, ZoneId sourceZone) {
        String value = text.trim();
        var spaced = SPACE_SEPARATED.matcher(value);
        if (spaced.matches()) {
            value = spaced.group(1) + "T" + spaced.group(2);
        }
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(sourceZone).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, ZonedDateTime::from, LocalDateTime::from);
        return parsed instanceof ZonedDateTime zoned
                ? zoned.toInstant()
                : ((LocalDateTime) parsed).atZone(sourceZone).toInstant();
    }

    /**
     * As {@link #parse}, for a parser that reports every wrong field at once: null with {@code problem} added to
     * {@code errors} when the text is not a time, null for no text.
     */
    static Instant parseOrReport(String text, ZoneId sourceZone, String field, List<FieldError> errors, String problem) {
        if (text == null) {
            return null;
        }
        try {
            return parse(text, sourceZone);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, problem));
            return null;
        }
    }

    public static final String EXPECTED = "is not an ISO-8601 date-time (e.g. 2024-11-02T17:55:00+07:00)";
}
