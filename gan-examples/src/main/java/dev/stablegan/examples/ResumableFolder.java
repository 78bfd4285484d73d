package dev.stablegan.examples;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.djl.train.DjlGanTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The output folder of a run that {@code --resume} continues: the folder is made writable and, when resuming, its
 * checkpoint must exist before anything is trained or written; then the trainer either continues from it or the
 * run starts over, saying that the earlier one is replaced.
 */
public final class ResumableFolder {
    private ResumableFolder() {}

    /**
     * @return the checkpoint's path in {@code out}
     * @throws IOException when {@code out} is unusable, or {@code resume} is asked without a checkpoint (naming it)
     */
    public static Path checkpoint(Path out, String fileName, boolean resume) throws IOException {
        AtomicFiles.ensureWritableDirectory(out);
        Path checkpoint = out.resolve(fileName);
        if (resume && !Files.isRegularFile(checkpoint)) {
            throw new IOException("resume: no checkpoint at " + checkpoint);
        }
        return checkpoint;
    }

    /** Resumes {@code trainer} from {@code checkpoint} when asked; otherwise notes an earlier run being replaced. */
    public static void resumeOrStartOver(DjlGanTrainer trainer, Path checkpoint, boolean resume, String label, PrintStream log)
            throws IOException {
        trainer.putProvenance("git_revision", RunInfo.gitRevision());
        if (resume) {
            trainer.resume(checkpoint);
            log.println(label + ": resumed " + checkpoint + " at step " + trainer.currentStep());
        } else if (Files.exists(checkpoint)) {
            log.println(label + ": starting over in " + checkpoint.getParent() + " (its previous run is replaced; --resume continues it)");
        }
    }
}
