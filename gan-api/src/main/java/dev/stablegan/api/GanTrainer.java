package dev.stablegan.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Trains one GAN: {@link #step()} runs the critic steps and one generator step; {@link #run()} steps until the
 * schedule's last generator step, informing the listeners. Engine-agnostic contract; see gan-djl.
 */
public interface GanTrainer extends AutoCloseable {

    GanSpec spec();

    /** Generator steps finished so far (restored from a checkpoint after {@link #resume(Path)}). */
    long currentStep();

    StepReport step();

    RunSummary run();

    /** Writes parameters, optimizer state, random state and step to {@code file} atomically. */
    void saveCheckpoint(Path file) throws IOException;

    /** Restores everything {@link #saveCheckpoint(Path)} wrote; the spec must match. */
    void resume(Path file) throws IOException;

    void addListener(GanListener listener);

    @Override
    void close();
}
