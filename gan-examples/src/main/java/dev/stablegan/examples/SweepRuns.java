package dev.stablegan.examples;

import java.io.PrintStream;
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
}
