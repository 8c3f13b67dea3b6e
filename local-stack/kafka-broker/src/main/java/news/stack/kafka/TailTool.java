package news.stack.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.stack.kafka.ToolSupport.CommandLine;
import news.stack.kafka.ToolSupport.ToolException;
import news.stack.kafka.ToolSupport.UsageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code kafka-tools tail}: the last N records of a topic, oldest first, each with partition, offset,
 * timestamp, key, headers and value. Values in the Confluent wire format are decoded with their writer
 * schema from the registry and printed as JSON (unless {@code --raw}); other values are printed as
 * text, or as escaped bytes when they are not text.
 *
 * <p>Reads without a consumer group (assign + seek), so it never moves anyone's offsets: each partition
 * from {@code max(beginning, end - N)} to the end offset taken at the start, then the N latest of those
 * records by timestamp (then partition and offset).
 */
public final class TailTool {

    static final String USAGE = "usage: kafka-tools tail TOPIC [N] [--raw] [--registry URL]; kafka-tools --help";
    static final int DEFAULT_COUNT = 10;

    private TailTool() {
    }

    /** What the command line asks for. */
    record Options(String bootstrap, String registry, String topic, int count, boolean decode) {
    }

    public static void main(String[] args) {
        ToolSupport.exit("kafka-tools tail", USAGE, () -> run(args));
    }

    static int run(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return ToolSupport.OK;
        }
        Options options = parse(List.of(args), System.getenv());
        return tail(options);
    }

    static Options parse(List<String> args, Map<String, String> env) {
        CommandLine line = CommandLine.parse(args, Set.of("bootstrap-server", "registry"), Set.of("raw", "decode"));
        if (line.has("raw") && line.has("decode")) {
            throw new UsageException("--raw and --decode exclude each other");
        }
        List<String> positionals = line.positionals();
        if (positionals.isEmpty()) {
            throw new UsageException("needs a TOPIC");
        }
        if (positionals.size() > 2) {
            throw new UsageException("unexpected argument " + positionals.get(2));
        }
        int count = DEFAULT_COUNT;
        if (positionals.size() == 2) {
            count = count(positionals.get(1));
        }
        String bootstrap = line.options().getOrDefault("bootstrap-server",
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + env.getOrDefault("STACK_KAFKA_PORT", "9092")));
        String registry = line.options().getOrDefault("registry", env.getOrDefault("SCHEMA_REGISTRY_URL",
                "http://127.0.0.1:" + env.getOrDefault("STACK_REGISTRY_PORT", "8081") + "/apis/ccompat/v7"));
        return new Options(bootstrap, registry, positionals.getFirst(), count, !line.has("raw"));
    }

    private static int count(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("N must be a whole number of records, got '" + text + "'");
        }
        if (n <= 0) {
            throw new UsageException("N must be at least 1, got " + n);
        }
        return n;
    }

    /** Where to start reading each partition so that it yields at most its last {@code count} records. */
    static Map<TopicPartition, Long> startOffsets(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end,
            int count) {
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        end.forEach((partition, endOffset) -> {
            long first = beginning.getOrDefault(partition, 0L);
            start.put(partition, Math.max(first, endOffset - count));
        });
        return start;
    }

    /** The {@code count} latest records by timestamp, then partition and offset, oldest first. */
    static <K, V> List<ConsumerRecord<K, V>> latest(List<ConsumerRecord<K, V>> records, int count) {
        List<ConsumerRecord<K, V>> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.<ConsumerRecord<K, V>>comparingLong(ConsumerRecord::timestamp)
                .thenComparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return List.copyOf(sorted.subList(Math.max(0, sorted.size() - count), sorted.size()));
    }

    private static int tail(Options options) {
        List<ConsumerRecord<byte[], byte[]>> records;
        long total;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ToolSupport.consumerConfig(options.bootstrap(), "kafka-tools-tail"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = ToolSupport.partitionsOf(consumer, options.bootstrap(), options.topic());
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, ToolSupport.BROKER_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ToolSupport.BROKER_TIMEOUT);
            total = end.entrySet().stream().mapToLong(e -> e.getValue() - beginning.getOrDefault(e.getKey(), 0L)).sum();
            startOffsets(beginning, end, options.count()).forEach(consumer::seek);
            records = latest(ToolSupport.readUntil(consumer, end), options.count());
        }
        if (records.isEmpty()) {
            System.out.println("no records in " + options.topic());
            return ToolSupport.OK;
        }
        WireFormat.Schemas schemas = options.decode() ? new WireFormat.RegistrySchemas(options.registry()) : null;
        List<String> failures = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            System.out.println(format(record, schemas, failures));
        }
        System.out.println("(" + records.size() + " latest of " + total + " record(s) in " + options.topic() + ")");
        if (!failures.isEmpty()) {
            throw new ToolException(failures.size() + " value(s) could not be decoded, first: " + failures.getFirst()
                    + " (--raw prints values without decoding)");
        }
        return ToolSupport.OK;
    }

    /** One record: a line of coordinates and key, a line per header, then the value. */
    static String format(ConsumerRecord<byte[], byte[]> record, WireFormat.Schemas schemas, List<String> failures) {
        StringBuilder out = new StringBuilder()
                .append(record.topic()).append(" partition ").append(record.partition())
                .append(" offset ").append(record.offset())
                .append(' ').append(record.timestamp() < 0 ? "no timestamp" : Instant.ofEpochMilli(record.timestamp()))
                .append(" key=").append(ToolSupport.printable(record.key()));
        for (Header header : record.headers()) {
            out.append("\n  header ").append(header.key()).append(": ").append(ToolSupport.headerText(header));
        }
        out.append("\n  value: ").append(value(record.value(), schemas, failures));
        return out.toString();
    }

    static String value(byte[] value, WireFormat.Schemas schemas, List<String> failures) {
        if (value == null) {
            return "null (tombstone)";
        }
        if (schemas == null || !WireFormat.isWireFormat(value)) {
            return ToolSupport.printable(value);
        }
        try {
            WireFormat.Decoded decoded = WireFormat.decode(value, schemas);
            return "(schema id " + decoded.schemaId() + ", " + decoded.schemaName() + ") " + decoded.json();
        } catch (IllegalArgumentException | WireFormat.SchemaLookupException e) {
            failures.add(e.getMessage());
            return "(not decoded: " + e.getMessage() + ") " + ToolSupport.printable(value);
        }
    }
}
