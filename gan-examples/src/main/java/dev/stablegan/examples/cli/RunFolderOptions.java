package dev.stablegan.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --out} folder of a command that writes a run there, with {@code --resume} and {@code --force} for the
 * commands that keep one run per folder ({@link dev.stablegan.api.RunFolderLock}).
 */
public final class RunFolderOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    /** The chosen output folder. */
    public Path out() {
        return out;
    }

    /** {@code --resume} and {@code --force}, for the commands whose run continues from a checkpoint in {@code --out}. */
    public static final class Resumable {
        @Option(names = "--resume", description = "Continue the run in --out from its checkpoint (same settings; the length"
                + " may grow).")
        boolean resume;

        @Option(names = "--force", description = "Start a new run in --out even when it holds another run's files: they are"
                + " moved into --out/replaced/TIME/ first (without it such a folder is refused).")
        boolean force;

        public boolean resume() {
            return resume;
        }

        public boolean force() {
            return force;
        }

        /**
         * Refuses both for a sweep, whose runs resume from their own checkpoints.
         *
         * @throws IllegalArgumentException naming both options and what to do instead
         */
        public void refuseForSweep() {
            if (resume || force) {
                throw new IllegalArgumentException("--resume and --force: a sweep resumes each run from its checkpoint by"
                        + " itself; to start a run over, move its folder away");
            }
        }
    }
}
