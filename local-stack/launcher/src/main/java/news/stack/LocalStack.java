package news.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The local stack: a Kafka broker (KRaft), a Confluent-compatible schema registry (Apicurio) and an
 * Elasticsearch node, each a real server in its own JVM, all on 127.0.0.1.
 *
 * <p>Command line: {@code up} starts everything and runs until Ctrl-C; {@code start} starts it
 * detached and returns once every server is ready; {@code stop} stops a detached or foreground
 * stack; {@code status} reports what is running (exit 0 when everything runs, 3 when not);
 * {@code --help} prints {@code stack-usage.txt}. A wrong command line is one line on stderr and
 * exit 2. The same class is used by the JUnit extension.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackConfig config;
    private final List<RunningServer> servers;

    private LocalStack(StackConfig config, List<RunningServer> servers) {
        this.config = config;
        this.servers = servers;
    }

    public Endpoints endpoints() {
        return config.endpoints();
    }

    public List<RunningServer> servers() {
        return servers;
    }

    /** True when every server of this configuration answers its readiness probe (a stack someone else started). */
    public static boolean isRunning(StackConfig config) {
        return StackServers.all(config).stream()
                .allMatch(server -> server.readiness().isReady(config.dataDir().resolve("logs").resolve(server.name() + ".log")));
    }

    /**
     * Starts the three servers in parallel and waits until each is ready.
     *
     * @param watchParent when true, each server exits as soon as this JVM exits (foreground and tests);
     *                    when false, the servers keep running after this JVM exits (detached start)
     */
    public static LocalStack start(StackConfig config, boolean watchParent) {
        List<Server> definitions = StackServers.all(config);
        checkPrerequisites(config, definitions);
        Path logs = config.dataDir().resolve("logs");
        createDirectories(logs);
        Path launcherCopy = snapshot(RepoLayout.codeLocation(), config.dataDir().resolve("dist/launcher"));

        List<RunningServer> started = new ArrayList<>();
        LocalStack stack = new LocalStack(config, started);
        try {
            for (Server server : definitions) {
                Path distribution = snapshot(server.distribution(), config.dataDir().resolve("dist").resolve(server.name()));
                started.add(spawn(launcherCopy, distribution, server, logs.resolve(server.name() + ".log"), watchParent));
            }
            writeState(config, started);
            for (RunningServer server : started) {
                awaitReady(server);
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static void checkPrerequisites(StackConfig config, List<Server> definitions) {
        for (Server server : definitions) {
            if (!Files.isDirectory(server.distribution())) {
                throw new IllegalStateException(server.name() + " is not built (" + server.distribution()
                        + " is missing): run ./mvnw -q -DskipTests package -pl local-stack/" + moduleOf(server) + " -am");
            }
        }
        int[] ports = {config.kafkaPort(), config.kafkaControllerPort(), config.registryPort(),
                config.elasticsearchHttpPort(), config.elasticsearchTransportPort()};
        for (int port : ports) {
            if (Probes.tcpOpen(config.host(), port)) {
                throw new IllegalStateException("Port " + port + " on " + config.host()
                        + " is already in use: is a stack already running? (bin/stack status)");
            }
        }
    }

    private static String moduleOf(Server server) {
        return switch (server.name()) {
            case "kafka" -> "kafka-broker";
            case "schema-registry" -> "schema-registry";
            default -> "elasticsearch-node";
        };
    }

    private static RunningServer spawn(Path launcher, Path distribution, Server server, Path logFile,
            boolean watchParent) {
        Process process = JavaProcess.of(server.mainClass())
                .launcher(launcher)
                .classpath(server.classpath().stream().map(entry -> distribution.resolve(entry).toString())
                        .toArray(String[]::new))
                .jvmArgs(server.jvmArgs())
                .jvmArgs("-Dstack.server=" + server.name())
                .args(server.args())
                .logTo(logFile, false)
                .detached(!watchParent)
                .start();
        return new RunningServer(server, process.toHandle(), logFile);
    }

    /**
     * Copies a built distribution (a directory, or the launcher's jar) into the data directory, so the
     * server runs from files a later Maven build cannot rewrite under it.
     */
    static Path snapshot(Path source, Path target) {
        try {
            if (Files.isDirectory(target)) {
                deleteRecursively(target);
            }
            if (Files.isRegularFile(source)) {
                Files.createDirectories(target);
                return Files.copy(source, target.resolve(source.getFileName()));
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    private static void awaitReady(RunningServer server) {
        Server definition = server.server();
        WaitProgress progress = WaitProgress.toStdout(server.name(), "ready at " + server.url() + " (log "
                + server.logFile() + ")", System.nanoTime() - server.elapsed().toNanos());
        while (!definition.readiness().isReady(server.logFile())) {
            progress.stillWaiting();
            if (!server.isAlive()) {
                throw new IllegalStateException(server.name() + " exited before it was ready. Last lines of "
                        + server.logFile() + ":\n" + server.logTail(30));
            }
            if (server.elapsed().compareTo(definition.startTimeout()) > 0) {
                throw new IllegalStateException(server.name() + " was not ready after " + definition.startTimeout()
                        .toSeconds() + " s. Last lines of " + server.logFile() + ":\n" + server.logTail(30));
            }
            sleep(200);
        }
        server.markReady();
        progress.ready();
    }

    /** Stops every server (SIGTERM, then SIGKILL after a grace period) and forgets the state file. */
    @Override
    public void close() {
        servers.parallelStream().forEach(server -> server.stop(STOP_GRACE));
        try {
            Files.deleteIfExists(config.stateFile());
        } catch (IOException ignored) {
            // a stale state file is checked against live processes anyway
        }
    }

    public String report() {
        StringBuilder out = new StringBuilder();
        for (RunningServer server : servers) {
            out.append(String.format(Locale.ROOT, "  %-16s ready in %5.1f s  RSS %4d MB  pid %d  %s%n",
                    server.name(), server.readyAfter() == null ? Double.NaN : server.readyAfter().toMillis() / 1000.0,
                    server.residentMegabytes(), server.pid(), server.url()));
        }
        return out.toString();
    }

    // ---- state file: lets `stop` and `status` find a stack started by another process ----

    private static void writeState(StackConfig config, List<RunningServer> servers) {
        StringBuilder state = new StringBuilder();
        servers.forEach(s -> state.append(s.name()).append(' ').append(s.pid()).append(' ').append(s.url()).append('\n'));
        try {
            Files.writeString(config.stateFile(), state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> readState(StackConfig config) {
        try (Stream<String> lines = Files.lines(config.stateFile())) {
            return lines.filter(l -> !l.isBlank()).map(l -> l.split(" ", 3)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Processes of the state file that are still ours (the pid runs our watchdog, not a recycled pid). */
    private static List<ProcessHandle> liveServers(StackConfig config) {
        return readState(config).stream()
                .flatMap(entry -> ProcessHandle.of(Long.parseLong(entry[1])).stream())
                .filter(LocalStack::isOurs)
                .toList();
    }

    private static boolean isOurs(ProcessHandle process) {
        return process.isAlive()
                && process.info().commandLine().map(c -> c.contains(Watchdog.class.getName())).orElse(false);
    }

    static boolean stopRecorded(StackConfig config) {
        List<ProcessHandle> live = liveServers(config);
        live.parallelStream().forEach(p -> RunningServer.stop(p, STOP_GRACE));
        try {
            Files.deleteIfExists(config.stateFile());
        } catch (IOException ignored) {
            // nothing else to clean
        }
        return !live.isEmpty();
    }

    // ---- command line ----

    static final String USAGE_LINE = "usage: bin/stack [up|start|stop|status] [--fresh]; bin/stack --help";

    /** Exit code of {@code status} when the stack is not running (as LSB's "program is not running"). */
    static final int NOT_RUNNING = 3;

    /** A parsed command line: {@code up}, {@code start}, {@code stop}, {@code status} or {@code help}. */
    record Invocation(String command, boolean fresh) {

        private static final List<String> COMMANDS = List.of("up", "start", "stop", "status", "help");

        /** Parses the arguments; a wrong command line is an {@link IllegalArgumentException} with one line. */
        static Invocation parse(List<String> args) {
            if (args.contains("-h") || args.contains("--help")) {
                return new Invocation("help", false);
            }
            String command = null;
            boolean fresh = false;
            for (String arg : args) {
                if (arg.equals("--fresh")) {
                    fresh = true;
                } else if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else if (!COMMANDS.contains(arg)) {
                    throw new IllegalArgumentException("unknown command " + arg);
                } else if (command != null) {
                    throw new IllegalArgumentException("one command at a time, got " + command + " and " + arg);
                } else {
                    command = arg;
                }
            }
            if (command == null) {
                command = "up";
            }
            if (fresh && !command.equals("up") && !command.equals("start")) {
                throw new IllegalArgumentException("--fresh goes with up or start, not " + command);
            }
            return new Invocation(command, fresh);
        }
    }

    /** The text of {@code bin/stack --help} (the script prints the same file without building anything). */
    static String usage() {
        try (var in = LocalStack.class.getResourceAsStream("stack-usage.txt")) {
            if (in == null) {
                return USAGE_LINE + "\n";
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Invocation invocation;
        try {
            invocation = Invocation.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("stack: " + e.getMessage() + " (" + USAGE_LINE + ")");
            System.exit(2);
            return;
        }
        if (invocation.command().equals("help")) {
            System.out.print(usage());
            return;
        }
        StackConfig config = StackConfig.fromEnvironment();
        try {
            switch (invocation.command()) {
                case "up" -> up(config, invocation.fresh());
                case "start" -> startDetached(config, invocation.fresh());
                case "stop" -> System.out.println(stopRecorded(config) ? "local stack stopped" : "no local stack was running");
                default -> System.exit(status(config));
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            // failures the launcher explains itself (port in use, a server that did not come up, ...)
            System.err.println("stack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(StackConfig config, boolean fresh) throws InterruptedException {
        prepareDataDir(config, fresh);
        System.out.println("Starting the local stack (data in " + config.dataDir() + ") ...");
        LocalStack stack = start(config, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack ...");
            stack.close();
            stopped.countDown();
        }, "stack-shutdown"));
        System.out.println("Local stack ready:\n" + stack.report() + "\n" + stack.endpoints().describe()
                + "\nLogs: " + config.dataDir().resolve("logs") + "\nPress Ctrl-C to stop (or run: bin/stack stop).");
        // Runs until Ctrl-C, or until `stack stop` from another terminal ends the servers.
        while (stack.servers().stream().anyMatch(RunningServer::isAlive)) {
            sleep(500);
        }
        if (stopped.getCount() > 0) {
            System.out.println("The servers have stopped.");
            System.exit(0);
        }
    }

    private static void startDetached(StackConfig config, boolean fresh) {
        prepareDataDir(config, fresh);
        if (!liveServers(config).isEmpty()) {
            System.out.println("A local stack is already running:");
            status(config);
            return;
        }
        LocalStack stack = start(config, false);
        System.out.println("Local stack started in the background:\n" + stack.report() + "\n" + stack.endpoints().describe()
                + "\nStop it with: bin/stack stop");
    }

    /**
     * Prints each recorded server and returns 0 when every one of them runs, {@link #NOT_RUNNING} when
     * nothing is recorded or a recorded server is gone.
     */
    static int status(StackConfig config) {
        List<String[]> state = readState(config);
        if (state.isEmpty()) {
            System.out.println("no local stack recorded in " + config.dataDir());
            return NOT_RUNNING;
        }
        int gone = 0;
        for (String[] entry : state) {
            long pid = Long.parseLong(entry[1]);
            boolean alive = ProcessHandle.of(pid).filter(LocalStack::isOurs).isPresent();
            if (!alive) {
                gone++;
            }
            System.out.printf(Locale.ROOT, "  %-16s pid %-7d %-8s RSS %4d MB  %s%n", entry[0], pid,
                    alive ? "running" : "gone", alive ? RunningServer.residentMegabytes(pid) : 0, entry[2]);
        }
        if (gone > 0) {
            System.out.println(gone + " of " + state.size() + " server(s) gone: the local stack is not running"
                    + " (bin/stack stop, then bin/stack start)");
            return NOT_RUNNING;
        }
        return 0;
    }

    private static void prepareDataDir(StackConfig config, boolean fresh) {
        if (fresh && Files.isDirectory(config.dataDir())) {
            if (!liveServers(config).isEmpty()) {
                throw new IllegalStateException("cannot use --fresh while the stack is running: bin/stack stop first");
            }
            deleteRecursively(config.dataDir());
        }
        createDirectories(config.dataDir());
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the local stack", e);
        }
    }
}
