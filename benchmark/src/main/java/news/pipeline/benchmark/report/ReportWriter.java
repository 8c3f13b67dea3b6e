package news.pipeline.benchmark.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.pipeline.benchmark.baseline.EsBulkBaseline;
import news.pipeline.benchmark.baseline.KafkaBaseline;
import news.pipeline.benchmark.observe.LagSampler;
import news.pipeline.benchmark.resources.ResourceSampler;

/** The table on stdout (ratios first) and the JSON file with every figure. */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static void writeJson(Results results, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            mapper().writeValue(file.toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Jackson 2 with records; NaN and infinities (a figure that could not be measured) become null. */
    static ObjectMapper mapper() {
        SimpleModule finite = new SimpleModule();
        JsonSerializer<Double> doubles = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (value == null || !Double.isFinite(value)) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(Math.round(value * 1000) / 1000.0);
                }
            }
        };
        finite.addSerializer(Double.class, doubles);
        finite.addSerializer(double.class, doubles);
        return new ObjectMapper().registerModule(finite).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * CPU milliseconds per article of each process in each phase that handled articles (the pipeline's
     * phases: CPU ÷ articles posted; the Elasticsearch bulk baseline: CPU ÷ documents indexed).
     */
    static Table cpuPerArticle(Results r) {
        Map<String, Integer> articles = articlesPerPhase(r);
        List<ResourceSampler.PhaseUsage> phases = r.resources().stream().filter(u -> articles.containsKey(u.phase())).toList();
        List<String> header = new ArrayList<>(List.of("process"));
        phases.forEach(u -> header.add(u.phase() + " ms/article"));
        ResourceSampler.PhaseUsage full = phases.stream().filter(u -> u.phase().equals("full")).findFirst().orElse(null);
        if (full != null) {
            header.add("of full: JIT / GC ms");
        }
        header.add("goal (full)");
        Table table = new Table(header.toArray(String[]::new));
        if (phases.isEmpty()) {
            return table;
        }
        for (int i = 0; i < phases.getFirst().processes().size(); i++) {
            String process = phases.getFirst().processes().get(i).process();
            List<String> row = new ArrayList<>(List.of(process));
            for (ResourceSampler.PhaseUsage u : phases) {
                row.add(num(u.processes().get(i).cpuSeconds() * 1000 / articles.get(u.phase())));
            }
            if (full != null) {
                ResourceSampler.Usage usage = full.processes().get(i);
                double perArticle = 1000.0 / articles.get("full");
                row.add(usage.jitCpuSeconds() + usage.gcCpuSeconds() == 0 ? ""
                        : num(usage.jitCpuSeconds() * perArticle) + " / " + num(usage.gcCpuSeconds() * perArticle));
            }
            Double goal = BenchmarkGoals.CPU_MS_PER_ARTICLE.get(process);
            row.add(goal == null ? "" : "<= " + num(goal));
            table.row(row.toArray(String[]::new));
        }
        return table;
    }

    /** Elasticsearch's CPU per document while the pipeline indexed at full speed ÷ its CPU per document in the bulk baseline. */
    static double elasticsearchCpuRatio(Results r) {
        Map<String, Integer> articles = articlesPerPhase(r);
        double full = Double.NaN;
        double bulk = Double.NaN;
        for (ResourceSampler.PhaseUsage u : r.resources()) {
            for (ResourceSampler.Usage p : u.processes()) {
                if (p.process().equals("elasticsearch") && articles.containsKey(u.phase())) {
                    double perDoc = p.cpuSeconds() / articles.get(u.phase());
                    if (u.phase().equals("full")) {
                        full = perDoc;
                    } else if (u.phase().equals("es-bulk")) {
                        bulk = perDoc;
                    }
                }
            }
        }
        return full / bulk;
    }

    private static Map<String, Integer> articlesPerPhase(Results r) {
        Map<String, Integer> articles = new LinkedHashMap<>();
        for (Results.Phase phase : r.phases()) {
            String key = phase.name().startsWith("full") ? "full" : phase.name().startsWith("half") ? "half"
                    : phase.name().equals("backfill") ? "backfill" : null;
            if (key != null && phase.accepted() > 0) {
                articles.put(key, phase.accepted());
            }
        }
        EsBulkBaseline.Result bulk = r.baselines().elasticsearchBulk();
        if (bulk != null && bulk.documents() > 0) {
            articles.put("es-bulk", bulk.documents());
        }
        return articles;
    }

    public static String table(Results r) {
        StringBuilder out = new StringBuilder();
        Results.Ratios q = r.ratios();
        out.append("\n=== Benchmark ").append(r.run().runTag()).append(" — ").append(r.machine().date()).append(", ")
                .append(r.machine().cores()).append(" cores, ").append(r.machine().memoryMb() / 1024).append(" GiB, ")
                .append(r.machine().cpuModel()).append(" ===\n\n");

        out.append("RATIOS (goals)\n");
        Table ratios = new Table("figure", "value", "goal", "met");
        ratios.row("pipeline end-to-end / ES bulk (both until searchable)", pct(q.pipelineVsBulk()),
                ">= " + pct(BenchmarkGoals.END_TO_END_VS_BULK), yes(q.pipelineVsBulkMet()));
        ratios.row("p99 POST → searchable at " + pct(r.run().halfRateFactor()) + " of full-speed rate", ms(q.halfRateP99Ms()),
                "<= " + ms(BenchmarkGoals.HALF_RATE_P99_MS) + " ms", yes(q.halfRateP99Met()));
        double esRatio = elasticsearchCpuRatio(r);
        ratios.row("Elasticsearch CPU per document: pipeline (full) / bulk baseline", Double.isFinite(esRatio)
                ? num(esRatio) + " x" : "n/a", "<= " + num(BenchmarkGoals.ELASTICSEARCH_CPU_VS_BULK) + " x",
                Double.isFinite(esRatio) ? yes(esRatio <= BenchmarkGoals.ELASTICSEARCH_CPU_VS_BULK) : "");
        ratios.row("backfill (POST /batch) end-to-end / ES bulk", pct(q.backfillVsBulk()), "", "");
        ratios.row("slowest full batch answered, articles/s", num(q.slowestFullBatchAnsweredPerSecond()),
                ">= " + num(BenchmarkGoals.BATCH_ANSWERED_PER_SECOND), Double.isFinite(q.slowestFullBatchAnsweredPerSecond())
                        ? yes(q.slowestFullBatchAnsweredPerSecond() >= BenchmarkGoals.BATCH_ANSWERED_PER_SECOND) : "");
        ratios.row("pipeline end-to-end / ES bulk (until acknowledged)", pct(q.pipelineVsBulkIndexed()), "", "");
        ratios.row("ingest accepted / Kafka produce (Avro, same broker)", pct(q.acceptedVsKafkaProduce()), "", "");
        ratios.row("pipeline end-to-end / Kafka produce→consume", pct(q.pipelineVsKafkaEndToEnd()), "", "");
        out.append(ratios).append('\n');

        out.append("PIPELINE (articles posted to ingest-service until searchable in Elasticsearch)\n");
        Table phases = new Table("phase", "articles", "conc.", "target/s", "accepted/s", "end-to-end/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "not searchable", "refused", "429/503 retries");
        for (Results.Phase p : r.phases()) {
            phases.row(p.name(), Integer.toString(p.articles()), Integer.toString(p.concurrency()),
                    p.targetRatePerSecond() > 0 ? num(p.targetRatePerSecond()) : "full", num(p.acceptedPerSecond()),
                    num(p.endToEndPerSecond()), ms(p.latencyMs().p50()), ms(p.latencyMs().p95()), ms(p.latencyMs().p99()),
                    ms(p.latencyMs().max()), Integer.toString(p.notSearchable()), Integer.toString(p.refused() + p.failed()),
                    Integer.toString(p.throttledRetries()));
        }
        out.append(phases).append('\n');

        out.append("TIME PER STAGE (mean / p95 / p99 ms) and MAX LAG PER TOPIC (records)\n");
        Table stages = new Table("phase", "POST→accepted", "POST→raw append", "raw→enriched", "enriched→searchable", "max lag raw",
                "max lag enriched");
        for (Results.Phase p : r.phases()) {
            Results.Stages s = p.stages();
            stages.row(p.name(), triple(s.postToAccepted()), triple(s.postToRawAppend()), triple(s.rawToEnriched()),
                    triple(s.enrichedToSearchable()), lag(p.lag(), 0), lag(p.lag(), 1));
        }
        out.append(stages).append('\n');

        out.append("BASELINES (same machine, same servers, same documents / records)\n");
        Table baselines = new Table("baseline", "records", "MB", "rate/s (acked)", "rate/s (searchable / consumed)", "seconds", "notes");
        EsBulkBaseline.Result es = r.baselines().elasticsearchBulk();
        if (es != null) {
            baselines.row("Elasticsearch bulk, batch " + es.batchSize() + " × " + es.concurrency() + " clients",
                    Integer.toString(es.documents()), num(es.bytes() / 1e6), num(es.indexedPerSecond()),
                    num(es.searchablePerSecond()), num(es.searchableSeconds()),
                    es.itemErrors() > 0 || es.error() != null ? "errors: " + es.itemErrors() + " " + nz(es.error()) : "");
        }
        KafkaBaseline.Result k = r.baselines().kafka();
        if (k != null) {
            baselines.row("Kafka Avro produce + consume (6 partitions)", Integer.toString(k.records()), num(k.valueBytes() / 1e6),
                    num(k.producedPerSecond()), num(k.consumedPerSecond()), num(k.endToEndSeconds()),
                    String.format(Locale.ROOT, "produce→consume p50 %s p99 %s ms%s", ms(k.produceToConsumeMs().p50()),
                            ms(k.produceToConsumeMs().p99()), k.error() == null ? "" : "; " + k.error()));
        }
        out.append(baselines).append('\n');

        out.append("RESOURCES (CPU seconds and % of one core per phase; peak RSS sampled in the run; VmHWM = lifetime peak)\n");
        List<String> header = new ArrayList<>(List.of("process", "pid"));
        for (ResourceSampler.PhaseUsage u : r.resources()) {
            header.add(u.phase() + " CPU s");
            header.add(u.phase() + " %core");
        }
        header.add("peak RSS MB");
        header.add("VmHWM MB");
        Table res = new Table(header.toArray(String[]::new));
        if (!r.resources().isEmpty()) {
            for (int i = 0; i < r.resources().getFirst().processes().size(); i++) {
                ResourceSampler.Usage first = r.resources().getFirst().processes().get(i);
                List<String> row = new ArrayList<>(List.of(first.process(), Long.toString(first.pid())));
                long peak = -1;
                long hwm = -1;
                for (ResourceSampler.PhaseUsage u : r.resources()) {
                    ResourceSampler.Usage usage = u.processes().get(i);
                    row.add(num(usage.cpuSeconds()));
                    row.add(num(usage.cpuPercentOfOneCore()));
                    peak = Math.max(peak, usage.peakRssMb());
                    hwm = Math.max(hwm, usage.lifetimePeakRssMb());
                }
                row.add(Long.toString(peak));
                row.add(Long.toString(hwm));
                res.row(row.toArray(String[]::new));
            }
            List<String> machine = new ArrayList<>(List.of("machine (busy % of all cores)", ""));
            for (ResourceSampler.PhaseUsage u : r.resources()) {
                machine.add(num(u.seconds()) + " s");
                machine.add(num(u.machineBusyPercent()) + "%");
            }
            machine.add("");
            machine.add("");
            res.row(machine.toArray(String[]::new));
        }
        out.append(res).append('\n');

        out.append("CPU PER ARTICLE (CPU ms of each process ÷ articles accepted in the phase; es-bulk: ÷ documents; "
                + "JIT / GC: the part of the full-speed figure spent by the JVM's compiler and collector threads)\n")
                .append(cpuPerArticle(r)).append('\n');

        if (r.bottleneck() != null) {
            out.append("BOTTLENECK (full speed): ").append(r.bottleneck().summary()).append('\n');
            r.bottleneck().evidence().forEach(e -> out.append("  - ").append(e).append('\n'));
        }
        if (!r.notes().isEmpty()) {
            out.append("\nNOTES\n");
            r.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static String lag(List<LagSampler.Window> lag, int index) {
        return lag.size() > index ? Long.toString(lag.get(index).maxLag()) : "-";
    }

    static String triple(Summary s) {
        return s.count() == 0 ? "-" : ms(s.mean()) + " / " + ms(s.p95()) + " / " + ms(s.p99());
    }

    static String pct(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.0f%%", ratio * 100) : "n/a";
    }

    static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "n/a";
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String yes(boolean met) {
        return met ? "yes" : "NO";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A plain text table with left-aligned first column and right-aligned figures. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        @Override
        public String toString() {
            int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
            int[] width = new int[columns];
            for (String[] r : rows) {
                for (int c = 0; c < r.length; c++) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                StringBuilder line = new StringBuilder("  ");
                for (int c = 0; c < columns; c++) {
                    String cell = c < r.length ? r[c] : "";
                    String pad = " ".repeat(width[c] - cell.length());
                    line.append(c == 0 ? cell + pad : pad + cell).append(c < columns - 1 ? "  " : "");
                }
                out.append(line.toString().stripTrailing()).append('\n');
                if (i == 0) {
                    out.append("  ").append("-".repeat(line.length() - 2)).append('\n');
                }
            }
            return out.toString();
        }
    }
}
