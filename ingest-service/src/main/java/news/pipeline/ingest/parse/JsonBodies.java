package news.pipeline.ingest.parse;

import news.pipeline.events.PubStatus;
import news.pipeline.ingest.model.InvalidArticleException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading a JSON request body into a tree, with errors a feed can act on. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** Any JSON value; syntax errors name line and column. */
    public static JsonNode read(JsonMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidArticleException("body", "is empty");
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidArticleException("body", "is not valid JSON: " + describe(e));
        }
    }

    /** One article object: an array is a batch and belongs to the batch endpoint. */
    public static JsonNode readObject(JsonMapper mapper, String body) {
        JsonNode node = read(mapper, body);
        if (node.isArray()) {
            throw new InvalidArticleException("body", "is a JSON array; post several articles to /feeds/{feed}/articles/batch");
        }
        if (!node.isObject()) {
            throw new InvalidArticleException("body", "must be a JSON object");
        }
        return node;
    }

    static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 160) {
            message = message.substring(0, 157) + "...";
        }
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0 ? message
                : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** ninjs and own JSON pubstatus; the British spelling is forgiven. */
    static PubStatus pubStatus(JsonFields fields, String field) {
        String value = fields.string(field);
        if (value == null) {
            return PubStatus.usable;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "usable" -> PubStatus.usable;
            case "withheld" -> PubStatus.withheld;
            case "canceled", "cancelled" -> PubStatus.canceled;
            default -> {
                fields.error(field, "must be one of usable, withheld, canceled; got '" + JsonFields.abbreviate(value) + "'");
                yield PubStatus.usable;
            }
        };
    }
}
