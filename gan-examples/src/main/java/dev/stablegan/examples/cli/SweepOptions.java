package dev.stablegan.examples.cli;

import dev.stablegan.examples.SweepRuns;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that split a sweep into named runs, one per task of a cluster's job array ({@code docs/cluster.md}):
 * list the runs, run one into its folder of {@code --out}, or collect the finished ones. Without any of them the
 * command runs the whole sweep in one process, as before.
 */
public final class SweepOptions {
    /** What the command line asks of a sweep. */
    public enum Mode {
        /** Every run in this process, then the combined files. */
        ALL,
        /** Print the runs and exit. */
        LIST,
        /** One run, into its own folder. */
        ONE,
        /** The combined files from the finished runs. */
        COLLECT
    }

    @Option(names = "--list-runs", description = "Print the sweep's runs, one line each (index and name, e.g. '3 dcgan_lsgan'),"
            + " and exit: the indices of a cluster job array.")
    boolean listRuns;

    @Option(names = "--run-index", paramLabel = "I", description = "Run only run I of --list-runs, into its folder of --out (one"
            + " task of a job array); the combined files come from --collect.")
    Integer runIndex;

    @Option(names = "--run", paramLabel = "NAME", description = "As --run-index, by name.")
    String runName;

    @Option(names = "--collect", description = "Train nothing: write the combined files from the runs that have finished, naming"
            + " the missing ones.")
    boolean collect;

    /**
     * The mode asked.
     *
     * @throws IllegalArgumentException when more than one is asked
     */
    public Mode mode() {
        int modes = (listRuns ? 1 : 0) + (collect ? 1 : 0) + (runIndex != null || runName != null ? 1 : 0);
        if (modes > 1 || (runIndex != null && runName != null)) {
            throw new IllegalArgumentException("--list-runs, --collect and --run-index/--run: choose one");
        }
        return listRuns ? Mode.LIST : collect ? Mode.COLLECT : runIndex != null || runName != null ? Mode.ONE : Mode.ALL;
    }

    /**
     * The run {@code --run-index} or {@code --run} names among {@code names}.
     *
     * @throws IllegalArgumentException naming the option and the valid range or names
     */
    public String selected(List<String> names) {
        return SweepRuns.select(names, runName, runIndex);
    }

    /** What a sweep whose runs and combined picture differ only in their settings does when asked to. */
    public interface Work {
        /** Writes the combined files from the finished runs in the output folder. */
        void collect(PrintWriter log) throws Exception;

        /** Trains run {@code only} into its folder, or every run (then the combined files) when it is {@code null}. */
        void run(String only, PrintWriter log) throws Exception;
    }

    /**
     * Does what the mode asks of a sweep of {@code runs} and reports it on standard error as {@code command: ...},
     * naming {@code out}'s {@code picture} (the combined file) or the one run's folder.
     *
     * @return the command's exit code, 0
     */
    public int execute(String command, List<String> runs, Path out, String picture, Work work) throws Exception {
        Mode mode = mode();
        if (mode == Mode.LIST) {
            SweepRuns.list(runs, System.out);
            return 0;
        }
        PrintWriter log = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (mode == Mode.COLLECT) {
            work.collect(log);
            log.printf("%s: collected; wrote %s%n", command, out.resolve(picture));
            return 0;
        }
        String only = mode == Mode.ONE ? selected(runs) : null;
        work.run(only, log);
        if (only != null) {
            log.printf("%s: run %s finished in %s%n", command, only, out.resolve(only));
        } else {
            log.printf("%s: wrote %s%n", command, out.resolve(picture));
        }
        return 0;
    }
}
