package news.stack.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Runs one Apache Kafka broker in combined KRaft mode (broker and controller in one process).
 *
 * <p>Formats the storage on first start (the cluster id is kept in the data directory, so a
 * restart keeps the topics), then hands over to {@code kafka.Kafka}. A background check prints
 * {@value #READY_MARKER} once the broker answers metadata requests and its group coordinator has
 * loaded, so that consumers started afterwards do not hit "coordinator is loading" rebalances.
 *
 * <p>Usage: {@code KafkaBrokerMain --data DIR [--host 127.0.0.1] [--port 9092] [--controller-port 9093]}
 */
public final class KafkaBrokerMain {

    static final String READY_MARKER = "news-stack: kafka broker ready";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parseOptions(args);
        Path data = Path.of(required(options, "data")).toAbsolutePath();
        String host = options.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(options.getOrDefault("port", "9092"));
        int controllerPort = Integer.parseInt(options.getOrDefault("controller-port", "9093"));

        Files.createDirectories(data);
        Path properties = writeServerProperties(data, host, port, controllerPort);
        formatStorageOnce(data, properties);

        Thread readiness = new Thread(() -> announceWhenReady(host + ":" + port), "readiness-check");
        readiness.setDaemon(true);
        readiness.start();

        kafka.Kafka.main(new String[] {properties.toString()});
    }

    static Path writeServerProperties(Path data, String host, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", data.resolve("logs").toString());
        // One broker: every internal topic has a single replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Local and test use: rebalance at once instead of waiting for more members.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created with their declared policy by the services, never by a stray producer.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "3");
        Path file = data.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "written by KafkaBrokerMain on every start");
        }
        return file;
    }

    /** Formats the log directory the first time; later starts find meta.properties and skip it. */
    static void formatStorageOnce(Path data, Path properties) throws IOException {
        if (Files.exists(data.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        Path clusterIdFile = data.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).trim();
        int exit = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", properties.toString(), "--ignore-formatted"},
                new PrintStream(System.out, true));
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed with exit code " + exit);
        }
    }

    private static void announceWhenReady(String bootstrap) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                    // Creates __consumer_offsets and waits until its coordinator has loaded; an unknown
                    // group is the expected answer from a loaded coordinator.
                    admin.describeConsumerGroups(List.of("news-stack-readiness")).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        sleepQuietly();
                        continue;
                    }
                } catch (Exception notYet) {
                    sleepQuietly();
                    continue;
                }
                System.out.println(READY_MARKER);
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
