package news.pipeline.enrich;

import java.io.PrintStream;

/**
 * What enrich-service's command-line tools ({@code bin/reenrich}, {@code bin/evaluate-enrichment}) share: help asked
 * for anywhere on the line, an option's value, and a wrong command line as one line on stderr with exit code 2.
 */
public final class CommandLine {

    /** A wrong command line: one line, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {
    }

    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /** The value after {@code option} at {@code args[i]}; missing (or another option in its place) is a usage error. */
    public static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** Prints "{@code tool}: problem (bin/{@code tool} --help)" on {@code err}. @return 2, the usage error's exit code */
    public static int usageError(PrintStream err, String tool, UsageException e) {
        err.println(tool + ": " + e.getMessage() + " (bin/" + tool + " --help)");
        return 2;
    }
}
