package dev.stablegan.api.listen;

import dev.stablegan.api.GanListener;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the trainer's checkpoint to one file every {@code every} generator steps and at the end of the run;
 * each write replaces the previous file atomically, so a crash leaves the last complete checkpoint.
 */
public final class PeriodicCheckpoints implements GanListener {
    private final Trainer trainer;
    private final Path file;
    private final long every;
    private long lastSaved = -1;

    public PeriodicCheckpoints(Trainer trainer, Path file, long every) {
        if (every <= 0) {
            throw new IllegalArgumentException("checkpoint interval: must be > 0, got " + every);
        }
        this.trainer = trainer;
        this.file = file;
        this.every = every;
    }

    @Override
    public void onStep(StepReport report) {
        if (report.step() % every == 0) {
            save(report.step());
        }
    }

    @Override
    public void onEnd(RunSummary summary) {
        if (summary.steps() != lastSaved) {
            save(summary.steps());
        }
    }

    private void save(long step) {
        try {
            trainer.saveCheckpoint(file);
            lastSaved = step;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
