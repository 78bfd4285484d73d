package dev.stablegan.api.listen;

import dev.stablegan.api.GanListener;
import dev.stablegan.api.Json;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures a run every {@code every} generator steps (and, unless told otherwise, at its last step) and appends one
 * JSON line per measurement to a file: {@code {"step": N, <the measures, in their order>}}. What is measured (scores
 * of samples, held-out losses, n-gram divergences) is the caller's {@link Evaluation}; a resumed run trims the file
 * first with {@link JsonlMetrics#keepLinesUpTo}.
 */
public final class PeriodicEvaluation implements GanListener {

    /** One measurement of the run at a step. */
    @FunctionalInterface
    public interface Evaluation {
        /**
         * The measures at {@code report}'s step, in the order they are written; {@code null} writes no line.
         *
         * @throws IOException when a measurement cannot be made or written, naming what
         */
        Map<String, ?> measure(StepReport report) throws IOException;
    }

    private final Path file;
    private final long every;
    private final boolean atLastStep;
    private final Evaluation evaluation;

    /** Every {@code every} steps and at the last step. */
    public PeriodicEvaluation(Path file, long every, Evaluation evaluation) {
        this(file, every, true, evaluation);
    }

    /**
     * @param atLastStep also at the schedule's last step when it is not a multiple of {@code every}
     * @throws IllegalArgumentException for an interval below 1
     */
    public PeriodicEvaluation(Path file, long every, boolean atLastStep, Evaluation evaluation) {
        SpecChecks.atLeast("evaluation interval", every, 1);
        this.file = file;
        this.every = every;
        this.atLastStep = atLastStep;
        this.evaluation = evaluation;
    }

    @Override
    public void onStep(StepReport report) {
        if (report.step() % every == 0 || atLastStep && report.step() == report.totalSteps()) {
            try {
                evaluateNow(report);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Measures at {@code report}'s step now and appends the line (what a resumed run with nothing left to train does). */
    public void evaluateNow(StepReport report) throws IOException {
        Map<String, ?> measures = evaluation.measure(report);
        if (measures == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", report.step());
        line.putAll(measures);
        Files.writeString(file, Json.write(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
