package news.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way this project starts a JVM of its own: the stack's servers, the pipeline's services and
 * the servers tests stop and restart. Each runs its main class under the {@link Watchdog} (the
 * launcher's classes go first on the classpath) with a JDK from {@link JavaRuntime}, its output in a
 * log file; unless detached, it ends when the process that started it ends.
 */
public final class JavaProcess {

    private final String mainClass;
    private final List<String> classpath = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path launcher = RepoLayout.codeLocation();
    private Path log;
    private boolean appendLog;
    private boolean detached;

    private JavaProcess(String mainClass) {
        this.mainClass = mainClass;
    }

    /** A JVM that will run {@code mainClass}. */
    public static JavaProcess of(String mainClass) {
        return new JavaProcess(mainClass);
    }

    /** Where the launcher's classes (the watchdog) are taken from: a copy a rebuild cannot rewrite, for long-lived servers. */
    public JavaProcess launcher(Path location) {
        this.launcher = location;
        return this;
    }

    /** Classpath entries after the launcher's own (directories, jars, or {@code dir/*}). */
    public JavaProcess classpath(String... entries) {
        classpath.addAll(List.of(entries));
        return this;
    }

    public JavaProcess jvmArgs(List<String> values) {
        jvmArgs.addAll(values);
        return this;
    }

    public JavaProcess jvmArgs(String... values) {
        return jvmArgs(List.of(values));
    }

    public JavaProcess args(List<String> values) {
        args.addAll(values);
        return this;
    }

    public JavaProcess args(String... values) {
        return args(List.of(values));
    }

    public JavaProcess environment(Map<String, String> values) {
        environment.putAll(values);
        return this;
    }

    /** Standard output and error go to {@code file}, replaced or appended to. */
    public JavaProcess logTo(Path file, boolean append) {
        this.log = file;
        this.appendLog = append;
        return this;
    }

    /** Outlives this JVM (a stack started by {@code bin/stack start}); by default it ends with it. */
    public JavaProcess detached(boolean value) {
        this.detached = value;
        return this;
    }

    /** The command line it will run. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(JavaRuntime.javaExecutable().toString());
        command.addAll(jvmArgs);
        command.add("-Dstack.watch-parent=" + !detached);
        command.add("-cp");
        List<String> entries = new ArrayList<>();
        entries.add(launcher.toString());
        entries.addAll(classpath);
        command.add(String.join(File.pathSeparator, entries));
        command.add(Watchdog.class.getName());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public Process start() {
        if (log == null) {
            throw new IllegalStateException("no log file for " + mainClass);
        }
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        if (detached) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        } // else stdin stays a pipe from this JVM: the watchdog ends the child when it closes
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass + ": " + e.getMessage(), e);
        }
    }
}
