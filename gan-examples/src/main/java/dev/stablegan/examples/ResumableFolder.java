package dev.stablegan.examples;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.RunFolderLock;
import dev.stablegan.djl.train.DjlGanTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The output folder of a run that {@code --resume} continues: the folder is made writable and, when resuming, its
 * checkpoint must exist before anything is trained or written; a new run starts only in a folder that holds no other
 * run's files, or moves them aside when forced.
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

    /**
     * Makes the folder just claimed by {@code lock} ready for a run that does not resume: nothing to do when it holds no
     * run's files; otherwise refused, naming them, unless {@code force}, which moves them into
     * {@code FOLDER/replaced/STAMP/} (the checkpoint first) and says where. So a folder's files always describe one run.
     *
     * @param checkpointName the checkpoint's file name, moved first
     * @param log receives the line saying where the files went
     * @throws IOException naming the folder, its files and the ways on, when it holds a run and {@code force} is off
     */
    public static void prepareForNewRun(RunFolderLock lock, boolean force, String checkpointName, String label, Consumer<String> log)
            throws IOException {
        List<Path> files = lock.runFiles();
        if (files.isEmpty()) {
            return;
        }
        Path folder = lock.file().getParent();
        if (!force) {
            List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
            String shown = names.size() <= 4 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
            throw new IOException(folder + ": holds another run's files (" + shown + "); --resume continues that run, --force moves"
                    + " its files into " + folder.resolve(RunFolderLock.REPLACED) + "/ and starts a new one, or choose another --out");
        }
        Path moved = lock.moveRunFilesAside(checkpointName);
        log.accept(label + ": --force: moved the previous run's " + files.size() + " files into " + moved);
    }

    /**
     * Checks that {@code --resume} and {@code --force} are not both asked.
     *
     * @throws IllegalArgumentException when they are
     */
    public static void requireOneOf(boolean resume, boolean force) {
        if (resume && force) {
            throw new IllegalArgumentException("--resume and --force: choose one (--resume continues the run in --out, --force moves"
                    + " its files aside and starts a new one)");
        }
    }

    /** Resumes {@code trainer} from {@code checkpoint} when asked. */
    public static void resumeIfAsked(DjlGanTrainer trainer, Path checkpoint, boolean resume, String label, PrintStream log)
            throws IOException {
        trainer.putProvenance("git_revision", RunInfo.gitRevision());
        if (resume) {
            trainer.resume(checkpoint);
            log.println(label + ": resumed " + checkpoint + " at step " + trainer.currentStep());
        }
    }
}
