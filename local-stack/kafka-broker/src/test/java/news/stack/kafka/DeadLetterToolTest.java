package news.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import news.stack.kafka.DeadLetterTool.Command;
import news.stack.kafka.DeadLetterTool.Options;
import news.stack.kafka.ToolSupport.ToolException;
import news.stack.kafka.ToolSupport.UsageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterToolTest {

    @Test
    void listTakesTheTopicAsArgumentOrOption() {
        assertThat(DeadLetterTool.parse(List.of("list", "--bootstrap-server", "h:1", "news.articles.raw.dlt")))
                .isEqualTo(new Options(Command.LIST, "h:1", "news.articles.raw.dlt", null, null, false));
        assertThat(DeadLetterTool.parse(List.of("list", "--topic", "d", "--key", "k")))
                .isEqualTo(new Options(Command.LIST, "127.0.0.1:9092", "d", "k", null, false));
    }

    @Test
    void replayNeedsAKeyOrAll() {
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("replay", "d")))
                .isInstanceOf(UsageException.class)
                .hasMessage("replay needs --key ID (one article) or --all (every dead letter of d)");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("replay", "d", "--key", "k", "--all")))
                .isInstanceOf(UsageException.class).hasMessage("--key and --all exclude each other");

        assertThat(DeadLetterTool.parse(List.of("replay", "d", "--all", "--dry-run", "--to", "other")))
                .isEqualTo(new Options(Command.REPLAY, "127.0.0.1:9092", "d", null, "other", true));
        assertThat(DeadLetterTool.parse(List.of("replay", "d", "--key=k")))
                .isEqualTo(new Options(Command.REPLAY, "127.0.0.1:9092", "d", "k", null, false));
    }

    @Test
    void usageErrors() {
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of()))
                .isInstanceOf(UsageException.class).hasMessage("needs a command: list or replay");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("purge", "d")))
                .isInstanceOf(UsageException.class).hasMessage("unknown command purge (list or replay)");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("list")))
                .isInstanceOf(UsageException.class).hasMessage("needs the dead-letter TOPIC");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("replay", "--key", "k")))
                .isInstanceOf(UsageException.class).hasMessage("needs the dead-letter TOPIC");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("list", "d", "e")))
                .isInstanceOf(UsageException.class).hasMessage("unexpected argument e");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("list", "d", "--all")))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --all");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("replay", "d", "--key")))
                .isInstanceOf(UsageException.class).hasMessage("--key needs a value");
        assertThatThrownBy(() -> DeadLetterTool.parse(List.of("replay", "d", "--key", "--all")))
                .isInstanceOf(UsageException.class).hasMessage("--key needs a value");
    }

    @Test
    void replayGoesToTheOriginalTopicOrToAndChecksEveryTargetBeforeSending() {
        var a = letter(0, "news.articles.raw");
        var b = letter(1, "news.articles.enriched");
        Set<String> topics = Set.of("news.articles.raw", "news.articles.enriched", "other");

        assertThat(DeadLetterTool.plan(List.of(a, b), null, topics)).extracting(DeadLetterTool.Replay::target)
                .containsExactly("news.articles.raw", "news.articles.enriched");
        assertThat(DeadLetterTool.plan(List.of(a, b), "other", topics)).extracting(DeadLetterTool.Replay::target)
                .containsExactly("other", "other");
        assertThatThrownBy(() -> DeadLetterTool.plan(List.of(a, b), null, Set.of("news.articles.raw")))
                .isInstanceOf(ToolException.class)
                .hasMessage("target topic news.articles.enriched does not exist: nothing replayed");
        assertThatThrownBy(() -> DeadLetterTool.plan(List.of(a, letter(7, null)), null, topics))
                .isInstanceOf(ToolException.class)
                .hasMessage("dead letter at offset 7 has no original-topic header; pass --to TOPIC");
    }

    @Test
    void theRecordsOwnHeadersGoBackWithItAndTheDeadLettersDoNot() {
        var letter = letter(3, "news.articles.raw");
        letter.headers().add("x-enrichment-revision", "2".getBytes(StandardCharsets.UTF_8));
        letter.headers().add("x-dead-letter-reason", "boom".getBytes(StandardCharsets.UTF_8));

        var again = DeadLetterTool.again(DeadLetterTool.plan(List.of(letter), null, Set.of("news.articles.raw")).getFirst());

        assertThat(again.topic()).isEqualTo("news.articles.raw");
        assertThat(new String(again.headers().lastHeader("x-enrichment-revision").value(), StandardCharsets.UTF_8))
                .isEqualTo("2");
        assertThat(again.headers().lastHeader("x-dead-letter-reason")).isNull();
        assertThat(again.headers().lastHeader("kafka_dlt-original-topic")).isNull();
        assertThat(new String(again.headers().lastHeader("x-replayed-from").value(), StandardCharsets.UTF_8))
                .isEqualTo("d@0:3");
    }

    static ConsumerRecord<byte[], byte[]> letter(long offset, String originalTopic) {
        var headers = new RecordHeaders();
        if (originalTopic != null) {
            headers.add("kafka_dlt-original-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("d", 0, offset, 0L, TimestampType.CREATE_TIME, 1, 1,
                ("k" + offset).getBytes(StandardCharsets.UTF_8), new byte[] {1}, headers, Optional.empty());
    }
}
