package news.stack.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Operators' tool for dead-letter topics: {@code list} prints each dead letter with its reason and
 * original coordinates (from the headers the services write); {@code replay} sends the original
 * bytes back to the topic they came from (after the cause was fixed), optionally one key only.
 * Reads the whole topic without joining a consumer group, so it never moves anyone's offsets.
 *
 * <p>Usage: {@code DeadLetterTool list|replay --bootstrap-server HOST:PORT --topic DLT [--key ID] [--to TOPIC]}
 */
public final class DeadLetterTool {

    /** Where every service puts the original topic (spring-kafka's name; see DeadLetterHeaders in schemas). */
    static final List<String> ORIGINAL_TOPIC_HEADERS = List.of("kafka_dlt-original-topic");

    private DeadLetterTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: DeadLetterTool list|replay --bootstrap-server HOST:PORT --topic DLT [--key ID] [--to TOPIC]");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String bootstrap = options.getOrDefault("bootstrap-server", "127.0.0.1:9092");
        String topic = options.get("topic");
        if (topic == null) {
            throw new IllegalArgumentException("--topic is required");
        }
        String key = options.get("key");
        List<ConsumerRecord<byte[], byte[]>> letters = readAll(bootstrap, topic).stream()
                .filter(r -> key == null || key.equals(text(r.key())))
                .toList();
        switch (args[0]) {
            case "list" -> letters.forEach(DeadLetterTool::print);
            case "replay" -> replay(bootstrap, letters, options.get("to"));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.out.println(letters.size() + " dead letter(s) in " + topic + (key == null ? "" : " with key " + key));
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static void print(ConsumerRecord<byte[], byte[]> letter) {
        StringBuilder line = new StringBuilder()
                .append("partition ").append(letter.partition()).append(" offset ").append(letter.offset())
                .append(" key=").append(text(letter.key())).append(" bytes=")
                .append(letter.value() == null ? 0 : letter.value().length);
        for (Header header : letter.headers()) {
            if (!header.key().contains("stacktrace")) {
                line.append("\n    ").append(header.key()).append(": ").append(headerText(header));
            }
        }
        System.out.println(line);
    }

    private static void replay(String bootstrap, List<ConsumerRecord<byte[], byte[]>> letters, String to) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                String target = to != null ? to : originalTopic(letter);
                ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(target, letter.key(), letter.value());
                again.headers().add("x-replayed-from", (letter.topic() + "@" + letter.partition() + ":" + letter.offset())
                        .getBytes(StandardCharsets.UTF_8));
                producer.send(again).get();
                System.out.println("replayed offset " + letter.offset() + " key=" + text(letter.key()) + " to " + target);
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
        throw new IllegalStateException("dead letter at offset " + letter.offset()
                + " has no original-topic header; pass --to TOPIC");
    }

    /** Header values are text, except spring-kafka's partition (4-byte int) and offset (8-byte long). */
    private static String headerText(Header header) {
        byte[] v = header.value();
        if (v == null) {
            return "";
        }
        if (header.key().endsWith("-partition") && v.length == 4) {
            return Integer.toString(java.nio.ByteBuffer.wrap(v).getInt());
        }
        if ((header.key().endsWith("-offset") || header.key().endsWith("-timestamp")) && v.length == 8) {
            return Long.toString(java.nio.ByteBuffer.wrap(v).getLong());
        }
        String s = new String(v, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
