package news.pipeline.enrich.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import news.pipeline.enrich.audio.AudioEnricher;
import news.pipeline.enrich.audio.AudioSettings;
import news.pipeline.enrich.category.CategoryData;
import news.pipeline.enrich.category.CategoryEnricher;
import news.pipeline.enrich.category.CategorySettings;
import news.pipeline.enrich.links.SourceLinkNormalizer;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.enrich.related.RelatedSettings;
import news.pipeline.enrich.stream.ArticleEnricher;
import news.pipeline.enrich.stream.EnrichFunction;
import news.pipeline.enrich.stream.EnrichedTopicFollower;
import news.pipeline.enrich.stream.LatestVersions;
import news.pipeline.enrich.text.TextEnricher;
import news.pipeline.support.kafka.PipelineTopics;
import news.pipeline.support.kafka.ProvisionedTopics;
import news.pipeline.support.kafka.ValueDecoder;
import news.pipeline.support.kafka.ValueEncoder;
import news.pipeline.support.registry.SchemaRegistrySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Wires the enrichers, the related index (rebuilt before the stream starts) and the stream function. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichProperties.class)
public class EnrichConfiguration {

    @Bean
    TextEnricher textEnricher(EnrichProperties properties) {
        return new TextEnricher(properties.text().readingWordsPerMinute());
    }

    @Bean
    CategoryEnricher categoryEnricher(EnrichProperties properties, ResourceLoader resourceLoader) {
        EnrichProperties.Categories c = properties.categories();
        CategoryData data = CategoryData.load(resourceLoader, c.location(), c.languages());
        return new CategoryEnricher(data, new CategorySettings(c.maxCategories(), c.lexiconMinRaw(),
                c.lexiconMinShare(), c.secondLevelMinRaw(), c.secondLevelMinShare(), c.similarMinNeighbours(),
                c.similarMinVote()));
    }

    @Bean(destroyMethod = "close")
    AudioEnricher audioEnricher(EnrichProperties properties) {
        EnrichProperties.Audio a = properties.audio();
        return new AudioEnricher(new AudioSettings(a.mediaDir(), a.allowedHosts() == null ? List.of() : a.allowedHosts(),
                a.maxBytes(), a.timeout(), a.wordsPerMinute()));
    }

    @Bean
    SourceLinkNormalizer sourceLinkNormalizer(EnrichProperties properties) {
        return new SourceLinkNormalizer(properties.sourceLinks().zone());
    }

    @Bean
    LatestVersions latestVersions() {
        return new LatestVersions();
    }

    @Bean(destroyMethod = "close")
    RelatedIndex relatedIndex(EnrichProperties properties, MeterRegistry meters) {
        EnrichProperties.Related r = properties.related();
        RelatedIndex index = new RelatedIndex(new RelatedSettings(r.maxResults(), r.halfLifeDays(), r.minScore()));
        Gauge.builder("enrich.related.index.size", index, RelatedIndex::size)
                .description("articles in the related-articles index").register(meters);
        return index;
    }

    /**
     * The related index and the latest versions, rebuilt from the whole enriched topic before the stream function can
     * use them (start-up, hence readiness, waits), then kept in step with what every instance writes.
     */
    @Bean(destroyMethod = "close")
    EnrichedTopicFollower enrichedTopicFollower(EnrichProperties properties, ProvisionedTopics provisioned,
            PipelineTopics topics, SchemaRegistrySettings registry, KafkaProperties kafka, RelatedIndex index,
            LatestVersions versions) {
        EnrichedTopicFollower follower = new EnrichedTopicFollower(kafka.buildConsumerProperties(),
                topics.enrichedArticles(), registry.config(), index, versions);
        follower.rebuild(properties.related().rebuildTimeout());
        return follower;
    }

    @Bean
    ArticleEnricher articleEnricher(EnrichProperties properties, TextEnricher text, SourceLinkNormalizer links,
            RelatedIndex related, CategoryEnricher categories, AudioEnricher audio, MeterRegistry meters) {
        return new ArticleEnricher(text, links, related, categories, audio, properties.enrichmentVersion(), meters);
    }

    /** The stream function, bound as enrich-in-0 / enrich-out-0. */
    @Bean
    EnrichFunction enrich(PipelineTopics topics, SchemaRegistrySettings registry, ArticleEnricher enricher,
            LatestVersions versions, EnrichedTopicFollower rebuiltFirst, MeterRegistry meters) {
        return new EnrichFunction(new ValueDecoder<>(topics.rawArticles(), registry.config()),
                new ValueEncoder<>(topics.enrichedArticles(), registry.config()), topics.enrichedArticles().name(),
                enricher, versions, rebuiltFirst.origin(), meters);
    }
}
