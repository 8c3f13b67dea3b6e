package news.pipeline.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kafka clients (4.x) report each per-topic metric twice: under the topic's name and, deprecated (KIP-1109), under
 * the name with dots replaced by underscores. Both reach Prometheus as two series of one partition, so a sum of
 * consumer lag per topic counts every record twice. This filter drops the underscore copy of the pipeline's own
 * topics; a topic without dots has one series only and is left alone.
 */
public final class DeprecatedTopicTagFilter implements MeterFilter {

    private final Set<String> deprecatedNames;

    public DeprecatedTopicTagFilter(Collection<String> topics) {
        this.deprecatedNames = topics.stream().filter(topic -> topic.contains("."))
                .map(topic -> topic.replace('.', '_')).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (!id.getName().startsWith("kafka.")) {
            return MeterFilterReply.NEUTRAL;
        }
        String topic = id.getTag("topic");
        return topic != null && deprecatedNames.contains(topic) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }
}
