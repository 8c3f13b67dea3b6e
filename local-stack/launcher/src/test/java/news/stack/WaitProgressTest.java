package news.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WaitProgressTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void saysWhatItWaitsForAndForHowLongOncePerPeriod() {
        long twelveSecondsAgo = System.nanoTime() - 12_000_000_000L;
        WaitProgress progress = new WaitProgress("kafka", "ready at 127.0.0.1:9092", print, twelveSecondsAgo);

        progress.stillWaiting();
        progress.stillWaiting(); // within the same period: nothing more

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("  waiting for kafka: ready at 127.0.0.1:9092 (12 s)\n");
    }

    @Test
    void staysQuietDuringTheFirstPeriodAndReportsWhenReady() {
        WaitProgress progress = new WaitProgress("ingest-service", "health UP", print, System.nanoTime());

        progress.stillWaiting();
        progress.ready();

        assertThat(out.toString(StandardCharsets.UTF_8)).matches("  ingest-service ready after 0\\.\\d s\\n");
    }
}
