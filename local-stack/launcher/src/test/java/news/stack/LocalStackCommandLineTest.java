package news.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import news.stack.LocalStack.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackCommandLineTest {

    @TempDir
    Path dataDir;

    @Test
    void commandsAndFresh() {
        assertThat(Invocation.parse(List.of())).isEqualTo(new Invocation("up", false));
        assertThat(Invocation.parse(List.of("--fresh"))).isEqualTo(new Invocation("up", true));
        assertThat(Invocation.parse(List.of("start", "--fresh"))).isEqualTo(new Invocation("start", true));
        assertThat(Invocation.parse(List.of("status"))).isEqualTo(new Invocation("status", false));
        assertThat(Invocation.parse(List.of("stop"))).isEqualTo(new Invocation("stop", false));
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(Invocation.parse(List.of("help"))).isEqualTo(new Invocation("help", false));
        assertThat(Invocation.parse(List.of("-h"))).isEqualTo(new Invocation("help", false));
        assertThat(Invocation.parse(List.of("start", "--bogus", "--help"))).isEqualTo(new Invocation("help", false));
    }

    @Test
    void wrongCommandLinesAreOneLineErrors() {
        assertThatThrownBy(() -> Invocation.parse(List.of("restart")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown command restart");
        assertThatThrownBy(() -> Invocation.parse(List.of("start", "--frsh")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option --frsh");
        assertThatThrownBy(() -> Invocation.parse(List.of("start", "stop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("one command at a time, got start and stop");
        assertThatThrownBy(() -> Invocation.parse(List.of("status", "--fresh")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--fresh goes with up or start, not status");
    }

    @Test
    void theUsageListsEveryCommandAndTheStatusExitCode() {
        String usage = LocalStack.usage();

        assertThat(usage).startsWith("usage: bin/stack [up|start|stop|status] [--fresh]")
                .contains("  up [--fresh]", "  start [--fresh]", "  stop ", "  status ", "STACK_DATA_DIR",
                        "3 when\n                    the stack is not running");
    }

    @Test
    void statusIsNotRunningWithoutAStateFileOrWhenARecordedServerIsGone() throws IOException {
        StackConfig config = StackConfig.fromEnvironment(Map.of("STACK_DATA_DIR", dataDir.toString()));

        assertThat(quietly(() -> LocalStack.status(config))).isEqualTo(LocalStack.NOT_RUNNING);

        // this test JVM is alive but is not one of our servers (no watchdog): recorded servers are gone
        long notAServer = ProcessHandle.current().pid();
        Files.writeString(config.stateFile(), "kafka " + notAServer + " 127.0.0.1:9092\n"
                + "schema-registry 2147483646 http://127.0.0.1:8081\n");
        StringBuilder out = new StringBuilder();
        assertThat(quietly(() -> LocalStack.status(config), out)).isEqualTo(LocalStack.NOT_RUNNING);
        assertThat(out.toString()).contains("kafka", "gone", "2 of 2 server(s) gone");
    }

    private static int quietly(java.util.function.IntSupplier body) {
        return quietly(body, new StringBuilder());
    }

    private static int quietly(java.util.function.IntSupplier body, StringBuilder captured) {
        PrintStream previous = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return body.getAsInt();
        } finally {
            System.setOut(previous);
            captured.append(out.toString(StandardCharsets.UTF_8));
        }
    }
}
