package news.pipeline.enrich.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import news.pipeline.enrich.audio.AudioEnricher;
import news.pipeline.enrich.category.CategoryEnricher;
import news.pipeline.enrich.category.Neighbour;
import news.pipeline.enrich.links.SourceLinkNormalizer;
import news.pipeline.enrich.related.RelatedHit;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.enrich.related.RelatedQuery;
import news.pipeline.enrich.text.TextEnricher;
import news.pipeline.enrich.text.TextStats;
import news.pipeline.events.AudioMetadata;
import news.pipeline.events.Category;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.events.RelatedArticle;
import news.pipeline.support.failure.Failures;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.failure.RecordFailure;
import news.pipeline.support.failure.TransientFailureException;

/**
 * Runs the enrichers on one raw article, in order: text (language, words, reading time, slug), source
 * links, related articles (needed by the categories' similar-articles signal), categories, audio — then
 * records the article in the related index. Each enricher is timed ({@code enrich.enricher.latency}).
 *
 * <p>The output depends only on the input and the index state: {@code enrichedAt} is the input's
 * {@code receivedAt}, not the wall clock, so processing an event twice gives the same record (and an
 * article never finds itself, nor an earlier version of itself, as related). A canceled article passes
 * through with empty enrichment and leaves the related index, so publish-service can delete it.
 */
public class ArticleEnricher {

    private final TextEnricher text;
    private final SourceLinkNormalizer links;
    private final RelatedIndex related;
    private final CategoryEnricher categories;
    private final AudioEnricher audio;
    private final String enrichmentVersion;
    private final MeterRegistry meters;
    private final Counter enriched;
    private final Counter canceled;
    /** One timer per enricher, looked up by name rather than built and registered on every call. */
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    private record Related(RelatedQuery analysed, List<RelatedHit> hits) {
    }

    public ArticleEnricher(TextEnricher text, SourceLinkNormalizer links, RelatedIndex related,
            CategoryEnricher categories, AudioEnricher audio, String enrichmentVersion, MeterRegistry meters) {
        this.text = text;
        this.links = links;
        this.related = related;
        this.categories = categories;
        this.audio = audio;
        this.enrichmentVersion = enrichmentVersion;
        this.meters = meters;
        this.enriched = Counter.builder("enrich.articles").tag("outcome", "enriched")
                .description("articles enriched (rate = enriched per second)").register(meters);
        this.canceled = Counter.builder("enrich.articles").tag("outcome", "canceled")
                .description("canceled articles passed through").register(meters);
    }

    /**
     * The whole enricher without Spring, with the service's default reading speed (200 words per minute) and source-link
     * time zone: the evaluation, the cost benchmark and tests.
     */
    public static ArticleEnricher standalone(RelatedIndex related, CategoryEnricher categories, AudioEnricher audio,
            String enrichmentVersion, MeterRegistry meters) {
        return new ArticleEnricher(new TextEnricher(200), new SourceLinkNormalizer(java.time.ZoneId.of("Asia/Ho_Chi_Minh")),
                related, categories, audio, enrichmentVersion, meters);
    }

    /** The first enrichment of an article version (revision 0). */
    public EnrichedArticle enrich(RawArticle raw) {
        return enrich(raw, 0);
    }

    /** @param revision 0 for the first enrichment of this version, n for its n-th re-enrichment */
    public EnrichedArticle enrich(RawArticle raw, int revision) {
        Instant enrichedAt = raw.getReceivedAt() != null ? raw.getReceivedAt() : raw.getVersionCreated();
        if (raw.getPubStatus() == PubStatus.canceled) {
            EnrichedArticle kill = EnrichedArticle.newBuilder()
                    .setId(raw.getId())
                    .setVersion(raw.getVersion())
                    .setArticle(raw)
                    .setCategories(List.of())
                    .setRelatedArticles(List.of())
                    .setAudio(null)
                    .setDetectedLanguage(null)
                    .setWordCount(0)
                    .setReadingTimeSeconds(0)
                    .setSlug(null)
                    .setEnrichedAt(enrichedAt)
                    .setEnrichmentVersion(enrichmentVersion)
                    .setEnrichmentRevision(revision)
                    .build();
            timed("index", () -> {
                related.delete(raw.getId());
                return null;
            });
            canceled.increment();
            return kill;
        }
        TextStats stats = timed("text", () -> text.analyse(raw));
        RawArticle article = timed("source-links", () -> RawArticle.newBuilder(raw)
                .setSourceLinks(links.normalize(raw.getSourceLinks(), raw.getUri())).build());
        // the text analysed once, for the query and for the index; one "related" sample per article
        Related found = timed("related", () -> {
            RelatedQuery analysed = related.analyse(article);
            return new Related(analysed, related.find(article, stats.language(), analysed));
        });
        List<RelatedHit> hits = found.hits();
        List<Neighbour> neighbours = hits.stream().map(h -> new Neighbour(h.id(), h.score(), h.topLevelCodes())).toList();
        List<Category> assigned = timed("categories", () -> categories.categorize(article, stats.language(), neighbours));
        AudioMetadata narration = timed("audio", () -> audio.enrich(article.getAudio(), article.getHeadline(),
                stats.wordCount()));
        EnrichedArticle result = EnrichedArticle.newBuilder()
                .setId(article.getId())
                .setVersion(article.getVersion())
                .setArticle(article)
                .setCategories(assigned)
                .setRelatedArticles(hits.stream().map(h -> RelatedArticle.newBuilder()
                        .setId(h.id()).setTitle(h.title()).setUrl(h.url()).setScore(h.score())
                        .setPublishedAt(h.publishedAt()).build()).toList())
                .setAudio(narration)
                .setDetectedLanguage(stats.language())
                .setWordCount(stats.wordCount())
                .setReadingTimeSeconds(stats.readingTimeSeconds())
                .setSlug(stats.slug())
                .setEnrichedAt(enrichedAt)
                .setEnrichmentVersion(enrichmentVersion)
                .setEnrichmentRevision(revision)
                .build();
        timed("index", () -> {
            related.accept(result, found.analysed());
            return null;
        });
        enriched.increment();
        return result;
    }

    private <T> T timed(String enricher, Supplier<T> work) {
        Timer.Sample sample = Timer.start(meters);
        try {
            return work.get();
        } catch (RecordFailure e) {
            throw e;
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw new TransientFailureException("enrich", enricher + " failed: " + e.getMessage(), e);
            }
            throw new PoisonRecordException("enrich", enricher + " failed: " + e, e);
        } finally {
            sample.stop(latencies.computeIfAbsent(enricher, name -> Timer.builder("enrich.enricher.latency")
                    .tag("enricher", name).description("time spent in each enricher").register(meters)));
        }
    }
}
