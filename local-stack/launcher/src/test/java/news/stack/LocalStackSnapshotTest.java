package news.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackSnapshotTest {

    @TempDir
    Path tmp;

    @Test
    void copiesADistributionSoARebuildCannotChangeItUnderARunningServer() throws Exception {
        Path built = Files.createDirectories(tmp.resolve("target/dist/lib"));
        Files.writeString(built.resolve("server.jar"), "v1");
        Path copy = LocalStack.snapshot(tmp.resolve("target/dist"), tmp.resolve("data/dist/kafka"));

        Files.writeString(built.resolve("server.jar"), "v2"); // Maven rebuilds while the server runs

        assertThat(copy.resolve("lib/server.jar")).hasContent("v1");
        LocalStack.snapshot(tmp.resolve("target/dist"), copy); // the next start takes the new build
        assertThat(copy.resolve("lib/server.jar")).hasContent("v2");
    }

    @Test
    void aSingleJarIsCopiedIntoTheTarget() throws Exception {
        Path jar = Files.writeString(tmp.resolve("launcher.jar"), "classes");

        Path copy = LocalStack.snapshot(jar, tmp.resolve("data/dist/launcher"));

        assertThat(copy).hasFileName("launcher.jar").hasContent("classes");
    }
}
