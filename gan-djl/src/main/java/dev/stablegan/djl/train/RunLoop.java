package dev.stablegan.djl.train;

import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.RunInterruptedException;
import dev.stablegan.api.RunInterruption;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.StepReport;
import java.util.List;
import java.util.Map;

/**
 * The loop of {@link dev.stablegan.api.Trainer#run()} that both trainers share: {@code onStart}, steps until the
 * schedule's last one, a requested stop or a {@link RunInterruption} (which ends the loop after the step in progress),
 * {@code onEnd}, and then, for a signal, {@link RunInterruptedException}.
 */
final class RunLoop {
    /** What the loop needs of a trainer. */
    interface Steps {
        long currentStep();

        long totalSteps();

        /** Trains one step, informing the listeners. */
        void step();

        /** Whether a stop (not a signal) was requested since the loop began. */
        boolean stopRequested();

        /** The last step's report, or {@code null} before the first. */
        StepReport lastReport();

        /** Said after "stopped by SIGTERM after step S of T": where the run's state was saved, or {@code null}. */
        String savedState();
    }

    private RunLoop() {}

    static RunSummary run(List<GanListener> listeners, GanSpec spec, Steps steps) {
        long started = System.nanoTime();
        RunInterruption.runStarted();
        try {
            for (GanListener l : listeners) {
                l.onStart(spec, steps.currentStep());
            }
            while (steps.currentStep() < steps.totalSteps() && !steps.stopRequested() && !RunInterruption.requested()) {
                steps.step();
            }
            StepReport last = steps.lastReport();
            RunSummary summary = new RunSummary(steps.currentStep(), (System.nanoTime() - started) / 1e9,
                    last == null ? Map.of() : last.scalars());
            for (GanListener l : listeners) {
                l.onEnd(summary);
            }
            if (RunInterruption.requested() && steps.currentStep() < steps.totalSteps() && !steps.stopRequested()) {
                String saved = steps.savedState();
                throw new RunInterruptedException("stopped by " + RunInterruption.signal() + " after step " + steps.currentStep() + " of "
                        + steps.totalSteps() + (saved == null ? "" : ": " + saved), steps.currentStep(), RunInterruption.signal());
            }
            return summary;
        } finally {
            RunInterruption.runEnded();
        }
    }
}
