package news.pipeline.enrich.reenrich;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import news.pipeline.enrich.CommandLine;
import news.pipeline.enrich.CommandLine.UsageException;
import news.pipeline.enrich.config.EnrichProperties;
import news.pipeline.support.kafka.PipelineTopics;
import news.pipeline.support.registry.SchemaRegistrySettings;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code bin/reenrich}: re-enrichment of the whole archive by the running enrich-service ({@link Reenrichment}).
 * Reads enrich-service's own configuration (application.yml, pipeline.yml, the same environment variables), so it
 * talks to the same topics, registry and groups without settings of its own.
 */
public final class ReenrichCommand {

    static final String USAGE = """
            Usage: bin/reenrich [--dry-run] [--restart] [--max-articles N] [--no-wait] [--stall-timeout DURATION]
                                [--group NAME]
            Re-runs the current enricher over every article the pipeline holds, without downtime for readers.
            Run it after enrich-service was restarted with new word lists (ENRICH_CATEGORIES_LOCATION) or a
            new version: the articles already indexed get the new categories, related links and audio metadata.
            It reads the compacted enriched topic (every article's latest record; kills are skipped), sends each
            article's raw fields back to the raw topic with the next enrichment revision, and waits while
            enrich-service re-enriches them. publish-service replaces each document in place; an older enrichment
            never overwrites a newer one, and an article updated meanwhile keeps its update.
              --dry-run              count what would be sent; send and commit nothing
              --restart              forget an unfinished run and start from the beginning
              --max-articles N       stop after sending N articles; the next invocation goes on from there
              --no-wait              do not wait for enrich-service to process what was sent
              --stall-timeout D      give up waiting when enrich-service makes no progress for D (default 5m)
              --group NAME           consumer group holding the run's progress (default enrich-reenrich)
              -h, --help             this text
            Settings are enrich-service's: KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, PIPELINE_TOPICS_RAW,
            PIPELINE_TOPICS_ENRICHED, ENRICH_GROUP (the group whose progress it waits for).
            A crash or Ctrl-C loses nothing: run it again and it resumes the unfinished run.
            Exit codes: 0 done, 1 failed (broker or registry unreachable, topic missing, enrich-service stalled),
            2 usage error, 3 stopped after --max-articles (run it again to go on).
            """;

    /** The command line. */
    record Options(boolean dryRun, boolean restart, long maxArticles, boolean awaitEnrich, Duration stallTimeout, String group) {

        static Options parse(String... args) {
            boolean dryRun = false, restart = false, wait = true;
            long maxArticles = 0;
            Duration stall = Duration.ofMinutes(5);
            String group = "enrich-reenrich";
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--dry-run" -> dryRun = true;
                    case "--restart" -> restart = true;
                    case "--no-wait" -> wait = false;
                    case "--max-articles" -> {
                        String value = CommandLine.value(args, ++i, arg);
                        try {
                            maxArticles = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            maxArticles = -1;
                        }
                        if (maxArticles <= 0) {
                            throw new UsageException("--max-articles takes a positive whole number, got " + value);
                        }
                    }
                    case "--stall-timeout" -> {
                        String value = CommandLine.value(args, ++i, arg);
                        try {
                            stall = DurationStyle.detectAndParse(value);
                        } catch (IllegalArgumentException | DateTimeParseException e) {
                            throw new UsageException("--stall-timeout takes a duration such as 90s or 10m, got " + value);
                        }
                    }
                    case "--group" -> group = CommandLine.value(args, ++i, arg);
                    default -> throw new UsageException("unknown option " + arg);
                }
            }
            return new Options(dryRun, restart, maxArticles, wait && !dryRun, stall, group);
        }
    }

    /** The configuration enrich-service binds, without anything it starts. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({PipelineTopics.class, SchemaRegistrySettings.class, KafkaProperties.class,
            EnrichProperties.class})
    static class Settings {
    }

    private ReenrichCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (CommandLine.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            return CommandLine.usageError(err, "reenrich", e);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                // as arguments: above application.yml's levels; the Kafka clients' warnings are about their own plumbing
                .run("--logging.level.root=WARN", "--logging.level.org.apache.kafka=ERROR",
                        // its failure is reported below in one line, not as Spring's stack trace
                        "--logging.level.org.springframework.boot.SpringApplication=OFF")) {
            PipelineTopics topics = context.getBean(PipelineTopics.class);
            EnrichProperties enrich = context.getBean(EnrichProperties.class);
            KafkaProperties kafka = context.getBean(KafkaProperties.class);
            Reenrichment job = new Reenrichment(new Reenrichment.Settings(kafka.buildConsumerProperties(),
                    kafka.buildProducerProperties(), kafka.buildAdminProperties(),
                    context.getBean(SchemaRegistrySettings.class).config(), topics.enrichedArticles(),
                    topics.rawArticles(), options.group(), enrich.consumerGroup(), options.maxArticles(),
                    options.dryRun(), options.restart()));
            return run(job, options, out, err);
        } catch (RuntimeException e) {
            err.println("reenrich: " + rootMessage(e));
            return 1;
        }
    }

    static int run(Reenrichment job, Options options, PrintStream out, PrintStream err) {
        Progress progress = new Progress(err, System.console() != null && System.console().isTerminal());
        Reenrichment.Outcome outcome = job.run(progress);
        progress.finish();
        out.printf("%s%s: %d records read, %d articles in the run, %d %s, %d killed skipped%s%s%n",
                options.dryRun() ? "dry run" : "re-enrichment", outcome.resumed() ? " (resumed)" : "", outcome.records(),
                outcome.articles(), outcome.sent(), options.dryRun() ? "would be sent" : "sent for re-enrichment",
                outcome.killed(), outcome.atLimit() > 0 ? ", " + outcome.atLimit() + " skipped (no revision left)" : "",
                outcome.undecodable() > 0 ? ", " + outcome.undecodable() + " undecodable skipped (logged)" : "");
        if (!outcome.complete()) {
            out.println("stopped after --max-articles " + options.maxArticles() + ": run it again to go on");
            return 3;
        }
        if (options.awaitEnrich() && outcome.sent() > 0) {
            return awaitEnrich(job, outcome, options, progress, out, err);
        }
        return 0;
    }

    /** Follows enrich-service's group over what was sent, until it has consumed all of it. */
    private static int awaitEnrich(Reenrichment job, Reenrichment.Outcome outcome, Options options, Progress progress,
            PrintStream out, PrintStream err) {
        long total = outcome.sentUpTo().isEmpty() ? 0 : outcome.sent();
        try (Admin admin = Admin.create(job.adminConfig())) {
            progress.phase("enriching", total);
            long remaining = job.remaining(admin, outcome.sentUpTo());
            long lastMove = System.nanoTime();
            while (remaining > 0) {
                sleep(Duration.ofMillis(500));
                long now = job.remaining(admin, outcome.sentUpTo());
                if (now < remaining) {
                    lastMove = System.nanoTime();
                }
                remaining = now;
                progress.progress(Math.max(0, total - remaining));
                if (System.nanoTime() - lastMove > options.stallTimeout().toNanos()) {
                    progress.finish();
                    err.println("reenrich: enrich-service (group " + job.enrichGroup() + ") has consumed nothing for "
                            + options.stallTimeout().toSeconds() + " s with " + remaining
                            + " records left: is it running? What was sent stays on the raw topic and is enriched when it runs");
                    return 1;
                }
            }
            progress.finish();
        }
        out.println("enrich-service has consumed every article sent; publish-service replaces the documents as they come");
        return 0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
