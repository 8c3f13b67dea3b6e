package news.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.stack.kafka.ToolSupport.UsageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TailToolTest {

    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);
    static final TopicPartition P2 = new TopicPartition("t", 2);

    @Test
    void eachPartitionIsReadFromItsLastNOffsetsButNeverBeforeItsBeginning() {
        Map<TopicPartition, Long> beginning = Map.of(P0, 0L, P1, 95L, P2, 7L);
        Map<TopicPartition, Long> end = Map.of(P0, 100L, P1, 100L, P2, 7L);

        Map<TopicPartition, Long> start = TailTool.startOffsets(beginning, end, 10);

        assertThat(start).containsOnly(Map.entry(P0, 90L), Map.entry(P1, 95L), Map.entry(P2, 7L));
    }

    @Test
    void aShortPartitionStartsAtItsBeginning() {
        assertThat(TailTool.startOffsets(Map.of(P0, 0L), Map.of(P0, 3L), 10)).containsOnly(Map.entry(P0, 0L));
    }

    @Test
    void theLatestAreChosenAcrossPartitionsByTimestampThenPartitionAndOffsetOldestFirst() {
        var a = record(0, 90, 1_000);
        var b = record(1, 40, 1_500);
        var c = record(0, 91, 2_000);
        var d = record(1, 41, 2_000);
        var e = record(2, 5, 3_000);

        List<ConsumerRecord<byte[], byte[]>> latest = TailTool.latest(List.of(e, d, c, b, a), 3);

        assertThat(latest).containsExactly(c, d, e);
        assertThat(TailTool.latest(List.of(b, a), 10)).containsExactly(a, b);
        assertThat(TailTool.latest(List.of(), 10)).isEmpty();
    }

    @Test
    void parsesTopicCountAndDecodingWithDefaultsFromTheEnvironment() {
        var options = TailTool.parse(List.of("news.articles.raw", "5"),
                Map.of("STACK_KAFKA_PORT", "19092", "STACK_REGISTRY_PORT", "18081"));

        assertThat(options).isEqualTo(new TailTool.Options("127.0.0.1:19092",
                "http://127.0.0.1:18081/apis/ccompat/v7", "news.articles.raw", 5, true));

        var raw = TailTool.parse(List.of("--raw", "t", "--bootstrap-server", "h:1", "--registry=http://r/x"),
                Map.of("SCHEMA_REGISTRY_URL", "http://ignored"));
        assertThat(raw).isEqualTo(new TailTool.Options("h:1", "http://r/x", "t", TailTool.DEFAULT_COUNT, false));

        assertThat(TailTool.parse(List.of("t"), Map.of("SCHEMA_REGISTRY_URL", "http://reg/apis/ccompat/v7",
                "KAFKA_BOOTSTRAP_SERVERS", "k:9")))
                .isEqualTo(new TailTool.Options("k:9", "http://reg/apis/ccompat/v7", "t", 10, true));
    }

    @Test
    void usageErrorsAreOneClearMessage() {
        assertThatThrownBy(() -> TailTool.parse(List.of(), Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("needs a TOPIC");
        assertThatThrownBy(() -> TailTool.parse(List.of("t", "ten"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("N must be a whole number of records, got 'ten'");
        assertThatThrownBy(() -> TailTool.parse(List.of("t", "0"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("N must be at least 1, got 0");
        assertThatThrownBy(() -> TailTool.parse(List.of("t", "5", "6"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("unexpected argument 6");
        assertThatThrownBy(() -> TailTool.parse(List.of("t", "--from-beginning"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --from-beginning");
        assertThatThrownBy(() -> TailTool.parse(List.of("t", "--registry"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("--registry needs a value");
    }

    @Test
    void aUsageErrorExitsWithTwoAndOneLineOnStderr() {
        var err = new java.io.ByteArrayOutputStream();
        var previous = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = ToolSupport.exitCode("kafka-tools tail", TailTool.USAGE, () -> TailTool.run(new String[] {"t", "x"}));
        } finally {
            System.setErr(previous);
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "kafka-tools tail: N must be a whole number of records, got 'x' (" + TailTool.USAGE + ")"
                        + System.lineSeparator());
    }

    @Test
    void aRecordIsPrintedWithItsCoordinatesTimestampKeyAndHeaders() {
        var headers = new RecordHeaders();
        headers.add("x-dead-letter-reason", "bad\nthing".getBytes());
        headers.add("x-dead-letter-original-partition", "2".getBytes());
        var record = new ConsumerRecord<>("t", 1, 41L, 1_700_000_000_000L, TimestampType.CREATE_TIME, 3, 4,
                "key-1".getBytes(), "text".getBytes(), headers, Optional.empty());

        assertThat(TailTool.format(record, null, new java.util.ArrayList<>())).isEqualTo("""
                t partition 1 offset 41 2023-11-14T22:13:20Z key=key-1
                  header x-dead-letter-reason: bad\\nthing
                  header x-dead-letter-original-partition: 2
                  value: text""");
    }

    static ConsumerRecord<byte[], byte[]> record(int partition, long offset, long timestamp) {
        return new ConsumerRecord<>("t", partition, offset, timestamp, TimestampType.CREATE_TIME, 0, 0, null, null,
                new RecordHeaders(), Optional.empty());
    }
}
