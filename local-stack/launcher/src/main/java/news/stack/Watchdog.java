package news.stack;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs a server's real main class and ends the JVM when the parent that started it goes away.
 *
 * <p>The launcher keeps a pipe open to each server's standard input; when the launcher exits,
 * however it exits (Ctrl-C, kill -9, a test JVM that crashes), the pipe closes, this thread reads
 * end-of-file and calls {@code System.exit}, which runs the server's own shutdown hooks. So no
 * server outlives the process that started it. Detached stacks pass {@code -Dstack.watch-parent=false}.
 */
public final class Watchdog {

    private Watchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Watchdog <main-class> [args...]");
        }
        if (Boolean.parseBoolean(System.getProperty("stack.watch-parent", "true"))) {
            Thread watcher = new Thread(Watchdog::exitWhenStdinCloses, "parent-watchdog");
            watcher.setDaemon(true);
            watcher.start();
        }
        Class<?> mainClass = Class.forName(args[0]);
        try {
            mainClass.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenStdinCloses() {
        try {
            while (System.in.read() != -1) {
                // the launcher never writes; any byte is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, same as end-of-file
        }
        System.err.println("parent process ended: shutting down");
        System.exit(0);
    }
}
