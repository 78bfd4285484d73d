package dev.stablegan.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The contract every training loop of the project keeps: {@link #step()} trains one step and tells the listeners;
 * {@link #run()} steps until the schedule ends (or a stop is requested, or a signal arrives), with
 * {@link GanListener#onStart} before and {@link GanListener#onEnd} after; checkpoints hold everything a resumed run
 * needs to continue exactly. {@link GanTrainer} is the one for a {@link GanSpec}; the semi-supervised GAN of
 * Salimans et al. 2016, section 5 keeps it too (gan-djl's {@code SemiSupervisedGan}, whose listeners get a
 * {@code null} spec in {@code onStart}). Engine-agnostic.
 */
public interface Trainer extends AutoCloseable {

    /** Steps finished so far (restored from a checkpoint after {@link #resume(Path)}). */
    long currentStep();

    /** Trains one step and hands its report to every listener's {@link GanListener#onStep}. */
    StepReport step();

    /**
     * Steps until the schedule's last step, informing the listeners.
     *
     * @throws RunInterruptedException after {@code onEnd}, when a {@link RunInterruption} (SIGTERM, SIGINT) ended it
     */
    RunSummary run();

    /** Writes parameters, optimizer state, random state and step to {@code file} atomically. */
    void saveCheckpoint(Path file) throws IOException;

    /** Restores everything {@link #saveCheckpoint(Path)} wrote; the settings must match. */
    void resume(Path file) throws IOException;

    void addListener(GanListener listener);

    @Override
    void close();
}
