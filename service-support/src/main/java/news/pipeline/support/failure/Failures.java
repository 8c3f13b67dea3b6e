package news.pipeline.support.failure;

import java.io.IOException;
import news.pipeline.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The one place that tells a transient failure (retry it) from a poison one (dead-letter it), by
 * walking the cause chain, for every service.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * True when something in the cause chain says "try again later": our own {@link TransientFailureException},
     * an unreachable schema registry, a Kafka error the client itself calls retriable (timeouts, not enough
     * replicas, leader moves), an interrupted Kafka call, or I/O. A {@link PoisonRecordException} found first wins.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonRecordException) {
                return false;
            }
            if (t instanceof TransientFailureException || t instanceof SchemaRegistryException.Unavailable
                    || t instanceof RetriableException || t instanceof InterruptException
                    || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The first throwable of {@code type} in the cause chain, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Where it failed: the stage our own exceptions name, else {@code otherwise}. */
    public static String stage(Throwable failure, String otherwise) {
        RecordFailure ours = find(failure, RecordFailure.class);
        return ours != null ? ours.stage() : otherwise;
    }

    /**
     * One line for a log or a dead-letter header: the message of our own exception if there is one, else
     * of the root cause; at most {@code max} characters.
     */
    public static String reason(Throwable failure, int max) {
        Throwable chosen = find(failure, RecordFailure.class);
        if (chosen == null) {
            chosen = failure;
            while (chosen.getCause() != null && chosen.getCause() != chosen) {
                chosen = chosen.getCause();
            }
        }
        String message = chosen.getMessage() == null ? chosen.getClass().getName() : chosen.getMessage();
        String line = message.replace('\n', ' ');
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }
}
