package news.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One server of the local stack: how to start it and how to tell it is ready.
 *
 * @param name         short name used in logs and the state file
 * @param url          what clients connect to, printed when ready
 * @param distribution the directory Maven builds the server into; it is copied into the data
 *                     directory at each start, so a rebuild never changes jars under a running server
 * @param jvmArgs      JVM options (heap, system properties)
 * @param classpath    classpath entries inside the copied distribution, after the watchdog's entry
 * @param mainClass    the server's real main class
 * @param args         program arguments
 * @param readiness    probe that answers true once clients can use the server
 * @param startTimeout how long to wait for readiness before giving up
 */
record Server(
        String name,
        String url,
        Path distribution,
        List<String> jvmArgs,
        List<String> classpath,
        String mainClass,
        List<String> args,
        ReadinessProbe readiness,
        Duration startTimeout) {

    @FunctionalInterface
    interface ReadinessProbe {
        boolean isReady(Path logFile);
    }
}
