package news.pipeline.enrich.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import news.pipeline.enrich.CommandLine;
import news.pipeline.enrich.CommandLine.UsageException;
import news.pipeline.enrich.category.CategorySettings;

/**
 * {@code bin/evaluate-enrichment}: the whole enricher over the labelled sets, a report written beside them
 * ({@code REPORT.md} for people, {@code report.json} for the test that holds the figures).
 */
public final class EvaluateCommand {

    static final String USAGE = """
            Usage: bin/evaluate-enrichment [--categories LOCATION] [--sets DIR] [--set NAME]... [--out DIR] [--seed N]
            Runs the whole enricher (word lists, similar articles) over the labelled evaluation sets and writes
            a report: top-1 top-level accuracy per set with its 95 % interval, per language and per topic, and
            the confusion pairs. Run it after changing a word list (and before re-enriching the archive with it).
              --categories LOCATION  word lists to evaluate, as enrich-service's ENRICH_CATEGORIES_LOCATION
                                     (default classpath:categories/, the ones built in)
              --sets DIR             the sets (default enrich-service/src/test/resources/evaluation)
              --set NAME             only this set (repeatable): blind-articles, heldout-blind, heldout, tune
              --out DIR              where REPORT.md and report.json go (default enrich-service/evaluation;
                                     "-" prints the report instead)
              --seed N               the order articles are enriched in (default 42)
              -h, --help             this text
            Exit codes: 0 done, 1 failed (a set unreadable), 2 usage error.
            """;

    /** The sets' names, most telling first. */
    static final List<String> SETS = List.of("blind-articles", "heldout-blind", "heldout", "tune");

    /** One set of the directory, by name. */
    static Evaluation.LabelledSet set(Path dir, String name) {
        return switch (name) {
            case "blind-articles" -> Evaluation.jsonLines(name, "204 whole articles (vi, en; 6 per topic and language), "
                    + "written before the word lists' coverage work and never tuned on", dir.resolve("blind"));
            case "heldout-blind" -> Evaluation.tsv(name, "headline + lead, written after the first word lists were "
                    + "frozen, in wording chosen without them; never tuned on", dir.resolve("heldout-blind.tsv"));
            case "heldout" -> Evaluation.tsv(name, "headline + lead, written with the first word lists by their author; "
                    + "not tuned on, but close to their vocabulary", dir.resolve("heldout.tsv"));
            case "tune" -> Evaluation.tsv(name, "headline + lead the word lists are tuned against", dir.resolve("tune.tsv"));
            default -> throw new IllegalArgumentException("no set " + name + " (sets: " + String.join(", ", SETS) + ")");
        };
    }

    static final String COMMAND = "bin/evaluate-enrichment";

    private EvaluateCommand() {
    }

    public static void main(String[] args) {
        // outside Spring, logback's default would print every INFO line to stdout, into a report printed there
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (CommandLine.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        String categories = "classpath:categories/";
        Path sets = Path.of("enrich-service/src/test/resources/evaluation");
        String outDir = "enrich-service/evaluation";
        long seed = 42;
        List<String> only = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--categories" -> categories = CommandLine.value(args, ++i, "--categories");
                    case "--sets" -> {
                        String value = CommandLine.value(args, ++i, "--sets");
                        try {
                            sets = Path.of(value);
                        } catch (java.nio.file.InvalidPathException e) {
                            throw new UsageException("--sets takes a directory, got " + value);
                        }
                    }
                    case "--out" -> outDir = CommandLine.value(args, ++i, "--out");
                    case "--set" -> {
                        String name = CommandLine.value(args, ++i, "--set");
                        if (!SETS.contains(name)) {
                            throw new UsageException("no set " + name + " (sets: " + String.join(", ", SETS) + ")");
                        }
                        only.add(name);
                    }
                    case "--seed" -> {
                        String value = CommandLine.value(args, ++i, "--seed");
                        try {
                            seed = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new UsageException("--seed takes a whole number, got " + value);
                        }
                    }
                    default -> throw new UsageException("unknown option " + args[i]);
                }
            }
        } catch (UsageException e) {
            return CommandLine.usageError(err, "evaluate-enrichment", e);
        }
        try {
            EvaluationReport report = evaluate(categories, sets, only, seed, out);
            if (outDir.equals("-")) {
                out.print(report.markdown());
            } else {
                Path dir = Path.of(outDir);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("REPORT.md"), report.markdown(), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("report.json"), report.json(), StandardCharsets.UTF_8);
                out.println("wrote " + dir.resolve("REPORT.md") + " and " + dir.resolve("report.json"));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("evaluate-enrichment: " + e.getMessage());
            return 1;
        }
    }

    /** Runs every set, printing one line per set as it is done. */
    public static EvaluationReport evaluate(String categories, Path sets, List<String> only, long seed,
            PrintStream progress) {
        Evaluation evaluation = new Evaluation(categories, CategorySettings.defaults(), seed);
        List<Evaluation.LabelledSet> chosen = SETS.stream().filter(name -> only.isEmpty() || only.contains(name))
                .map(name -> set(sets, name)).toList();
        List<Evaluation.SetResult> results = chosen.stream().map(set -> {
            Evaluation.SetResult r = evaluation.run(set);
            progress.printf(Locale.ROOT, "%-15s %4d articles  top-1 %.3f (95 %% %.3f–%.3f)  no category %d%n", r.name(),
                    r.items(), r.accuracy(), r.interval95()[0], r.interval95()[1], r.none());
            return r;
        }).toList();
        return new EvaluationReport(results, evaluation.data(), COMMAND, categories, seed);
    }
}
