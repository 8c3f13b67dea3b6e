package news.pipeline.ingest.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.pipeline.ingest.model.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Typed, path-aware reads from a JSON tree: every wrong field is collected with its full name
 * ({@code associations[1].renditions.mp3.duration}) so a 400 tells the feed exactly what to fix,
 * and all problems are reported at once instead of one per round trip.
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    JsonFields(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    static JsonFields root(JsonNode node) {
        return new JsonFields(node, "", new ArrayList<>());
    }

    List<FieldError> errors() {
        return errors;
    }

    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    String path() {
        return path;
    }

    void error(String field, String problem) {
        errors.add(new FieldError(name(field), problem));
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A string field, or null when absent; a non-string value is an error. */
    String string(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            error(field, "must be a string");
            return null;
        }
        return value.stringValue();
    }

    /** The first of several alternative names that is present (ninjs 1.x and 2.x spell fields differently). */
    String firstString(String... fields) {
        for (String field : fields) {
            if (has(field)) {
                return string(field);
            }
        }
        return null;
    }

    /** A non-negative whole number, given as a JSON number or a numeric string (ninjs versions are strings). */
    Long wholeNumber(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        Long result = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            result = value.longValue();
        } else if (value.isString() && value.stringValue().trim().matches("\\d{1,18}")) {
            result = Long.parseLong(value.stringValue().trim());
        }
        if (result == null || result < 0) {
            error(field, "must be a non-negative whole number");
            return null;
        }
        return result;
    }

    /** A number (may have decimals), as a JSON number or numeric string. */
    Double number(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isString()) {
            try {
                return Double.parseDouble(value.stringValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        error(field, "must be a number");
        return null;
    }

    Integer positiveInt(String field) {
        Double value = number(field);
        if (value == null) {
            return null;
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            error(field, "must be between 0 and " + Integer.MAX_VALUE);
            return null;
        }
        return (int) Math.round(value);
    }

    /** An ISO-8601 time, or epoch milliseconds as a number. */
    Instant time(String field, ZoneId zone) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (!value.isString()) {
            error(field, Timestamps.EXPECTED);
            return null;
        }
        try {
            return Timestamps.parse(value.stringValue(), zone);
        } catch (DateTimeParseException e) {
            error(field, Timestamps.EXPECTED + ", got '" + abbreviate(value.stringValue()) + "'");
            return null;
        }
    }

    /** An absolute URI (http, https, urn, ...), or null. */
    String uri(String field) {
        String value = string(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            if (!uri.isAbsolute()) {
                error(field, "must be an absolute URI, got '" + abbreviate(value) + "'");
                return null;
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            error(field, "is not a valid URI: " + e.getReason());
            return null;
        }
    }

    /** A BCP 47 language tag such as {@code vi}, {@code vi-VN} or {@code en-GB}. */
    String language(String field) {
        String value = string(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().replace('_', '-').matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")) {
            error(field, "is not a BCP 47 language tag (e.g. vi, vi-VN, en), got '" + abbreviate(value) + "'");
            return null;
        }
        return value.trim();
    }

    List<String> strings(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            error(field, "must be an array of strings");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        int i = 0;
        for (JsonNode item : value.values()) {
            if (item.isString()) {
                result.add(item.stringValue());
            } else if (!item.isNull()) {
                error(field + "[" + i + "]", "must be a string");
            }
            i++;
        }
        return result;
    }

    JsonFields object(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            error(field, "must be an object");
            return null;
        }
        return new JsonFields(value, name(field), errors);
    }

    /** Items of an array of objects; each item reports its errors under {@code field[i]}. */
    List<JsonFields> objects(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            error(field, "must be an array of objects");
            return List.of();
        }
        List<JsonFields> result = new ArrayList<>();
        int i = 0;
        for (JsonNode item : value.values()) {
            if (item.isObject()) {
                result.add(new JsonFields(item, name(field) + "[" + i + "]", errors));
            } else {
                error(field + "[" + i + "]", "must be an object");
            }
            i++;
        }
        return result;
    }

    /**
     * Named members given either as an object keyed by name (ninjs 1.x associations and renditions)
     * or as an array of objects with a {@code name} property (ninjs 2.x).
     */
    List<Map.Entry<String, JsonFields>> namedObjects(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return List.of();
        }
        List<Map.Entry<String, JsonFields>> result = new ArrayList<>();
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                if (member.getValue().isObject()) {
                    result.add(Map.entry(member.getKey(),
                            new JsonFields(member.getValue(), name(field) + "." + member.getKey(), errors)));
                } else {
                    error(field + "." + member.getKey(), "must be an object");
                }
            }
            return result;
        }
        if (value.isArray()) {
            for (JsonFields item : objects(field)) {
                String name = item.string("name");
                result.add(Map.entry(name == null ? "" : name, item));
            }
            return result;
        }
        error(field, "must be an object or an array of objects");
        return result;
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
