package dev.stablegan.examples.robustness;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.RunFolderLock;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.api.listen.JsonlMetrics;
import dev.stablegan.api.listen.PeriodicCheckpoints;
import dev.stablegan.djl.train.BatchSource;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.examples.RunInfo;
import dev.stablegan.examples.SweepRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One training run that measures a curve while it trains, in its own folder and resumable: {@code checkpoint.ckpt}
 * every {@code every} steps, {@code metrics.jsonl} (the trainer's scalars) and the curve file the measuring listener
 * appends to. A fresh run starts the curve over; a resumed one keeps the curve's lines up to its checkpoint. A run that
 * trained all its steps writes {@value #FINISHED} last.
 */
final class ResumableCurveJob {
    /** Written when every step has trained: the run is finished and a collect step may plot it. */
    static final String FINISHED = "finished.json";

    private ResumableCurveJob() {}

    /**
     * @param label names the run in progress lines, e.g. {@code overfitting: wgan-gp}
     * @param curve the file {@code measure} appends to, one {@code {"step":N,...}} line per measurement
     * @param measure the listener that measures, made for the trainer
     */
    @SuppressWarnings("try") // the run-folder lock is held for the body, never read
    static void train(GanSpec spec, BatchSource data, Path dir, Path curve, long every, String label,
            Function<DjlGanTrainer, GanListener> measure, PrintWriter log) throws IOException {
        AtomicFiles.ensureWritableDirectory(dir);
        Path checkpoint = dir.resolve("checkpoint.ckpt");
        long steps = spec.schedule().generatorSteps();
        try (RunFolderLock lock = RunFolderLock.acquire(dir); DjlGanTrainer trainer = DjlGanTrainer.create(spec, data)) {
            trainer.putProvenance("git_revision", RunInfo.gitRevision());
            if (Files.exists(checkpoint)) {
                trainer.resume(checkpoint);
                log.printf("%s resumed at step %d%n", label, trainer.currentStep());
            } else {
                log.printf("%s: training, %d steps%n", label, steps);
                Files.deleteIfExists(curve);
            }
            log.flush();
            JsonlMetrics.keepLinesUpTo(curve, trainer.currentStep());
            trainer.addListener(ConsoleProgress.onStderr());
            trainer.addListener(new JsonlMetrics(dir.resolve("metrics.jsonl"), Math.max(1, steps / 1000)));
            trainer.addListener(measure.apply(trainer));
            trainer.addListener(new PeriodicCheckpoints(trainer, checkpoint, every));
            trainer.run();
            AtomicFiles.writeString(dir.resolve(FINISHED), "{\"steps\":" + trainer.currentStep() + "}\n");
        }
    }

    /** Whether the run in {@code dir} has trained all its steps ({@value #FINISHED} is written last, atomically). */
    static boolean finished(Path dir) {
        return Files.isRegularFile(dir.resolve(FINISHED));
    }

    /**
     * The runs among {@code names} (folders of {@code out}) that have not finished, said on {@code log} for a collect
     * step; refused when none has finished.
     *
     * @throws IOException when no run has finished
     */
    static List<String> reportMissing(List<String> names, Path out, String command, PrintWriter log) throws IOException {
        List<String> missing = names.stream().filter(n -> !finished(out.resolve(n))).toList();
        SweepRuns.requireSomeFinished(command, out, names, missing, FINISHED, log);
        return missing;
    }
}
