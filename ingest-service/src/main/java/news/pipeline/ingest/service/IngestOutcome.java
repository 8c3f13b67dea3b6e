package news.pipeline.ingest.service;

import news.pipeline.events.PubStatus;
import news.pipeline.ingest.events.Delivery;

/** What became of one posted article. */
public sealed interface IngestOutcome {

    String id();

    long version();

    /** A new event was written and acknowledged. */
    record Accepted(String id, long version, PubStatus pubStatus, Delivery delivery) implements IngestOutcome {
    }

    /** Same content as the last emitted version: nothing written; {@code version} is that last version. */
    record Unchanged(String id, long version) implements IngestOutcome {
    }
}
