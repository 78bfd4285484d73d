package dev.stablegan.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The named runs of a sweep, as a cluster job array numbers them: {@code --list-runs} prints them, {@code --run-index}
 * and {@code --run} choose one (see {@code cli.SweepOptions}, {@code docs/cluster.md}).
 */
public final class SweepRuns {
    private SweepRuns() {}

    /**
     * The run named by {@code indexOrNull} (an index into {@code names}) or else by {@code nameOrNull}.
     *
     * @throws IllegalArgumentException naming the option and the valid range or names
     */
    public static String select(List<String> names, String nameOrNull, Integer indexOrNull) {
        if (indexOrNull != null) {
            if (indexOrNull < 0 || indexOrNull >= names.size()) {
                throw new IllegalArgumentException("--run-index: " + indexOrNull + " is not a run of this sweep; it has runs 0 to "
                        + (names.size() - 1) + " (--list-runs lists them)");
            }
            return names.get(indexOrNull);
        }
        if (!names.contains(nameOrNull)) {
            throw new IllegalArgumentException("--run: '" + nameOrNull + "' is not a run of this sweep (--list-runs lists them: "
                    + String.join(", ", names.size() <= 12 ? names : names.subList(0, 12)) + (names.size() > 12 ? ", ..." : "") + ")");
        }
        return nameOrNull;
    }

    /** Prints {@code names}, one line each: index and name. */
    public static void list(List<String> names, PrintStream out) {
        for (int i = 0; i < names.size(); i++) {
            out.println(i + " " + names.get(i));
        }
    }

    /**
     * A collect step's account of the sweep: refuses when none of {@code names} has finished, else says on {@code log}
     * which have not.
     *
     * @param missing the runs of {@code names} that have not finished
     * @param finishedFile the file a run writes last when it finishes, named in the refusal
     * @throws IOException naming the folder and that file when no run has finished
     */
    public static void requireSomeFinished(String command, Path out, List<String> names, List<String> missing, String finishedFile,
            PrintWriter log) throws IOException {
        if (missing.size() == names.size()) {
            throw new IOException(out + ": no run of this sweep has finished (no " + names.get(0) + "/" + finishedFile
                    + ", ...); nothing to collect");
        }
        if (!missing.isEmpty()) {
            log.printf("%s: collect: %d of %d runs missing (not finished): %s%n", command, missing.size(), names.size(),
                    String.join(", ", missing));
        }
    }
}
