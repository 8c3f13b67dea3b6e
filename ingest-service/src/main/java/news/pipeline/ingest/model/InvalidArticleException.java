package news.pipeline.ingest.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** The posted input cannot become an article; answered 400 with every field error listed. */
public class InvalidArticleException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidArticleException(List<FieldError> errors) {
        this(distinct(errors), true);
    }

    public InvalidArticleException(String field, String problem) {
        this(List.of(new FieldError(field, problem)));
    }

    private InvalidArticleException(List<FieldError> distinct, boolean ignored) {
        super(distinct.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = distinct;
    }

    /** A field read twice (to choose a rendition, then to copy it) is reported once. */
    private static List<FieldError> distinct(List<FieldError> errors) {
        return List.copyOf(new LinkedHashSet<>(errors));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
