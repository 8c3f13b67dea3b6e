package news.pipeline.benchmark.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import news.pipeline.benchmark.RunClock;

/**
 * Records the first moment each article is searchable: a thread that polls the alias with an
 * {@code ids} query for every article posted but not yet seen (in chunks, oldest first), every
 * {@code pollMillis}. "Searchable" means what a reader sees: the document is returned by a search,
 * i.e. it has been indexed <em>and</em> a refresh has happened since, so the index's refresh
 * interval (1 s by default) bounds how soon an article can be seen. The time recorded is when the
 * search answer arrived, so each latency is overstated by at most one poll interval plus one round trip.
 *
 * <p>The probe is cheap, so that Elasticsearch's CPU while the pipeline runs is the pipeline's: every
 * poll asks only for the alias's document count; the {@code ids} query runs when the count has moved,
 * i.e. after a refresh made new documents visible (about once per refresh interval, not ten times a
 * second with thousands of ids). The run's articles are only ever added, so a refresh that shows one
 * of them always moves the count.
 */
public final class SearchabilityWatcher implements AutoCloseable {

    static final int CHUNK = 2000;

    private final EsClient es;
    private final String alias;
    private final long pollMillis;
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final Map<String, Double> seenAt = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong idsQueries = new AtomicLong();
    private long lastCount = -1;
    private final AtomicLong pollNanos = new AtomicLong();
    private final AtomicLong pollErrors = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public SearchabilityWatcher(EsClient es, String alias, long pollMillis) {
        this.es = es;
        this.alias = alias;
        this.pollMillis = pollMillis;
        this.thread = Thread.ofPlatform().daemon().name("searchability-watcher").unstarted(this::run);
        thread.start();
    }

    /** Starts watching for an article id (from ingest's answer). */
    public void watch(String id) {
        if (seenAt.containsKey(id)) {
            return;
        }
        synchronized (pending) {
            pending.add(id);
        }
    }

    /** When the article was first seen searchable (epoch ms), or null. */
    public Double seenAt(String id) {
        return seenAt.get(id);
    }

    public int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Waits until every id was seen or the timeout passed; returns how many are still unseen. */
    public int awaitAll(Collection<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int missing = (int) ids.stream().filter(id -> !seenAt.containsKey(id)).count();
            if (missing == 0 || System.nanoTime() > deadline) {
                return missing;
            }
            RunClock.sleepMs(Math.min(100, pollMillis));
        }
    }

    public long polls() {
        return polls.get();
    }

    public long pollErrors() {
        return pollErrors.get();
    }

    public double meanPollMillis() {
        long n = polls.get();
        return n == 0 ? 0 : pollNanos.get() / 1e6 / n;
    }

    private void run() {
        while (running) {
            long started = System.nanoTime();
            List<String> snapshot;
            synchronized (pending) {
                snapshot = new ArrayList<>(pending);
            }
            if (!snapshot.isEmpty() && countMoved()) {
                for (int from = 0; from < snapshot.size() && running; from += CHUNK) {
                    poll(snapshot.subList(from, Math.min(snapshot.size(), from + CHUNK)));
                }
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            if (elapsedMs < pollMillis) {
                try {
                    Thread.sleep(pollMillis - elapsedMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** True when the alias's document count differs from the last probe's (or a probe failed: look anyway). */
    private boolean countMoved() {
        long t0 = System.nanoTime();
        try {
            EsClient.Response r = es.send("GET", "/" + alias + "/_count?filter_path=count", null);
            long count = r.ok() ? r.body().path("count").asLong(-1) : -1;
            boolean moved = count < 0 || count != lastCount;
            lastCount = count;
            return moved;
        } catch (RuntimeException e) {
            pollErrors.incrementAndGet();
            return true;
        } finally {
            polls.incrementAndGet();
            pollNanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private void poll(List<String> ids) {
        ObjectNode query = EsClient.json().createObjectNode();
        query.put("size", ids.size()).put("_source", false).put("track_total_hits", false);
        ArrayNode values = query.putObject("query").putObject("ids").putArray("values");
        ids.forEach(values::add);
        long t0 = System.nanoTime();
        try {
            EsClient.Response r = es.send("POST", "/" + alias + "/_search?filter_path=hits.hits._id", query.toString());
            double answeredAt = RunClock.nowMs();
            if (!r.ok()) {
                pollErrors.incrementAndGet();
                return;
            }
            List<String> found = new ArrayList<>();
            for (JsonNode hit : r.body().path("hits").path("hits")) {
                String id = hit.path("_id").asText();
                seenAt.putIfAbsent(id, answeredAt);
                found.add(id);
            }
            if (!found.isEmpty()) {
                synchronized (pending) {
                    found.forEach(pending::remove);
                }
            }
        } catch (RuntimeException e) {
            pollErrors.incrementAndGet();
        } finally {
            idsQueries.incrementAndGet();
            pollNanos.addAndGet(System.nanoTime() - t0);
        }
    }

    /** The ids queries sent (each probe that saw the count move sends one per chunk of pending ids). */
    public long idsQueries() {
        return idsQueries.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
