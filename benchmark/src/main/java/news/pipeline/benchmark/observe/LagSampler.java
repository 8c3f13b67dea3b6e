package news.pipeline.benchmark.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import news.pipeline.benchmark.RunClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer-group lag per topic over time: every {@code intervalMillis}, for each (topic, group) the
 * sum over partitions of log-end offset minus the group's committed offset (a partition the group
 * has not committed yet counts from its log-start offset). A lag that keeps growing marks the stage
 * that cannot keep up.
 */
public final class LagSampler implements AutoCloseable {

    public record Sample(double atMs, String topic, String group, long lag) {
    }

    /** Max and mean lag of one topic within a time window. */
    public record Window(String topic, String group, long maxLag, double meanLag, int samples) {
    }

    private final Admin admin;
    private final Map<String, String> groupByTopic;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError;

    public LagSampler(Admin admin, Map<String, String> groupByTopic, long intervalMillis) {
        this.admin = admin;
        this.groupByTopic = new LinkedHashMap<>(groupByTopic);
        this.thread = Thread.ofPlatform().daemon().name("lag-sampler").unstarted(() -> {
            while (running) {
                sampleOnce();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.start();
    }

    public void sampleOnce() {
        double at = RunClock.nowMs();
        for (var entry : groupByTopic.entrySet()) {
            String topic = entry.getKey();
            String group = entry.getValue();
            try {
                List<TopicPartition> tps = partitionsOf(topic);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                tps.forEach(tp -> {
                    latest.put(tp, OffsetSpec.latest());
                    earliest.put(tp, OffsetSpec.earliest());
                });
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                        .get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (TopicPartition tp : tps) {
                    long end = ends.get(tp).offset();
                    OffsetAndMetadata c = committed.get(tp);
                    long position = c != null ? c.offset() : starts.get(tp).offset();
                    lag += Math.max(0, end - position);
                }
                samples.add(new Sample(at, topic, group, lag));
            } catch (Exception e) {
                lastError = topic + ": " + e;
            }
        }
    }

    private List<TopicPartition> partitionsOf(String topic) throws Exception {
        List<TopicPartition> known = partitions.get(topic);
        if (known != null) {
            return known;
        }
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        List<TopicPartition> tps = d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        partitions.put(topic, tps);
        return tps;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    public String lastError() {
        return lastError;
    }

    /** Max and mean lag per topic between two instants (epoch ms). */
    public List<Window> window(double fromMs, double toMs) {
        List<Window> result = new ArrayList<>();
        for (var entry : groupByTopic.entrySet()) {
            List<Long> lags = samples.stream()
                    .filter(s -> s.topic().equals(entry.getKey()) && s.atMs() >= fromMs && s.atMs() <= toMs)
                    .map(Sample::lag).toList();
            long max = lags.stream().mapToLong(Long::longValue).max().orElse(0);
            double mean = lags.stream().mapToLong(Long::longValue).average().orElse(0);
            result.add(new Window(entry.getKey(), entry.getValue(), max, mean, lags.size()));
        }
        return result;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
