package news.pipeline.benchmark.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import news.pipeline.benchmark.RunClock;
import news.pipeline.benchmark.load.RatePacer;
import news.pipeline.benchmark.observe.EsClient;
import news.pipeline.benchmark.report.Summary;

/**
 * The indexing limit: the pipeline's own final documents, fetched back from its index, bulk-indexed
 * directly into a fresh index with the same settings (analysis, shards, replicas, refresh interval)
 * and mapping, the way publish-service writes them (external version = article version, batches of
 * {@code batchSize}), from {@code concurrency} clients at once. Timed from the first bulk request
 * until every document is acknowledged, and until every document is searchable (count polled every
 * 50 ms, which is how the pipeline's end-to-end rate is measured too).
 */
public final class EsBulkBaseline {

    /** Everything measured. Rates are documents per second. */
    public record Result(String index, int documents, long bytes, int batchSize, int concurrency, int bulkRequests,
            int itemErrors, double indexedSeconds, double searchableSeconds, double indexedPerSecond,
            double searchablePerSecond, Summary bulkRequestMs, String error) {
    }

    private static final ObjectMapper JSON = EsClient.json();

    private final EsClient es;

    public EsBulkBaseline(EsClient es) {
        this.es = es;
    }

    /** The documents (id, version, source) of {@code ids}, read back from the pipeline's alias. */
    public List<Doc> fetch(String alias, List<String> ids) {
        List<Doc> docs = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            ObjectNode body = JSON.createObjectNode();
            body.put("size", chunk.size()).put("version", true);
            ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
            chunk.forEach(values::add);
            JsonNode answer = es.call("POST", "/" + alias + "/_search", body.toString());
            for (JsonNode hit : answer.path("hits").path("hits")) {
                docs.add(new Doc(hit.path("_id").asText(), hit.path("_version").asLong(1), hit.path("_source").toString()));
            }
        }
        return docs;
    }

    public record Doc(String id, long version, String sourceJson) {
    }

    /** Creates {@code target} with the settings and mapping of the index behind {@code alias}. */
    public void createLike(String alias, String target) {
        JsonNode settingsAnswer = es.call("GET", "/" + alias + "/_settings?flat_settings=true", null);
        JsonNode mappingAnswer = es.call("GET", "/" + alias + "/_mapping", null);
        String source = settingsAnswer.fieldNames().next();
        ObjectNode settings = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = settingsAnswer.path(source).path("settings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (copiedSetting(e.getKey())) {
                settings.set(e.getKey(), e.getValue());
            }
        }
        ObjectNode create = JSON.createObjectNode();
        create.set("settings", settings);
        create.set("mappings", mappingAnswer.path(source).path("mappings"));
        es.call("PUT", "/" + target, create.toString());
    }

    /** The settings that shape indexing; not the ones Elasticsearch assigns itself (uuid, creation date, version). */
    static boolean copiedSetting(String key) {
        return key.startsWith("index.analysis.") || key.equals("index.number_of_shards")
                || key.equals("index.number_of_replicas") || key.equals("index.refresh_interval")
                || key.equals("index.codec") || key.equals("index.gc_deletes") || key.equals("index.max_result_window")
                || key.startsWith("index.mapping.") || key.startsWith("index.similarity.");
    }

    public Result run(List<Doc> docs, String target, int batchSize, int concurrency, Duration timeout) {
        // Bodies are built before the clock starts: only Elasticsearch's work is timed.
        List<byte[]> bodies = new ArrayList<>();
        long bytes = 0;
        for (int from = 0; from < docs.size(); from += batchSize) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Doc d : docs.subList(from, Math.min(docs.size(), from + batchSize))) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("index").put("_id", d.id()).put("version", d.version()).put("version_type", "external");
                out.writeBytes(action.toString().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                byte[] source = d.sourceJson().getBytes(StandardCharsets.UTF_8);
                bytes += source.length;
                out.writeBytes(source);
                out.write('\n');
            }
            bodies.add(out.toByteArray());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger itemErrors = new AtomicInteger();
        AtomicLong firstError = new AtomicLong();
        List<Double> requestMs = java.util.Collections.synchronizedList(new ArrayList<>());
        String[] error = new String[1];
        double start = RunClock.nowMs();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(Thread.ofPlatform().name("bulk-" + c).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    double t0 = RunClock.nowMs();
                    EsClient.Response r = es.send("POST", "/" + target + "/_bulk", bodies.get(i), "application/x-ndjson");
                    requestMs.add(RunClock.nowMs() - t0);
                    if (!r.ok()) {
                        error[0] = "bulk answered " + r.status();
                        continue;
                    }
                    if (r.body().path("errors").asBoolean(false)) {
                        for (JsonNode item : r.body().path("items")) {
                            JsonNode result = item.path("index");
                            if (result.path("status").asInt(200) / 100 != 2) {
                                itemErrors.incrementAndGet();
                                if (firstError.compareAndSet(0, 1)) {
                                    error[0] = result.path("error").toString();
                                }
                            }
                        }
                    }
                }
            }));
        }
        for (Thread t : clients) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double indexed = RunClock.nowMs();
        int expected = docs.size() - itemErrors.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        double searchable = Double.NaN;
        while (System.nanoTime() < deadline) {
            double t = RunClock.nowMs();
            if (es.count(target) >= expected) {
                searchable = RunClock.nowMs();
                break;
            }
            RunClock.sleepMs(Math.max(0, 50 - (long) (RunClock.nowMs() - t)));
        }
        return new Result(target, docs.size(), bytes, batchSize, concurrency, bodies.size(), itemErrors.get(),
                (indexed - start) / 1000.0, (searchable - start) / 1000.0,
                RatePacer.perSecond(docs.size(), start, indexed), RatePacer.perSecond(expected, start, searchable),
                Summary.of(requestMs), error[0]);
    }
}
