package news.stack.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * What the operators' tools of this module share: the command-line parsing, the exit codes (0 done,
 * 1 failed, 2 usage error; always one line on stderr, never a stack trace), client settings that
 * give up on an unreachable broker within seconds, and the printing of keys, values and headers.
 */
final class ToolSupport {

    /** How long a tool waits for the broker (metadata, offsets, a poll without progress). */
    static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ToolSupport() {
    }

    /** A wrong command line: exit 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The tool could not do its job (broker unreachable, topic missing, ...): exit 1. */
    static final class ToolException extends RuntimeException {
        ToolException(String message) {
            super(message);
        }

        ToolException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    interface Body {
        int run() throws Exception;
    }

    /** Runs a tool's body and maps its outcome to an exit code and at most one line on stderr. */
    static int exitCode(String tool, String usage, Body body) {
        try {
            return body.run();
        } catch (UsageException e) {
            System.err.println(tool + ": " + e.getMessage() + " (" + usage + ")");
            return USAGE;
        } catch (ToolException e) {
            System.err.println(tool + ": " + e.getMessage());
            return FAILED;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            System.err.println(tool + ": the broker did not answer in time: " + oneLine(e));
            return FAILED;
        } catch (Exception e) {
            System.err.println(tool + ": " + oneLine(e));
            return FAILED;
        }
    }

    static void exit(String tool, String usage, Body body) {
        int code = exitCode(tool, usage, body);
        System.out.flush();
        System.exit(code);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            Throwable cause = e.getCause();
            message = e.getClass().getSimpleName()
                    + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : "");
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // ---- command line ----

    /** A parsed command line: options with a value, flags, and positional arguments in order. */
    record CommandLine(Map<String, String> options, Set<String> flags, List<String> positionals) {

        /**
         * Parses {@code --name value}, {@code --name=value} and {@code --flag}; anything else starting
         * with '-' that is not declared is a usage error, as is an option without its value.
         */
        static CommandLine parse(List<String> args, Set<String> valued, Set<String> flagNames) {
            Map<String, String> options = new LinkedHashMap<>();
            Set<String> flags = new LinkedHashSet<>();
            List<String> positionals = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("-") || arg.equals("-")) {
                    positionals.add(arg);
                    continue;
                }
                String name = arg.replaceFirst("^--?", "");
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (valued.contains(name)) {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (value.isEmpty()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    options.put(name, value);
                } else if (flagNames.contains(name) && inline == null) {
                    flags.add(name);
                } else {
                    throw new UsageException("unknown option " + arg);
                }
            }
            return new CommandLine(options, flags, positionals);
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }

        String option(String name) {
            return options.get(name);
        }
    }

    // ---- Kafka clients ----

    static Properties consumerConfig(String bootstrap, String clientId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        timeouts(config);
        return config;
    }

    static Properties producerConfig(String bootstrap, String clientId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(BROKER_TIMEOUT.toMillis()));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        timeouts(config);
        return config;
    }

    private static void timeouts(Properties config) {
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(BROKER_TIMEOUT.toMillis()));
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(BROKER_TIMEOUT.toMillis()));
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "3000");
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "5000");
    }

    /** The topics on the broker; an unreachable broker is a one-line {@link ToolException}. */
    static Map<String, List<PartitionInfo>> topics(KafkaConsumer<?, ?> consumer, String bootstrap) {
        try {
            return consumer.listTopics(BROKER_TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ToolException("cannot reach the Kafka broker at " + bootstrap + " within "
                    + BROKER_TIMEOUT.toSeconds() + " s (is the stack running? bin/stack status)");
        }
    }

    /** Every partition of a topic; a topic that does not exist is a one-line {@link ToolException}. */
    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String bootstrap, String topic) {
        List<PartitionInfo> partitions = topics(consumer, bootstrap).get(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new ToolException("no topic " + topic + " on " + bootstrap + " (bin/kafka-tools topics lists them)");
        }
        return partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /**
     * Reads from the consumer's current positions until each partition reaches its end offset; records
     * written after {@code end} was taken are left out. Gives up when nothing moves for the broker timeout.
     */
    static <K, V> List<ConsumerRecord<K, V>> readUntil(KafkaConsumer<K, V> consumer, Map<TopicPartition, Long> end) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long lastProgress = System.nanoTime();
        while (true) {
            long behind = end.entrySet().stream().filter(e -> consumer.position(e.getKey()) < e.getValue()).count();
            if (behind == 0) {
                return records;
            }
            if (Duration.ofNanos(System.nanoTime() - lastProgress).compareTo(BROKER_TIMEOUT) > 0) {
                throw new ToolException("no records arrived for " + BROKER_TIMEOUT.toSeconds()
                        + " s while " + behind + " partition(s) were still behind their end offset");
            }
            var batch = consumer.poll(Duration.ofMillis(500));
            if (!batch.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            for (ConsumerRecord<K, V> record : batch) {
                Long until = end.get(new TopicPartition(record.topic(), record.partition()));
                if (until != null && record.offset() < until) {
                    records.add(record);
                }
            }
        }
    }

    // ---- printing ----

    /**
     * Bytes as text when they are well-formed UTF-8 without control characters (other than tab and
     * newlines, which are escaped), otherwise printable ASCII with every other byte as {@code \xNN}.
     */
    static String printable(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.codePoints().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
            }
        } catch (CharacterCodingException notText) {
            // escaped below
        }
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append((char) c);
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }

    /** Header values are UTF-8 text: the services write every dead-letter header, coordinates included, as text. */
    static String headerText(Header header) {
        byte[] v = header.value();
        if (v == null) {
            return "null";
        }
        String s = printable(v);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
