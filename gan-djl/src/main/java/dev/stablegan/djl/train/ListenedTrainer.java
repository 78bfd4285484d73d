package dev.stablegan.djl.train;

import ai.djl.ndarray.NDManager;
import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.RunInterruptedException;
import dev.stablegan.api.RunInterruption;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.Trainer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What both trainers share of the {@link Trainer} contract: the listeners, the step count, the last report, a requested
 * stop, and the loop of {@link #run()}: {@code onStart}, steps until the schedule's last one, a stop or a
 * {@link RunInterruption} (checked between steps, so a signal ends the run after the step in progress), {@code onEnd},
 * and then, for a signal, {@link RunInterruptedException}.
 */
abstract class ListenedTrainer implements Trainer {
    final List<GanListener> listeners = new ArrayList<>();
    /** Steps finished. */
    long step;
    /** The last step's report, or {@code null} before the first. */
    StepReport lastReport;
    private boolean stopRequested;
    private final ArrayDeque<StepScalars> recentScalars = new ArrayDeque<>();
    /** Whether gradient checks wait with the step's scalars ({@link #deferFiniteChecks(boolean)}). */
    boolean deferFiniteChecks;
    /** Device-to-host reads made for checks and reports. */
    private long hostReads;

    /** The step the schedule ends at. */
    abstract long totalSteps();

    /** The spec the listeners' {@code onStart} receives; {@code null} for a trainer without one. */
    abstract GanSpec listenerSpec();

    /** Said after "stopped by SIGTERM after step S of T: ": where the run's state was saved, or {@code null}. */
    String savedState() {
        return null;
    }

    /** Keeps {@code report} as the last one and hands it to every listener's {@code onStep}. */
    final StepReport report(StepReport report) {
        lastReport = report;
        for (GanListener l : listeners) {
            l.onStep(report);
        }
        return report;
    }

    /**
     * The scalars of the step about to run, kept on the device under {@code parent}; the unread scalars of the last
     * {@code kept} steps stay readable, older ones are freed.
     */
    final StepScalars newStepScalars(NDManager parent, int kept) {
        StepScalars scalars = new StepScalars(step + 1, parent, () -> hostReads++);
        recentScalars.addLast(scalars);
        while (recentScalars.size() > kept) {
            recentScalars.removeFirst().expire();
        }
        return scalars;
    }

    /** Before closing: reads what no listener read, once (so reports stay readable after the run), then frees it all. */
    final void releaseScalars() {
        recentScalars.forEach(StepScalars::readForLater);
        recentScalars.forEach(StepScalars::expire);
        recentScalars.clear();
    }

    /**
     * Defers the gradient checks to the moment a step's scalars are read, so that a step nobody logs reads nothing back:
     * the default on an accelerator, where each read stalls the pipeline. The price: a non-finite gradient is applied
     * before it is found (checkpoints still refuse non-finite parameters).
     */
    public void deferFiniteChecks(boolean defer) {
        this.deferFiniteChecks = defer;
    }

    /** Device-to-host reads this trainer has made for its checks and reports (for tests of the no-sync contract). */
    long hostReads() {
        return hostReads;
    }

    @Override
    public long currentStep() {
        return step;
    }

    @Override
    public void addListener(GanListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Ends {@link #run} after the step in progress, as if the schedule ended there (listeners still see
     * {@code onEnd}): what a listener that detects divergence, or a time budget, calls.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A {@link RunInterruption} request (SIGTERM, SIGINT through the command line) ends the loop after the step in
     * progress; the listeners see {@code onEnd} (a {@code PeriodicCheckpoints} listener writes its checkpoint there)
     * and then this throws.
     *
     * @throws RunInterruptedException after {@code onEnd}, when the run was stopped by a signal
     */
    @Override
    public RunSummary run() {
        long started = System.nanoTime();
        stopRequested = false;
        RunInterruption.runStarted();
        try {
            for (GanListener l : listeners) {
                l.onStart(listenerSpec(), step);
            }
            while (step < totalSteps() && !stopRequested && !RunInterruption.requested()) {
                step();
            }
            RunSummary summary = new RunSummary(step, (System.nanoTime() - started) / 1e9,
                    lastReport == null ? Map.of() : lastReport.scalars());
            for (GanListener l : listeners) {
                l.onEnd(summary);
            }
            if (RunInterruption.requested() && step < totalSteps() && !stopRequested) {
                String saved = savedState();
                throw new RunInterruptedException("stopped by " + RunInterruption.signal() + " after step " + step + " of "
                        + totalSteps() + (saved == null ? "" : ": " + saved), step, RunInterruption.signal());
            }
            return summary;
        } finally {
            RunInterruption.runEnded();
        }
    }
}
