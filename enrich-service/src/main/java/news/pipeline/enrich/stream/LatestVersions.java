package news.pipeline.enrich.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest version of each article this service has enriched (a kill included), with its enrichment revision
 * ({@code ArticleVersions.ordinal}: a re-enrichment of the same version is newer), so that an older
 * version arriving later — a replayed dead letter, a re-sent old event — is never written after a newer
 * one. The enriched topic is compacted and keeps the last record written per key, and a reindex trusts
 * it: an older version written last would bring back a killed article or an outdated text. Rebuilt from
 * the enriched topic at start-up.
 */
public final class LatestVersions {

    private final Map<String, Long> latest = new ConcurrentHashMap<>();

    /**
     * Records {@code version} as the article's latest unless a newer one is known. The same version again
     * (a redelivery) is not older: it may be enriched and written again.
     *
     * @return false when a newer version of the article has been enriched: skip this one
     */
    public boolean offer(String id, long version) {
        boolean[] newest = {false};
        latest.compute(id, (key, known) -> {
            if (known == null || version >= known) {
                newest[0] = true;
                return version;
            }
            return known;
        });
        return newest[0];
    }

    /**
     * Records {@code version} as the article's latest only if it is newer than any known: what another writer's
     * record must be to be taken in (the same version again is this service's own output coming back).
     *
     * @return true when it was newer
     */
    public boolean offerNewer(String id, long version) {
        boolean[] newer = {false};
        latest.compute(id, (key, known) -> {
            if (known == null || version > known) {
                newer[0] = true;
                return version;
            }
            return known;
        });
        return newer[0];
    }

    /** The latest version known (with its revision: {@code ArticleVersions.ordinal}), or null. */
    public Long latest(String id) {
        return latest.get(id);
    }

    /** A compacted-away article (a tombstone on the enriched topic): nothing is known of it any more. */
    public void forget(String id) {
        latest.remove(id);
    }

    public int size() {
        return latest.size();
    }
}
