package news.pipeline.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import news.pipeline.benchmark.baseline.EsBulkBaseline;
import news.pipeline.benchmark.baseline.KafkaBaseline;
import news.pipeline.benchmark.generate.ArticleGenerator;
import news.pipeline.benchmark.generate.GeneratedArticle;
import news.pipeline.benchmark.load.HttpPoster;
import news.pipeline.benchmark.load.RatePacer;
import news.pipeline.benchmark.observe.EsClient;
import news.pipeline.benchmark.observe.LagSampler;
import news.pipeline.benchmark.observe.SearchabilityWatcher;
import news.pipeline.benchmark.observe.TopicTimestamps;
import news.pipeline.benchmark.report.BenchmarkGoals;
import news.pipeline.benchmark.report.Bottleneck;
import news.pipeline.benchmark.report.ReportWriter;
import news.pipeline.benchmark.report.Results;
import news.pipeline.benchmark.report.Summary;
import news.pipeline.benchmark.resources.ProcStats;
import news.pipeline.benchmark.resources.ProcessFinder;
import news.pipeline.benchmark.resources.ResourceSampler;
import news.pipeline.events.RawArticle;
import news.stack.Endpoints;
import news.pipeline.runner.Pipeline;
import news.pipeline.runner.ServiceProcess;
import news.stack.StackConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The benchmark command: how fast an article becomes searchable through the pipeline, and in the
 * same run the limits the machine itself sets (direct Elasticsearch bulk indexing of the same
 * documents, direct Kafka produce/consume of the same number of Avro records), with CPU and memory
 * per process. Run order:
 *
 * <ol>
 * <li>start the pipeline (the local stack, reused when running, and the three services) on topics,
 *     consumer groups, alias and index template of this run's own, with the feeds' rate limits lifted;</li>
 * <li>warm-up: a small batch, until searchable (JIT, connections, schema registration);</li>
 * <li>full speed: N articles at concurrency C, closed loop;</li>
 * <li>half rate: another N articles paced at 0.5 × the full-speed end-to-end rate;</li>
 * <li>stage times from the topics' record timestamps; dead-letter counts;</li>
 * <li>Elasticsearch bulk baseline with the full-speed phase's final documents;</li>
 * <li>Kafka baseline with the full-speed phase's RawArticles;</li>
 * <li>report: table on stdout, JSON file; then stop the services and remove the run's topics and indices.</li>
 * </ol>
 */
public final class BenchmarkMain {

    /** Clients posting the backfill's batches at once. */
    static final int BACKFILL_CLIENTS = 2;

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage() + " (usage: bin/benchmark --help)");
            System.exit(2);
            return;
        }
        int exit = new BenchmarkMain().run(options);
        System.exit(exit);
    }

    private int run(BenchmarkOptions o) throws Exception {
        StackConfig config = StackConfig.fromEnvironment();
        Files.createDirectories(config.dataDir());
        Endpoints endpoints = config.endpoints();
        int portOffset = freePortOffset(o.portOffset());
        log("run %s: %d articles per phase at concurrency %d, seed %d; services on ports %d/%d/%d",
                o.runTag(), o.articles(), o.concurrency(), o.seed(), Pipeline.INGEST_PORT + portOffset,
                Pipeline.ENRICH_PORT + portOffset, Pipeline.PUBLISH_PORT + portOffset);

        ArticleGenerator generator = new ArticleGenerator(o.seed(), o.runTag());
        List<GeneratedArticle> warmup = generator.batch("warmup", o.warmup());
        List<GeneratedArticle> full = generator.batch("full", o.articles());
        List<GeneratedArticle> half = generator.batch("half", o.articles());
        List<GeneratedArticle> backfill = o.backfillBatch() > 0 ? generator.batch("backfill", o.articles()) : List.of();

        EsClient es = new EsClient(endpoints.elasticsearchUrl());
        List<String> notes = new ArrayList<>();
        Pipeline pipeline = null;
        Admin admin = null;
        SearchabilityWatcher watcher = null;
        LagSampler lag = null;
        ResourceSampler resources = null;
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Pipeline> started = new java.util.concurrent.atomic.AtomicReference<>();
        Thread interrupted = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                // Ctrl-C: stop the services, remove what the run created while the servers still run, then
                // stop the stack if this run started it
                System.out.println("\ninterrupted: stopping the services, removing the run's topics and indices ...");
                if (started.get() != null) {
                    started.get().stopServices();
                }
                if (!o.keep()) {
                    cleanUp(o, es, null, endpoints);
                }
                if (started.get() != null) {
                    started.get().close();
                }
            }
        }, "benchmark-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            log("starting the pipeline (logs in %s) ...", config.dataDir().resolve("logs"));
            double startAt = RunClock.nowMs();
            pipeline = Pipeline.start(config, serviceEnvironment(o), portOffset);
            started.set(pipeline);
            double pipelineStartSeconds = (RunClock.nowMs() - startAt) / 1000.0;
            log("pipeline up in %.1f s", pipelineStartSeconds);

            Map<String, Long> pids = new LinkedHashMap<>();
            for (ServiceProcess s : pipeline.services()) {
                pids.put(s.name(), s.pid());
            }
            for (String server : ProcessFinder.STACK_SERVERS) {
                ProcessFinder.stackServer(config.stateFile(), server).ifPresentOrElse(pid -> pids.put(server, pid),
                        () -> notes.add("no process found for " + server + ": its CPU and memory are not reported"));
            }
            pids.put("benchmark (load generator)", ProcessHandle.current().pid());

            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()));
            Map<String, String> groups = new LinkedHashMap<>();
            groups.put(o.rawTopic(), o.enrichGroup());
            groups.put(o.enrichedTopic(), o.publishGroup());
            lag = new LagSampler(admin, groups, 500);
            resources = new ResourceSampler(pids, 500);
            watcher = new SearchabilityWatcher(es, o.alias(), o.pollMillis());
            HttpPoster poster = new HttpPoster(pipeline.service("ingest-service").url());
            Duration timeout = Duration.ofSeconds(o.awaitTimeoutSeconds());

            resources.mark("start");
            PhaseRun warm = phase("warm-up", warmup, o.concurrency(), 0, cb -> poster.postAll(warmup, o.concurrency(), 0, cb),
                    watcher, lag, resources, timeout);
            PhaseRun fullRun = phase("full speed", full, o.concurrency(), 0, cb -> poster.postAll(full, o.concurrency(), 0, cb),
                    watcher, lag, resources, timeout);
            Results.Phase fullFigures = fullRun.figures(Map.of(), Map.of());
            PhaseRun halfRun = null;
            if (Double.isFinite(fullFigures.endToEndPerSecond())) {
                double rate = RatePacer.fractionOf(fullFigures.endToEndPerSecond(), o.halfRateFactor());
                log("full speed: %.1f accepted/s, %.1f end-to-end/s → next phase paced at %.1f/s",
                        fullFigures.acceptedPerSecond(), fullFigures.endToEndPerSecond(), rate);
                halfRun = phase("half rate", half, o.concurrency(), rate, cb -> poster.postAll(half, o.concurrency(), rate, cb),
                        watcher, lag, resources, timeout);
            } else {
                notes.add("the full-speed phase had no searchable article: the half-rate phase was skipped");
            }
            // an archive import: the run's third set of articles as batch requests, as fast as they are answered
            PhaseRun backfillRun = null;
            List<HttpPoster.BatchAnswer> batchAnswers = new ArrayList<>();
            if (o.backfillBatch() > 0) {
                backfillRun = phase("backfill", backfill, BACKFILL_CLIENTS, 0,
                        cb -> poster.postBatches(backfill, o.backfillBatch(), BACKFILL_CLIENTS, batchAnswers, cb),
                        watcher, lag, resources, timeout);
            }
            watcher.close();

            log("reading record timestamps of %s and %s ...", o.rawTopic(), o.enrichedTopic());
            Map<String, Long> rawTs = TopicTimestamps.read(endpoints.kafkaBootstrapServers(), o.rawTopic(), Duration.ofSeconds(120));
            Map<String, Long> enrichedTs = TopicTimestamps.read(endpoints.kafkaBootstrapServers(), o.enrichedTopic(), Duration.ofSeconds(120));
            Map<String, Long> deadLetters = new LinkedHashMap<>();
            deadLetters.put(o.rawDeadLetterTopic(), TopicTimestamps.recordCount(endpoints.kafkaBootstrapServers(), o.rawDeadLetterTopic()));
            deadLetters.put(o.enrichedDeadLetterTopic(), TopicTimestamps.recordCount(endpoints.kafkaBootstrapServers(), o.enrichedDeadLetterTopic()));

            List<Results.Phase> phases = new ArrayList<>();
            phases.add(warm.figures(rawTs, enrichedTs));
            fullFigures = fullRun.figures(rawTs, enrichedTs);
            phases.add(fullFigures);
            Results.Phase halfFigures = halfRun == null ? null : halfRun.figures(rawTs, enrichedTs);
            if (halfFigures != null) {
                phases.add(halfFigures);
            }
            Results.Phase backfillFigures = backfillRun == null ? null : backfillRun.figures(rawTs, enrichedTs);
            if (backfillFigures != null) {
                phases.add(backfillFigures);
            }

            // ---- baselines ----
            List<String> fullIds = fullRun.acceptedIds().stream().filter(id -> fullRun.searchableAt().containsKey(id)).toList();
            EsBulkBaseline.Result bulk = null;
            try {
                EsBulkBaseline baseline = new EsBulkBaseline(es);
                List<EsBulkBaseline.Doc> docs = baseline.fetch(o.alias(), fullIds);
                baseline.createLike(o.alias(), o.bulkBaselineIndex());
                log("Elasticsearch baseline: bulk-indexing the same %d documents into %s (batch %d × %d clients) ...",
                        docs.size(), o.bulkBaselineIndex(), o.bulkBatch(), o.bulkConcurrency());
                resources.mark("es-bulk:start");
                bulk = baseline.run(docs, o.bulkBaselineIndex(), o.bulkBatch(), o.bulkConcurrency(), timeout);
                resources.mark("es-bulk:end");
            } catch (RuntimeException e) {
                notes.add("Elasticsearch baseline failed: " + e.getMessage());
            }
            KafkaBaseline.Result kafka = null;
            try {
                KafkaBaseline baseline = new KafkaBaseline(endpoints.kafkaBootstrapServers(), endpoints.schemaRegistryUrl());
                List<RawArticle> raws = baseline.readRaw(o.rawTopic(), new HashSet<>(fullRun.acceptedIds()), Duration.ofSeconds(120));
                log("Kafka baseline: producing and consuming the same %d RawArticles on %s ...", raws.size(), o.kafkaBaselineTopic());
                resources.mark("kafka:start");
                kafka = baseline.run(admin, raws, o.kafkaBaselineTopic(), timeout);
                resources.mark("kafka:end");
            } catch (Exception e) {
                notes.add("Kafka baseline failed: " + e);
            }

            // ---- report ----
            List<ResourceSampler.PhaseUsage> usage = new ArrayList<>();
            usage.add(resources.between("warm-up", "warm-up:start", "warm-up:end"));
            usage.add(resources.between("full", "full speed:start", "full speed:end"));
            if (halfRun != null) {
                usage.add(resources.between("half", "half rate:start", "half rate:end"));
            }
            if (backfillRun != null) {
                usage.add(resources.between("backfill", "backfill:start", "backfill:end"));
            }
            if (bulk != null) {
                usage.add(resources.between("es-bulk", "es-bulk:start", "es-bulk:end"));
            }
            if (kafka != null) {
                usage.add(resources.between("kafka", "kafka:start", "kafka:end"));
            }
            Results.Ratios ratios = ratios(fullFigures, halfFigures, backfillFigures, batchAnswers, o.backfillBatch(), bulk, kafka);
            Bottleneck.Finding finding = Bottleneck.analyse(fullFigures, usage.get(1), o.rawTopic(), o.enrichedTopic());
            notes.addAll(standardNotes(o, watcher, fullFigures, deadLetters));
            Map<String, Object> watcherStats = new LinkedHashMap<>();
            watcherStats.put("pollMillis", o.pollMillis());
            watcherStats.put("polls", watcher.polls());
            watcherStats.put("idsQueries", watcher.idsQueries());
            watcherStats.put("meanPollMillis", watcher.meanPollMillis());
            watcherStats.put("pollErrors", watcher.pollErrors());
            Results results = new Results(machine(), runInfo(o, pids, pipelineStartSeconds, full, half),
                    ratios, phases, new Results.Baselines(bulk, kafka, deadLetters, watcherStats), usage, finding, notes);
            System.out.print(ReportWriter.table(results));
            ReportWriter.writeJson(results, o.out());
            log("every figure is in %s", o.out().toAbsolutePath());
            List<PhaseRun> measured = new ArrayList<>(List.of(fullRun));
            if (halfRun != null) {
                measured.add(halfRun);
            }
            if (backfillRun != null) {
                measured.add(backfillRun);
            }
            Path pictures = o.out().resolveSibling(o.out().getFileName().toString().replaceFirst("\\.json$", "") + ".svg");
            Files.writeString(pictures, Charts.svg("bin/benchmark run " + o.runTag() + ", " + o.articles()
                    + " articles per phase: latency and throughput", measured, enrichedTs));
            log("latency and throughput pictures: %s", pictures.toAbsolutePath());
            return 0;
        } finally {
            finished.set(true);
            if (watcher != null) {
                watcher.close();
            }
            if (lag != null) {
                lag.close();
            }
            if (resources != null) {
                resources.close();
            }
            if (pipeline != null) {
                log("stopping the services ...");
                pipeline.stopServices();
            }
            if (!o.keep()) {
                cleanUp(o, es, admin, endpoints);
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            if (pipeline != null) {
                pipeline.close(); // the stack last, and only when this run started it
            }
        }
    }

    private PhaseRun phase(String name, List<GeneratedArticle> articles, int concurrency, double rate,
            Function<Consumer<HttpPoster.Outcome>, List<HttpPoster.Outcome>> post, SearchabilityWatcher watcher, LagSampler lag, ResourceSampler resources, Duration timeout) {
        log("%s: posting %d articles%s ...", name, articles.size(),
                rate > 0 ? String.format(Locale.ROOT, " at %.1f/s", rate) : " at concurrency " + concurrency);
        resources.mark(name + ":start");
        double start = RunClock.nowMs();
        AtomicInteger answered = new AtomicInteger();
        Thread progress = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                log("  %s: %d/%d answered, %d posted but not yet searchable", name, answered.get(), articles.size(),
                        watcher.pendingCount());
            }
        });
        List<HttpPoster.Outcome> outcomes = post.apply(outcome -> {
            answered.incrementAndGet();
            if (outcome.accepted() && outcome.articleId() != null) {
                watcher.watch(outcome.articleId());
            }
        });
        double postingDone = RunClock.nowMs();
        List<String> ids = outcomes.stream().filter(oc -> oc.accepted() && oc.articleId() != null)
                .map(HttpPoster.Outcome::articleId).toList();
        int missing = watcher.awaitAll(ids, timeout);
        progress.interrupt();
        double end = RunClock.nowMs();
        resources.mark(name + ":end");
        lag.sampleOnce();
        Map<String, Double> seen = new HashMap<>();
        ids.forEach(id -> {
            Double at = watcher.seenAt(id);
            if (at != null) {
                seen.put(id, at);
            }
        });
        log("%s: %d accepted of %d in %.1f s; %s searchable after %.1f s", name, ids.size(), articles.size(),
                (postingDone - start) / 1000, missing == 0 ? "all" : (ids.size() - missing) + "", (end - start) / 1000);
        return new PhaseRun(name, articles, concurrency, rate, outcomes, seen, start, postingDone, end, lag.window(start, end));
    }

    private static Results.Ratios ratios(Results.Phase full, Results.Phase half, Results.Phase backfill,
            List<HttpPoster.BatchAnswer> batchAnswers, int batchSize, EsBulkBaseline.Result bulk, KafkaBaseline.Result kafka) {
        double backfillVsBulk = bulk == null || backfill == null ? Double.NaN
                : backfill.endToEndPerSecond() / bulk.searchablePerSecond();
        // the slowest full batch: every batch of an archive import should be answered at least this fast
        double batchAnswered = batchAnswers.stream().filter(b -> b.items() == batchSize && b.status() == 200)
                .mapToDouble(HttpPoster.BatchAnswer::itemsPerSecond).min().orElse(Double.NaN);
        double vsBulk = bulk == null ? Double.NaN : full.endToEndPerSecond() / bulk.searchablePerSecond();
        double vsBulkIndexed = bulk == null ? Double.NaN : full.endToEndPerSecond() / bulk.indexedPerSecond();
        double p99 = half == null ? Double.NaN : half.latencyMs().p99();
        double vsProduce = kafka == null ? Double.NaN : full.acceptedPerSecond() / kafka.producedPerSecond();
        double vsKafka = kafka == null ? Double.NaN : full.endToEndPerSecond() / kafka.consumedPerSecond();
        boolean halfComplete = half != null && half.notSearchable() == 0 && half.accepted() == half.articles();
        return new Results.Ratios(vsBulk, vsBulk >= BenchmarkGoals.END_TO_END_VS_BULK, p99,
                halfComplete && p99 <= BenchmarkGoals.HALF_RATE_P99_MS, vsBulkIndexed, vsProduce, vsKafka,
                backfillVsBulk, batchAnswered);
    }

    private static List<String> standardNotes(BenchmarkOptions o, SearchabilityWatcher watcher, Results.Phase full,
            Map<String, Long> deadLetters) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "searchable = returned by a search of the alias (indexed and refreshed; "
                + "refresh interval 1 s): latencies include up to one refresh interval, and are overstated by at most "
                + "one poll (%d ms; mean poll %.0f ms, %d polls). Each poll asks only for the alias's count; the ids "
                + "query ran %d times, when the count moved", o.pollMillis(), watcher.meanPollMillis(), watcher.polls(),
                watcher.idsQueries()));
        notes.add("the load generator runs on the same machine and competes for the same cores (its CPU is in the table)");
        if (o.articles() < 1000) {
            notes.add("fewer than 1000 articles per phase: a smoke run, the rates are dominated by start-up effects");
        }
        deadLetters.forEach((topic, count) -> {
            if (count > 0) {
                notes.add(count + " records were dead-lettered on " + topic);
            }
        });
        if (full.notSearchable() > 0) {
            notes.add(full.notSearchable() + " accepted articles of the full-speed phase never became searchable within "
                    + o.awaitTimeoutSeconds() + " s");
        }
        return notes;
    }

    // ---- the services' environment: this run's own topics, groups, alias; no feed rate limits ----

    static Map<String, String> serviceEnvironment(BenchmarkOptions o) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PIPELINE_TOPICS_RAW", o.rawTopic());
        env.put("PIPELINE_TOPICS_RAW_DLT", o.rawDeadLetterTopic());
        env.put("PIPELINE_TOPICS_ENRICHED", o.enrichedTopic());
        env.put("PIPELINE_TOPICS_ENRICHED_DLT", o.enrichedDeadLetterTopic());
        env.put("ENRICH_GROUP", o.enrichGroup());
        env.put("PUBLISH_GROUP", o.publishGroup());
        String unlimited = "{\"rate-limit-per-second\":1.0E9,\"burst\":1000000000}";
        env.put("SPRING_APPLICATION_JSON", """
                {"ingest":{"feeds":{"baothaibinh":%s,"wire-en":%s}},
                 "publish":{"index":{"alias":"%s","index-prefix":"%s","template-name":"%s"}}}"""
                .formatted(unlimited, unlimited, o.alias(), o.indexPrefix(), o.templateName()).replace("\n", " "));
        o.serviceEnv().forEach((key, value) -> {
            if (key.equals("SPRING_APPLICATION_JSON")) {
                // a tuning given as JSON is merged into the run's own settings, not put in their place
                env.put(key, mergeJson(env.get(key), value));
            } else {
                env.put(key, value);
            }
        });
        return env;
    }

    /** Deep merge of two JSON objects; the second one's values win. */
    static String mergeJson(String base, String overrides) {
        try {
            var mapper = EsClient.json();
            var merged = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(base);
            merge(merged, (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(overrides));
            return merged.toString();
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("SPRING_APPLICATION_JSON must be a JSON object: " + e.getMessage(), e);
        }
    }

    private static void merge(com.fasterxml.jackson.databind.node.ObjectNode target,
            com.fasterxml.jackson.databind.node.ObjectNode source) {
        source.properties().forEach(e -> {
            var existing = target.get(e.getKey());
            if (existing instanceof com.fasterxml.jackson.databind.node.ObjectNode t
                    && e.getValue() instanceof com.fasterxml.jackson.databind.node.ObjectNode s) {
                merge(t, s);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    /** The first offset (the requested one, then +100, +200, ...) whose three service ports are all free. */
    static int freePortOffset(int requested) {
        for (int offset = requested; offset < requested + 2000; offset += 100) {
            if (free(Pipeline.INGEST_PORT + offset) && free(Pipeline.ENRICH_PORT + offset) && free(Pipeline.PUBLISH_PORT + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free ports for the services near offset " + requested);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Tomcat binds: a port in TIME_WAIT is free for it
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void cleanUp(BenchmarkOptions o, EsClient es, Admin admin, Endpoints endpoints) {
        log("removing the run's indices, template, topics and registry subjects (--keep keeps them) ...");
        try {
            // exactly this run's indices: a wildcard on the tag alone could reach a run tagged "<tag>-x"
            var indices = es.send("GET", "/_cat/indices/" + o.indexPrefix() + "*?format=json&h=index", null);
            if (indices.ok()) {
                for (var index : indices.body()) {
                    es.send("DELETE", "/" + index.path("index").asText(), null);
                }
            }
            es.send("DELETE", "/" + o.bulkBaselineIndex(), null);
            es.send("DELETE", "/_index_template/" + o.templateName(), null);
        } catch (RuntimeException e) {
            System.err.println("cleaning Elasticsearch failed: " + e.getMessage());
        }
        List<String> topics = List.of(o.rawTopic(), o.enrichedTopic(), o.rawDeadLetterTopic(), o.enrichedDeadLetterTopic(),
                o.kafkaBaselineTopic());
        Admin kafka = admin != null ? admin
                : Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()));
        try {
            var existing = kafka.listTopics().names().get(10, TimeUnit.SECONDS);
            kafka.deleteTopics(topics.stream().filter(existing::contains).toList()).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("deleting the run's topics failed: " + e.getMessage());
        }
        try {
            kafka.deleteConsumerGroups(List.of(o.enrichGroup(), o.publishGroup())).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a group that never committed does not exist: nothing to delete
        } finally {
            if (kafka != admin) {
                kafka.close(Duration.ofSeconds(5));
            }
        }
        for (String topic : topics) {
            String subject = endpoints.schemaRegistryUrl() + "/subjects/" + topic + "-value";
            try {
                var http = java.net.http.HttpClient.newHttpClient();
                for (String suffix : new String[] {"", "?permanent=true"}) {
                    http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(subject + suffix)).DELETE().build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                }
            } catch (IOException | RuntimeException e) {
                // best effort: a subject that was never registered is fine
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- description of the machine and the run ----

    static Results.Machine machine() {
        String cpu = "unknown";
        long memMb = -1;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            memMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            // not Linux: leave unknown
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return new Results.Machine(ZonedDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), host,
                Runtime.getRuntime().availableProcessors(), cpu, memMb,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + Runtime.version(), ProcStats.clockTicksPerSecond());
    }

    private static Results.Run runInfo(BenchmarkOptions o, Map<String, Long> pids, double startSeconds,
            List<GeneratedArticle> full, List<GeneratedArticle> half) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("rawTopic", o.rawTopic());
        names.put("enrichedTopic", o.enrichedTopic());
        names.put("rawDeadLetterTopic", o.rawDeadLetterTopic());
        names.put("enrichedDeadLetterTopic", o.enrichedDeadLetterTopic());
        names.put("enrichGroup", o.enrichGroup());
        names.put("publishGroup", o.publishGroup());
        names.put("alias", o.alias());
        names.put("indexPrefix", o.indexPrefix());
        names.put("bulkBaselineIndex", o.bulkBaselineIndex());
        names.put("kafkaBaselineTopic", o.kafkaBaselineTopic());
        List<GeneratedArticle> all = new ArrayList<>(full);
        all.addAll(half);
        Map<String, Integer> formats = new TreeMap<>();
        all.forEach(a -> formats.merge(a.format(), 1, Integer::sum));
        Results.Generated generated = new Results.Generated(all.size(),
                (int) all.stream().filter(a -> a.language().equals("vi")).count(),
                (int) all.stream().filter(a -> a.language().equals("en")).count(),
                (int) all.stream().filter(GeneratedArticle::hasAudio).count(),
                (int) all.stream().filter(a -> a.sourceLinks() > 0).count(),
                (int) all.stream().filter(a -> a.images() > 0).count(), formats,
                Summary.of(all.stream().map(GeneratedArticle::wordCount).toList()),
                Summary.of(all.stream().map(GeneratedArticle::bodyBytes).toList()));
        return new Results.Run(o.runTag(), o.seed(), o.articles(), o.warmup(), o.concurrency(), o.halfRateFactor(),
                o.pollMillis(), o.bulkBatch(), o.bulkConcurrency(), o.serviceEnv(), names, pids, startSeconds, gitCommit(),
                generated);
    }

    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", java.time.LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                String.format(Locale.ROOT, format, args));
    }
}
