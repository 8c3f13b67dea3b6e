package news.stack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository checkout, so the launcher can locate each server's built distribution. */
final class RepoLayout {

    private RepoLayout() {
    }

    static Path findRepoRoot() {
        String configured = System.getProperty("stack.repo.root", System.getenv("STACK_REPO_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path start : new Path[] {codeLocation(), Path.of("").toAbsolutePath()}) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("local-stack")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        throw new IllegalStateException(
                "Cannot find the repository root (a directory with pom.xml and local-stack/); set STACK_REPO_ROOT");
    }

    /** The launcher's own classes directory or jar: put in front of every server's classpath for the watchdog. */
    static Path codeLocation() {
        try {
            return Path.of(RepoLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
