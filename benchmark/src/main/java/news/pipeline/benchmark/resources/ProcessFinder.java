package news.pipeline.benchmark.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the local stack's server processes: from the launcher's state file
 * ({@code <data dir>/stack.state}: {@code name pid url} per line) when it names a live process of
 * that server, else by scanning {@code /proc/*}{@code /cmdline} for {@code -Dstack.server=<name>},
 * which the launcher puts on every server's command line.
 */
public final class ProcessFinder {

    public static final List<String> STACK_SERVERS = List.of("kafka", "schema-registry", "elasticsearch");

    private ProcessFinder() {
    }

    public static Optional<Long> stackServer(Path stateFile, String name) {
        Optional<Long> fromState = fromStateFile(stateFile, name).filter(pid -> commandLineHas(pid, marker(name)));
        return fromState.isPresent() ? fromState : scan(marker(name));
    }

    static String marker(String name) {
        return "-Dstack.server=" + name;
    }

    static Optional<Long> fromStateFile(Path stateFile, String name) {
        try (Stream<String> lines = Files.lines(stateFile)) {
            return lines.map(l -> l.trim().split("\\s+"))
                    .filter(f -> f.length >= 2 && f[0].equals(name))
                    .map(f -> Long.parseLong(f[1]))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> scan(String marker) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(pid -> commandLineHas(pid, marker))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** /proc/<pid>/cmdline separates arguments with NUL; an argument equal to the marker counts. */
    static boolean commandLineHas(long pid, String marker) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            for (String arg : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                if (arg.equals(marker)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
