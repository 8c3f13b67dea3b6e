package news.stack.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import news.stack.kafka.ToolSupport.CommandLine;
import news.stack.kafka.ToolSupport.ToolException;
import news.stack.kafka.ToolSupport.UsageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Operators' tool for dead-letter topics: {@code list} prints each dead letter with its reason and
 * original coordinates (from the headers the services write); {@code replay} sends the original
 * bytes back to the topic they came from (after the cause was fixed): one key with {@code --key ID},
 * every dead letter of the topic only with {@code --all}; {@code --dry-run} prints what would be sent
 * and sends nothing. Reads the whole topic without joining a consumer group, so it never moves
 * anyone's offsets. Before anything is sent, every target topic is checked to exist.
 *
 * <p>Usage: {@code DeadLetterTool list TOPIC [--key ID]} and
 * {@code DeadLetterTool replay TOPIC (--key ID | --all) [--to TOPIC] [--dry-run]}, each with
 * {@code [--bootstrap-server HOST:PORT]} ({@code --topic TOPIC} works in place of TOPIC). Exit codes:
 * 0 done, 1 failed (broker unreachable, topic missing, a replay --key that matches nothing), 2 usage error.
 */
public final class DeadLetterTool {

    /** Where every service puts the original topic (spring-kafka's name; see DeadLetterHeaders in schemas). */
    static final List<String> ORIGINAL_TOPIC_HEADERS = List.of("kafka_dlt-original-topic");

    static final String LIST_USAGE = "usage: kafka-tools dead-letters TOPIC [--key ID]; kafka-tools --help";
    static final String REPLAY_USAGE = "usage: kafka-tools replay TOPIC (--key ID | --all) [--to TOPIC] [--dry-run]; "
            + "kafka-tools --help";

    private DeadLetterTool() {
    }

    enum Command { LIST, REPLAY }

    /** What the command line asks for; {@code key} null means every dead letter of the topic. */
    record Options(Command command, String bootstrap, String topic, String key, String to, boolean dryRun) {
    }

    public static void main(String[] args) {
        boolean replay = args.length > 0 && args[0].equals("replay");
        String usage = replay ? REPLAY_USAGE : LIST_USAGE;
        ToolSupport.exit(replay ? "kafka-tools replay" : "kafka-tools dead-letters", usage, () -> {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(usage);
                return ToolSupport.OK;
            }
            return run(args);
        });
    }

    static int run(String[] args) throws Exception {
        Options options = parse(List.of(args));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ToolSupport.consumerConfig(options.bootstrap(), "kafka-tools-dead-letters"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<String> topics = ToolSupport.topics(consumer, options.bootstrap()).keySet();
            List<ConsumerRecord<byte[], byte[]>> letters = readAll(consumer, options.bootstrap(), options.topic()).stream()
                    .filter(r -> options.key() == null || options.key().equals(ToolSupport.text(r.key())))
                    .toList();
            String which = options.key() == null ? "" : " with key " + options.key();
            if (options.command() == Command.LIST) {
                letters.forEach(DeadLetterTool::print);
                System.out.println(letters.size() + " dead letter(s) in " + options.topic() + which);
                return ToolSupport.OK;
            }
            if (letters.isEmpty()) {
                if (options.key() != null) {
                    throw new ToolException("no dead letter" + which + " in " + options.topic() + ": nothing replayed");
                }
                System.out.println("no dead letters in " + options.topic() + ": nothing to replay");
                return ToolSupport.OK;
            }
            List<Replay> plan = plan(letters, options.to(), topics);
            if (options.dryRun()) {
                plan.forEach(r -> System.out.println("would replay " + r.describe()));
                System.out.println(plan.size() + " dead letter(s) would be replayed" + which + "; nothing sent (--dry-run)");
                return ToolSupport.OK;
            }
            replay(options.bootstrap(), plan);
            System.out.println(plan.size() + " dead letter(s) replayed from " + options.topic() + which);
            return ToolSupport.OK;
        }
    }

    static Options parse(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("needs a command: list or replay");
        }
        Command command = switch (args.getFirst()) {
            case "list", "dead-letters" -> Command.LIST;
            case "replay" -> Command.REPLAY;
            default -> throw new UsageException("unknown command " + args.getFirst() + " (list or replay)");
        };
        CommandLine line = command == Command.LIST
                ? CommandLine.parse(args.subList(1, args.size()), Set.of("bootstrap-server", "topic", "key"), Set.of())
                : CommandLine.parse(args.subList(1, args.size()), Set.of("bootstrap-server", "topic", "key", "to"),
                        Set.of("all", "dry-run"));
        List<String> positionals = line.positionals();
        String topic = line.option("topic");
        if (topic != null && !positionals.isEmpty()) {
            throw new UsageException("unexpected argument " + positionals.getFirst());
        }
        if (topic == null) {
            if (positionals.isEmpty()) {
                throw new UsageException("needs the dead-letter TOPIC");
            }
            if (positionals.size() > 1) {
                throw new UsageException("unexpected argument " + positionals.get(1));
            }
            topic = positionals.getFirst();
        }
        String key = line.option("key");
        if (command == Command.REPLAY) {
            if (key == null && !line.has("all")) {
                throw new UsageException("replay needs --key ID (one article) or --all (every dead letter of " + topic + ")");
            }
            if (key != null && line.has("all")) {
                throw new UsageException("--key and --all exclude each other");
            }
        }
        String bootstrap = line.options().getOrDefault("bootstrap-server", "127.0.0.1:9092");
        return new Options(command, bootstrap, topic, key, line.option("to"), line.has("dry-run"));
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer, String bootstrap,
            String topic) {
        List<TopicPartition> partitions = ToolSupport.partitionsOf(consumer, bootstrap, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return ToolSupport.readUntil(consumer, consumer.endOffsets(partitions, ToolSupport.BROKER_TIMEOUT));
    }

    private static void print(ConsumerRecord<byte[], byte[]> letter) {
        StringBuilder line = new StringBuilder()
                .append("partition ").append(letter.partition()).append(" offset ").append(letter.offset())
                .append(" key=").append(ToolSupport.text(letter.key())).append(" bytes=")
                .append(letter.value() == null ? 0 : letter.value().length);
        for (Header header : letter.headers()) {
            if (!header.key().contains("stacktrace")) {
                line.append("\n    ").append(header.key()).append(": ").append(ToolSupport.headerText(header));
            }
        }
        System.out.println(line);
    }

    /** One dead letter and the topic it goes back to. */
    record Replay(ConsumerRecord<byte[], byte[]> letter, String target) {
        String describe() {
            return "offset " + letter.offset() + " key=" + ToolSupport.text(letter.key()) + " to " + target;
        }
    }

    /**
     * Where each dead letter goes: {@code to}, or the topic in its original-topic header. Fails before
     * anything is sent when a dead letter has no target or a target topic does not exist.
     */
    static List<Replay> plan(List<ConsumerRecord<byte[], byte[]>> letters, String to, Set<String> existingTopics) {
        List<Replay> plan = letters.stream().map(l -> new Replay(l, to != null ? to : originalTopic(l))).toList();
        plan.stream().map(Replay::target).filter(t -> !existingTopics.contains(t)).findFirst().ifPresent(t -> {
            throw new ToolException("target topic " + t + " does not exist: nothing replayed");
        });
        return plan;
    }

    /**
     * The record as it was, to its target: its own headers go back with it (a re-enrichment's
     * x-enrichment-revision, tracing), not the dead letter's; marked x-replayed-from.
     */
    static ProducerRecord<byte[], byte[]> again(Replay replay) {
        ConsumerRecord<byte[], byte[]> letter = replay.letter();
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(replay.target(), letter.key(), letter.value());
        for (var header : letter.headers()) {
            if (!header.key().startsWith("x-dead-letter-") && !header.key().startsWith("kafka_dlt-")
                    && !header.key().equals("x-replayed-from")) {
                again.headers().add(header.key(), header.value());
            }
        }
        again.headers().add("x-replayed-from", (letter.topic() + "@" + letter.partition() + ":" + letter.offset())
                .getBytes(StandardCharsets.UTF_8));
        return again;
    }

    private static void replay(String bootstrap, List<Replay> plan) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ToolSupport.producerConfig(bootstrap, "kafka-tools-replay"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Replay replay : plan) {
                ProducerRecord<byte[], byte[]> again = again(replay);
                try {
                    producer.send(again).get();
                } catch (ExecutionException e) {
                    throw new ToolException("replaying " + replay.describe() + " failed: "
                            + ToolSupport.oneLine(e.getCause()));
                }
                System.out.println("replayed " + replay.describe());
            }
        }
    }

    static String originalTopic(ConsumerRecord<byte[], byte[]> letter) {
        for (String name : ORIGINAL_TOPIC_HEADERS) {
            Header header = letter.headers().lastHeader(name);
            if (header != null) {
                return new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        throw new ToolException("dead letter at offset " + letter.offset()
                + " has no original-topic header; pass --to TOPIC");
    }
}
