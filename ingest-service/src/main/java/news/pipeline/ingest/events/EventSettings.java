package news.pipeline.ingest.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ingest's own bounds on the event stream ({@code ingest.kafka.*}); the Kafka clients themselves are
 * configured under {@code spring.kafka.*}, the topic names under {@code pipeline.topics.*}.
 *
 * @param sendTimeout    longest a feed waits for Kafka before it is told 503: short, so a dead broker is
 *                       reported quickly instead of holding connections. The producer's own
 *                       {@code max.block.ms} and {@code delivery.timeout.ms} must not exceed it
 * @param startupTimeout bound on the state rebuild at startup: the service does not start without it
 */
@ConfigurationProperties("ingest.kafka")
public record EventSettings(
        @DefaultValue("5s") Duration sendTimeout,
        @DefaultValue("60s") Duration startupTimeout) {
}
