package news.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real child JVM under the watchdog ends when its parent's pipe closes: no orphan servers. */
class WatchdogTest {

    /** Stands in for a server: runs until the JVM is told to exit. */
    public static final class ForeverServer {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("serving " + String.join(",", args));
            new java.util.concurrent.CountDownLatch(1).await(5, TimeUnit.MINUTES);
        }
    }

    @Test
    void theServerExitsWhenTheParentsPipeCloses() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Watchdog.class.getName(),
                ForeverServer.class.getName(), "a", "b")
                .redirectErrorStream(true)
                .start();
        assertThat(new String(child.getInputStream().readNBytes("serving a,b".length()))).isEqualTo("serving a,b");
        assertThat(child.isAlive()).isTrue();

        child.getOutputStream().close(); // what the OS does when the launcher dies, however it dies

        assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("exited after the pipe closed").isTrue();
        assertThat(child.exitValue()).isZero();
    }

    @Test
    void aDetachedServerIgnoresItsStandardInput() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstack.watch-parent=false", "-cp", System.getProperty("java.class.path"), Watchdog.class.getName(),
                ForeverServer.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(new String(child.getInputStream().readNBytes("serving ".length()))).isEqualTo("serving ");
            child.getOutputStream().close();

            assertThat(child.waitFor(3, TimeUnit.SECONDS)).as("still running without a parent pipe").isFalse();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
