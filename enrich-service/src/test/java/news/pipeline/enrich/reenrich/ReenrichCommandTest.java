package news.pipeline.enrich.reenrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReenrichCommandTest {

    @Test
    void readsEveryOption() {
        var options = ReenrichCommand.Options.parse("--max-articles", "500", "--stall-timeout", "90s", "--group", "g",
                "--restart");
        assertThat(options.maxArticles()).isEqualTo(500);
        assertThat(options.stallTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.group()).isEqualTo("g");
        assertThat(options.restart()).isTrue();
        assertThat(options.awaitEnrich()).isTrue();
        assertThat(ReenrichCommand.Options.parse("--dry-run").awaitEnrich()).as("a dry run sends nothing to wait for")
                .isFalse();
        assertThat(ReenrichCommand.Options.parse("--no-wait").awaitEnrich()).isFalse();
    }

    @Test
    void aWrongCommandLineIsOneLineAndExitCodeTwoBeforeAnythingStarts() {
        assertThatThrownBy(() -> ReenrichCommand.Options.parse("--max-articles", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ReenrichCommand.Options.parse("--stall-timeout", "soon")).hasMessageContaining("duration");
        assertThatThrownBy(() -> ReenrichCommand.Options.parse("--group")).hasMessageContaining("needs a value");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReenrichCommand.run(new String[] {"--bogus"}, new PrintStream(out), new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("reenrich: unknown option --bogus (bin/reenrich --help)\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void helpIsTheUsageAndExitCodeZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ReenrichCommand.run(new String[] {"--dry-run", "--help"}, new PrintStream(out), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: bin/reenrich").contains("Exit codes");
    }

    @Test
    void theProgressLineShowsShareCountRateAndTimeLeft() {
        assertThat(Progress.line("sending", 250, 1000, Duration.ofSeconds(5).toNanos()))
                .isEqualTo("sending   [######..................]  25%  250/1000  50/s  ETA 0:15");
        assertThat(Progress.line("sending", 1000, 1000, Duration.ofSeconds(20).toNanos()))
                .isEqualTo("sending   [########################] 100%  1000/1000  50/s  in 0:20");
        assertThat(Progress.line("scanning", 0, 0, 0)).isEqualTo("scanning  0  0/s");
    }
}
