package news.pipeline.ingest.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import news.pipeline.ingest.events.RawArticleWriter;
import news.pipeline.ingest.feeds.FeedAccessInterceptor;
import news.pipeline.ingest.feeds.FeedActivity;
import news.pipeline.ingest.feeds.FeedProperties;
import news.pipeline.ingest.feeds.FeedRateLimiter;
import news.pipeline.ingest.feeds.FeedRegistry;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.ingest.poll.FeedPoller;
import news.pipeline.ingest.service.ArticleIngestor;
import news.pipeline.ingest.service.IngestMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wiring of the intake: the ingestor, and the feed check in front of every {@code /feeds/**} handler. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Each feed's last article; also the health indicator {@code feeds} (a feed gone quiet). */
    @Bean
    FeedActivity feedsHealthIndicator(FeedProperties feeds, Clock clock, MeterRegistry meters) {
        return new FeedActivity(feeds, clock, meters);
    }

    @Bean
    ArticleIngestor articleIngestor(ArticleStateStore store, RawArticleWriter writer, IngestMetrics metrics,
            FeedActivity activity, Clock clock) {
        return new ArticleIngestor(store, writer, metrics, activity, clock);
    }

    /** Pulls the feeds with an RSS/Atom URL; health {@code polling} shows each feed's last polls. */
    @Bean("polling")
    FeedPoller feedPoller(FeedRegistry registry, FeedProperties feeds, ArticleIngestor ingestor, ArticleStateStore store,
            IngestMetrics metrics, Clock clock, MeterRegistry meters) {
        return new FeedPoller(registry, feeds.feeds(), ingestor, store, metrics, clock, meters);
    }

    @Bean
    FeedRateLimiter feedRateLimiter() {
        return new FeedRateLimiter();
    }

    @Bean
    WebMvcConfigurer feedAccess(FeedRegistry feeds, FeedRateLimiter rateLimiter) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new FeedAccessInterceptor(feeds, rateLimiter)).addPathPatterns("/feeds/**");
            }
        };
    }
}
