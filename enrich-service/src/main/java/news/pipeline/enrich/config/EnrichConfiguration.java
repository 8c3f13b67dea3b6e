package news.pipeline.enrich.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import news.pipeline.enrich.audio.AudioEnricher;
import news.pipeline.enrich.audio.AudioSettings;
import news.pipeline.enrich.category.CategoryData;
import news.pipeline.enrich.category.CategoryEnricher;
import news.pipeline.enrich.category.CategorySettings;
import news.pipeline.enrich.links.SourceLinkNormalizer;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.enrich.related.RelatedIndexRebuilder;
import news.pipeline.enrich.related.RelatedSettings;
import news.pipeline.enrich.stream.ArticleEnricher;
import news.pipeline.enrich.stream.EnrichFunction;
import news.pipeline.enrich.stream.RawArticleDecoder;
import news.pipeline.enrich.text.TextEnricher;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.TopicProvisioner;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Wires the enrichers, the related index (rebuilt before the stream starts) and the stream function. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichProperties.class)
public class EnrichConfiguration {

    /** Marker: the pipeline topics exist with their policy (created when missing, if enabled). */
    public record ProvisionedTopics(List<String> names) {
    }

    @Bean
    ProvisionedTopics provisionedTopics(EnrichProperties properties,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        EnrichProperties.Topics topics = properties.topics();
        List<TopicSpec<?>> specs = List.of(
                new TopicSpec<>(topics.raw(), RawArticle.class, Topics.RAW_ARTICLES.partitions(),
                        Topics.RAW_ARTICLES.configs()),
                new TopicSpec<>(topics.enriched(), EnrichedArticle.class, Topics.ENRICHED_ARTICLES.partitions(),
                        Topics.ENRICHED_ARTICLES.configs()),
                new TopicSpec<>(topics.deadLetter(), byte[].class, Topics.RAW_ARTICLES_DLT.partitions(),
                        Topics.RAW_ARTICLES_DLT.configs()));
        if (topics.provision()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                TopicProvisioner.ensureTopics(admin, specs, topics.replicationFactor());
            }
        }
        return new ProvisionedTopics(specs.stream().map(TopicSpec::name).toList());
    }

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

    /** The related index, rebuilt from the enriched topic before the stream function can use it. */
    @Bean(destroyMethod = "close")
    RelatedIndex relatedIndex(EnrichProperties properties, ProvisionedTopics topics, MeterRegistry meters,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        EnrichProperties.Related r = properties.related();
        Directory directory;
        try {
            if (r.indexDir() == null || r.indexDir().toString().isBlank()) {
                directory = new ByteBuffersDirectory();
            } else {
                Files.createDirectories(r.indexDir());
                directory = FSDirectory.open(r.indexDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open related index directory " + r.indexDir(), e);
        }
        RelatedIndex index = new RelatedIndex(directory, new RelatedSettings(r.maxResults(), r.halfLifeDays(),
                r.minScore(), r.refreshInterval()));
        RelatedIndexRebuilder.rebuild(bootstrapServers, properties.registry().config(), properties.topics().enriched(),
                index, r.rebuildTimeout());
        Gauge.builder("enrich.related.index.size", index, RelatedIndex::size)
                .description("articles in the related-articles index").register(meters);
        return index;
    }

    @Bean
    ArticleEnricher articleEnricher(EnrichProperties properties, TextEnricher text, SourceLinkNormalizer links,
            RelatedIndex related, CategoryEnricher categories, AudioEnricher audio, MeterRegistry meters) {
        return new ArticleEnricher(text, links, related, categories, audio, properties.enrichmentVersion(), meters);
    }

    /** The stream function, bound as enrich-in-0 / enrich-out-0. */
    @Bean
    EnrichFunction enrich(EnrichProperties properties, ArticleEnricher enricher) {
        return new EnrichFunction(new RawArticleDecoder(properties.registry().config()), enricher);
    }
}
