package news.pipeline.ingest.identity;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Article id → last emitted version and content hash, in memory. Rebuilt at startup by reading the
 * raw topic from the beginning ({@link news.pipeline.ingest.events.RawTopicStateLoader}), so a
 * restart does not re-emit unchanged content; afterwards kept current by this instance's own
 * acknowledged sends.
 *
 * <p>Per-article work runs under a lock striped by id: two posts of the same article are decided
 * and sent one after the other (versions strictly increase, the second sees the first's hash),
 * while different articles proceed in parallel.
 *
 * <p>Limits, by design for one instance: a second instance would not see this one's sends and could
 * emit a duplicate or reuse a version. Running several needs either routing each feed to one
 * instance, or a shared store (a compacted state topic consumed continuously, or a database with a
 * conditional update). The raw topic keeps 7 days: content older than that is not recognised as
 * unchanged after a restart (it is emitted again, with a higher version, which downstream absorbs).
 */
public final class ArticleStateStore {

    private static final int STRIPES = 256;

    private final ConcurrentHashMap<String, ArticleState> states = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ArticleStateStore() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public Optional<ArticleState> get(String id) {
        return Optional.ofNullable(states.get(id));
    }

    /** Remembers an emitted version; an older version never replaces a newer one. */
    public void record(String id, ArticleState state) {
        states.merge(id, state, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    public int size() {
        return states.size();
    }

    public <T> T withLock(String id, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
