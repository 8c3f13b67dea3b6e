package news.pipeline.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import news.stack.Endpoints;
import news.stack.LocalStack;
import news.stack.StackConfig;

/**
 * The whole pipeline on this machine: the local stack, then ingest-, enrich- and publish-service as
 * separate processes, then the sample articles posted through ingest-service, until they are
 * searchable in Elasticsearch. Runs until Ctrl-C, which stops everything.
 */
public final class Pipeline implements AutoCloseable {

    public static final int INGEST_PORT = 8080;
    public static final int ENRICH_PORT = 8082;
    public static final int PUBLISH_PORT = 8083;
    public static final String ALIAS = "articles";
    /** One client for the whole run: the searchability wait polls every 200 ms. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final AutoCloseable stack;
    private final Endpoints endpoints;
    private final List<ServiceProcess> services;

    private Pipeline(AutoCloseable stack, Endpoints endpoints, List<ServiceProcess> services) {
        this.stack = stack;
        this.endpoints = endpoints;
        this.services = services;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    public ServiceProcess service(String module) {
        return services.stream().filter(s -> s.name().equals(module)).findFirst().orElseThrow();
    }

    /**
     * Starts the stack (or reuses one already running) and the three services with the given extra
     * environment (topic names, alias, ... for tests that must not share them), and waits until
     * every service reports healthy.
     */
    public static Pipeline start(StackConfig config, Map<String, String> extraEnvironment, int portOffset) {
        AutoCloseable stack = () -> { };
        if (LocalStack.isRunning(config)) {
            System.out.print("Reusing the local stack already running:\n" + config.endpoints().describe());
        } else {
            System.out.println("Starting the local stack (Kafka, schema registry, Elasticsearch) ...");
            stack = LocalStack.start(config, true);
        }
        Endpoints endpoints = config.endpoints();
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers(),
                "SCHEMA_REGISTRY_URL", endpoints.schemaRegistryUrl(),
                "ELASTICSEARCH_URL", endpoints.elasticsearchUrl(),
                // a local run: ingest's development feed keys (application-dev.yml)
                "SPRING_PROFILES_ACTIVE", "dev"));
        environment.putAll(extraEnvironment);
        Path logs = config.dataDir().resolve("logs");
        List<String> jvm = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC");
        // enrich holds the related-articles index in its heap (about 12 KB per article: 2 GB is ~150 000 articles);
        // a heap started large keeps the collector from marking it again and again while it grows
        List<String> enrichJvm = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");
        List<ServiceProcess> services = new ArrayList<>();
        Pipeline pipeline = new Pipeline(stack, endpoints, services);
        try {
            System.out.println("Starting ingest-, enrich- and publish-service (logs in " + logs + ") ...");
            services.add(ServiceProcess.start(config.repoRoot(), "ingest-service", INGEST_PORT + portOffset, environment, jvm, logs));
            services.add(ServiceProcess.start(config.repoRoot(), "enrich-service", ENRICH_PORT + portOffset, environment, enrichJvm, logs));
            services.add(ServiceProcess.start(config.repoRoot(), "publish-service", PUBLISH_PORT + portOffset, environment, jvm, logs));
            for (ServiceProcess service : services) {
                service.awaitHealthy(Duration.ofSeconds(180));
            }
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /**
     * Stops the three services and leaves the stack running, so a caller can remove what it created
     * on the servers (topics, indices) before {@link #close()} stops a stack this pipeline started.
     */
    public void stopServices() {
        services.reversed().forEach(ServiceProcess::close);
    }

    /** Stops the services, then the stack if this pipeline started it (a stack it reused keeps running). */
    @Override
    public void close() {
        stopServices();
        try {
            stack.close();
        } catch (Exception e) {
            System.err.println("stopping the local stack failed: " + e);
        }
    }

    // ---- the run command ----

    public static void main(String[] args) throws Exception {
        long commandStarted = Long.getLong("pipeline.started", System.currentTimeMillis());
        StackConfig config = StackConfig.fromEnvironment();
        Files.createDirectories(config.dataDir());
        // the sample RSS feed, polled by ingest-service as a site's feed would be
        SampleFeedServer feeds = SampleFeedServer.start(config.repoRoot().resolve("samples/feeds"));
        Pipeline pipeline = start(config, feeds.environment(), 0);
        System.out.printf(Locale.ROOT, "Stack and services ready %.1f s after the command started.%n",
                (System.currentTimeMillis() - commandStarted) / 1000.0);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\nStopping the services and the local stack ...");
            pipeline.close();
            feeds.close();
        }, "pipeline-shutdown"));
        for (ServiceProcess service : pipeline.services) {
            System.out.printf(Locale.ROOT, "  %-16s %s  (pid %d, RSS %d MB)%n", service.name(), service.url(),
                    service.pid(), service.residentMegabytes());
        }

        SampleFeed feed = new SampleFeed(config.repoRoot().resolve("samples/articles"), pipeline.service("ingest-service").url());
        System.out.println("\nPosting the sample articles from samples/articles ...");
        SampleFeed.Result posted = feed.postAll();
        System.out.println(posted.summary());
        System.out.println("  and ingest-service polls " + feeds.entries() + " more from the sample feeds " + feeds.describe());
        int expected = posted.expectedDocuments() + feeds.entries();

        long firstSearchable = pipeline.awaitSearchable(1, Duration.ofSeconds(120));
        System.out.printf(Locale.ROOT, "First article searchable %.1f s after the command started.%n",
                (firstSearchable - commandStarted) / 1000.0);
        pipeline.awaitSearchable(expected, Duration.ofSeconds(180));
        System.out.printf(Locale.ROOT, "All %d expected articles searchable %.1f s after the command started.%n",
                expected, (System.currentTimeMillis() - commandStarted) / 1000.0);
        System.out.println(pipeline.guide());
        while (pipeline.services.stream().allMatch(ServiceProcess::isAlive) || stopping.get()) {
            Thread.sleep(1000);
        }
        System.out.println("A service stopped; see its log in " + config.dataDir().resolve("logs"));
        System.exit(1);
    }

    /** Waits until the alias counts at least {@code count} documents; returns the time it did (epoch ms). */
    public long awaitSearchable(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (countDocuments() >= count) {
                return System.currentTimeMillis();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("fewer than " + count + " articles searchable after " + timeout.toSeconds()
                + " s (now " + countDocuments() + "); see the services' logs");
    }

    public long countDocuments() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(endpoints.elasticsearchUrl() + "/" + ALIAS + "/_count")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String guide() {
        String es = endpoints.elasticsearchUrl();
        return """

                The pipeline is running. Look at:
                  ingest-service   %s   (OpenAPI: %s/swagger-ui.html, health: %s/actuator/health)
                  enrich-service   %s   (bindings: %s/actuator/bindings, metrics: %s/actuator/prometheus)
                  publish-service  %s   (health: %s/actuator/health)
                  (actuator on each service's management port, 127.0.0.1 only)
                  Elasticsearch alias "%s" at %s
                  Kafka %s, schema registry %s

                Try:
                  curl -s '%s/%s/_search?pretty' -H 'Content-Type: application/json' -d '{"query":{"match":{"headline":"quy che dan chu"}}}'
                  curl -s '%s/%s/_search?pretty&size=0' -H 'Content-Type: application/json' -d '{"aggs":{"topics":{"terms":{"field":"categoryCodes"}}}}'
                  curl -s '%s/%s/_search?pretty' -H 'Content-Type: application/json' -d '{"query":{"multi_match":{"query":"flu season","fields":["headline","body"]}}}'
                  bin/kafka-tools topics   (topics, partitions)     bin/kafka-tools lag   (consumer lag)

                Ctrl-C stops everything.
                """.formatted(
                url(INGEST_PORT), url(INGEST_PORT), url(ServiceProcess.managementPort(INGEST_PORT)),
                url(ENRICH_PORT), url(ServiceProcess.managementPort(ENRICH_PORT)), url(ServiceProcess.managementPort(ENRICH_PORT)),
                url(PUBLISH_PORT), url(ServiceProcess.managementPort(PUBLISH_PORT)),
                ALIAS, es, endpoints.kafkaBootstrapServers(), endpoints.schemaRegistryUrl(),
                es, ALIAS, es, ALIAS, es, ALIAS);
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** Posts every file of samples/articles to ingest-service, by format, in name order. */
    static final class SampleFeed {

        private final Path directory;
        private final String ingestUrl;

        SampleFeed(Path directory, String ingestUrl) {
            this.directory = directory;
            this.ingestUrl = ingestUrl;
        }

        record Result(int posted, int accepted, int updates, int kills, List<String> failures) {
            int expectedDocuments() {
                return posted - updates - kills - kills;
            }

            String summary() {
                return "  posted %d articles (%d updates, %d kills): %d accepted, %d unchanged or already newer%s".formatted(posted, updates,
                        kills, accepted, posted - accepted,
                        failures.isEmpty() ? "" : "\n  refused: " + String.join("\n  refused: ", failures));
            }
        }

        Result postAll() throws IOException, InterruptedException {
            List<Path> files;
            try (Stream<Path> list = Files.list(directory)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
            int posted = 0;
            int accepted = 0;
            int updates = 0;
            int kills = 0;
            List<String> failures = new ArrayList<>();
            for (Path file : files) {
                String name = file.getFileName().toString();
                String contentType = contentType(name);
                if (contentType == null) {
                    continue;
                }
                boolean english = name.contains("-en-");
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create(ingestUrl + "/feeds/" + (english ? "wire-en" : "baothaibinh") + "/articles"))
                        .header("Content-Type", contentType)
                        .header("X-Api-Key", english ? "dev-key-wire-en" : "dev-key-baothaibinh")
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                // a re-run: the sample's update or kill is already there, newer than the original it re-posts
                boolean alreadyNewer = response.statusCode() == 409 && response.body().contains("stale-version");
                if (response.statusCode() / 100 != 2 && !alreadyNewer) {
                    failures.add(name + " → " + response.statusCode() + " " + response.body());
                    continue;
                }
                posted++;
                accepted += response.statusCode() == 202 ? 1 : 0;
                updates += name.contains("-update-") ? 1 : 0;
                kills += name.contains("-kill-") ? 1 : 0;
            }
            return new Result(posted, accepted, updates, kills, failures);
        }

        static String contentType(String fileName) {
            if (fileName.endsWith(".ninjs.json")) {
                return "application/ninjs+json";
            } else if (fileName.endsWith(".g2.xml")) {
                return "application/vnd.iptc.g2.newsitem+xml";
            } else if (fileName.endsWith(".json")) {
                return "application/json";
            } else if (fileName.endsWith(".html")) {
                return "text/html; charset=utf-8";
            } else if (fileName.endsWith(".txt")) {
                return "text/plain; charset=utf-8";
            }
            return null;
        }
    }
}
