package news.pipeline.enrich.related;

import java.time.Duration;

/**
 * @param maxResults      related articles per article
 * @param halfLifeDays    recency: an article this many days older (or newer) than the new one counts 75 %, the
 *                        score factor being 0.5 + 0.5 × 2^(−|Δdays| / halfLifeDays)
 * @param minScore        related articles scoring below this are left out
 * @param refreshInterval how stale the index may be for a query: an article accepted at least this long before
 *                        a query is always among its candidates. Zero refreshes before every query that follows
 *                        a change (a new index segment per article: the cost the interval avoids).
 */
public record RelatedSettings(int maxResults, double halfLifeDays, double minScore, Duration refreshInterval) {

    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMillis(100);

    public static RelatedSettings defaults() {
        return new RelatedSettings(5, 30, 0.1, DEFAULT_REFRESH_INTERVAL);
    }

    public RelatedSettings withRefreshInterval(Duration interval) {
        return new RelatedSettings(maxResults, halfLifeDays, minScore, interval);
    }
}
