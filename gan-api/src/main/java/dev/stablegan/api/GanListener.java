package dev.stablegan.api;

import java.nio.file.Path;

/**
 * Observes a training run; every method has a no-op default. Progress bars, metric logs, sample grids and
 * checkpoint writers are listeners. A listener that throws stops the run.
 */
public interface GanListener {

    /**
     * Called once before the first step, with the step the run starts after (0, or the resumed step); {@code spec} is
     * {@code null} for a trainer without one (the semi-supervised GAN).
     */
    default void onStart(GanSpec spec, long startStep) {}

    default void onStep(StepReport report) {}

    default void onCheckpoint(Path file, long step) {}

    default void onEnd(RunSummary summary) {}
}
