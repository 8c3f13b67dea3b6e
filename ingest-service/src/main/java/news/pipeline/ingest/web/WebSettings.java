package news.pipeline.ingest.web;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the HTTP side can be told ({@code ingest.limits.*}, {@code ingest.problem-base-uri}).
 *
 * @param problemBaseUri base of the RFC 9457 {@code type} URIs of the problems this service answers
 */
@ConfigurationProperties("ingest")
public record WebSettings(
        @DefaultValue Limits limits,
        @DefaultValue("https://news-pipeline.example/problems/") URI problemBaseUri) {

    /**
     * Protection limits.
     *
     * @param retryAfter what a 503 and a 429 tell the feed to wait (at least), as Retry-After
     */
    public record Limits(
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("10MB") DataSize maxBatchSize,
            @DefaultValue("500") int maxBatchItems,
            @DefaultValue("5s") Duration retryAfter) {
    }
}
