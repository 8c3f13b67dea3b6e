package news.pipeline.enrich.related;


/**
 * @param maxResults   related articles per article
 * @param halfLifeDays recency: an article this many days older (or newer) than the new one counts 75 %, the
 *                     score factor being 0.5 + 0.5 × 2^(−|Δdays| / halfLifeDays)
 * @param minScore     related articles scoring below this are left out
 */
public record RelatedSettings(int maxResults, double halfLifeDays, double minScore) {

    public static RelatedSettings defaults() {
        return new RelatedSettings(5, 30, 0.1);
    }
}
