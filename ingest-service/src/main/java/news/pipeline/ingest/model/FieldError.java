package news.pipeline.ingest.model;

/**
 * One thing wrong with a posted article: which field (a JSON-path-like name such as
 * {@code audio[0].fileName}, or {@code body} for the request body as a whole) and what is wrong.
 */
public record FieldError(String field, String problem) {

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
