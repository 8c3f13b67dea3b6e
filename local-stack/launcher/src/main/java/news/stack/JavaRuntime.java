package news.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Picks the {@code java} that runs the servers. Elasticsearch 9 needs Java 21+, so: this JVM if it
 * is recent enough, else {@code STACK_JAVA_HOME} or {@code JAVA_HOME}, else the newest JDK found in
 * {@code /usr/lib/jvm}.
 */
final class JavaRuntime {

    static final int MINIMUM_FEATURE = 21;
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private JavaRuntime() {
    }

    static Path javaExecutable() {
        if (Runtime.version().feature() >= MINIMUM_FEATURE) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        for (String variable : new String[] {"STACK_JAVA_HOME", "JAVA_HOME"}) {
            String home = System.getenv(variable);
            if (home != null && featureOf(Path.of(home)).orElse(0) >= MINIMUM_FEATURE) {
                return Path.of(home, "bin", "java");
            }
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> featureOf(jdk).orElse(0) >= MINIMUM_FEATURE)
                    .max(Comparator.comparing(jdk -> featureOf(jdk).orElse(0)))
                    .map(jdk -> jdk.resolve("bin/java"))
                    .orElseThrow(JavaRuntime::noJdk);
        } catch (IOException e) {
            throw noJdk();
        }
    }

    private static Optional<Integer> featureOf(Path javaHome) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static IllegalStateException noJdk() {
        return new IllegalStateException("No JDK " + MINIMUM_FEATURE + "+ found: set STACK_JAVA_HOME or JAVA_HOME to a JDK 25");
    }
}
