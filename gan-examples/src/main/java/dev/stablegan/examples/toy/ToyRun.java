package dev.stablegan.examples.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.Json;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RunFolderLock;
import dev.stablegan.api.RunProvenance;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.api.listen.JsonlMetrics;
import dev.stablegan.api.listen.PeriodicCheckpoints;
import dev.stablegan.api.listen.PeriodicEvaluation;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.eval.toy.ToyModeMetrics;
import dev.stablegan.eval.toy.ToyModes;
import dev.stablegan.examples.ResumableFolder;
import dev.stablegan.examples.RunInfo;
import dev.stablegan.examples.plot.Extent;
import dev.stablegan.examples.plot.LossCurves;
import dev.stablegan.examples.plot.ValueSurfacePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One toy 2-D run (Gulrajani et al. 2017, section 4.1, Figure 1a): trains, then writes the summary, metrics,
 * the critic's value surface under real and generated samples, the loss curves and a resumable checkpoint.
 *
 * <p>Files in {@code out}: {@code summary.json}, {@code metrics.jsonl}, {@code value_surface.png},
 * {@code losses.png}, {@code checkpoint.ckpt}, and with {@code plotEvery > 0} snapshots
 * {@code frames/value_surface_stepNNNNNNN.png} plus their mode metrics in {@code modes.jsonl}. A sample is
 * high quality within 3 standard deviations of its nearest mode; a mode is covered when it holds at least a
 * quarter of its fair share of the high-quality samples ({@link ToyModes}).
 */
public final class ToyRun {
    /** File names inside the output folder. */
    public static final String SUMMARY = "summary.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String VALUE_SURFACE = "value_surface.png";
    public static final String LOSSES = "losses.png";
    public static final String CHECKPOINT = "checkpoint.ckpt";
    public static final String MODES = "modes.jsonl";
    /** Fewest samples the mode metrics accept (the protocol). */
    public static final int MIN_EVAL_SAMPLES = 2_500;
    /** Half-width of the plotted square: every toy dataset lies within [-2, 2]^2. */
    static final double PLOT_RANGE = 2.0;
    /** Grid points per axis of the value surface. */
    static final int GRID = 128;
    /** Real and generated points drawn on each plot. */
    static final int PLOTTED_POINTS = 1_000;

    /**
     * What to run.
     *
     * @param plotEvery write a snapshot plot and mode metrics every this many generator steps; 0 for none
     * @param resume continue from {@code out/checkpoint.ckpt} instead of starting over
     */
    public record Settings(ToyDataset dataset, ToyPreset preset, GanSpec spec, Path out, int evalSamples,
            long plotEvery, boolean resume, boolean force) {
        public Settings {
            ResumableFolder.requireOneOf(resume, force);
            if (evalSamples < MIN_EVAL_SAMPLES) {
                throw new IllegalArgumentException("samples: must be >= " + MIN_EVAL_SAMPLES + ", got " + evalSamples);
            }
            SpecChecks.atLeast("plot-every", plotEvery, 0);
        }
    }

    /**
     * The outcome written to {@code summary.json}.
     *
     * @param seconds training time of all {@code steps}, including the runs this one was resumed from
     * @param secondsThisRun training time of this invocation
     * @param modes the mode metrics of the final generator; empty for the swiss roll, which has no modes
     */
    public record Outcome(long steps, double seconds, double secondsThisRun, Optional<ToyModeMetrics> modes,
            Map<String, Double> lastScalars) {}

    private final Settings settings;
    private final PrintStream log;

    public ToyRun(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Trains and writes every output file.
     *
     * @throws IOException naming the file when the output folder or the checkpoint to resume is unusable
     */
    public Outcome execute() throws IOException {
        Path out = settings.out();
        Path checkpoint = ResumableFolder.checkpoint(out, CHECKPOINT, settings.resume()); // a refused resume writes nothing
        try (RunFolderLock lock = RunFolderLock.acquire(out);
                DjlGanTrainer trainer = DjlGanTrainer.create(settings.spec(), new ToyBatchSource(settings.dataset()))) {
            if (!settings.resume()) {
                ResumableFolder.prepareForNewRun(lock, settings.force(), CHECKPOINT, "toy", log::println);
            }
            ResumableFolder.resumeIfAsked(trainer, checkpoint, settings.resume(), "toy", log);
            JsonlMetrics.keepLinesUpTo(out.resolve(MODES), trainer.currentStep()); // snapshot lines of a run started over, or past its checkpoint
            long total = settings.spec().schedule().generatorSteps();
            trainer.addListener(ConsoleProgress.onStderr());
            trainer.addListener(new JsonlMetrics(out.resolve(METRICS), Math.max(1, total / 2_000)));
            trainer.addListener(new PeriodicCheckpoints(trainer, checkpoint, Math.max(100, total / 20)));
            if (settings.plotEvery() > 0) {
                trainer.addListener(new PeriodicEvaluation(out.resolve(MODES), settings.plotEvery(), false, new Snapshots(trainer)));
            }
            RunSummary summary = trainer.run();
            Optional<ToyModeMetrics> modes = evaluateModes(trainer);
            writeValueSurface(trainer, out.resolve(VALUE_SURFACE));
            LossCurves.write(out.resolve(METRICS), out.resolve(LOSSES));
            Outcome outcome = new Outcome(summary.steps(), trainer.trainedSeconds(), summary.seconds(), modes,
                    summary.lastScalars());
            AtomicFiles.writeString(out.resolve(SUMMARY), Json.write(summaryJson(outcome)) + "\n");
            return outcome;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Optional<ToyModeMetrics> evaluateModes(DjlGanTrainer trainer) {
        Optional<ToyModes> modes = settings.dataset().modes();
        if (modes.isEmpty()) {
            return Optional.empty();
        }
        RandomStream random = RandomStream.derive(settings.spec().seed() ^ trainer.currentStep(), "evaluation");
        try (NDManager scope = trainer.manager().newSubManager()) {
            float[] samples = trainer.sample(scope, random, settings.evalSamples()).toFloatArray();
            return Optional.of(modes.get().evaluate(samples));
        }
    }

    /** {@code values[j][i] = D(x_i, y_j)} on a {@value #GRID}^2 grid over the plotted square. */
    static double[][] criticSurface(DjlGanTrainer trainer, Extent extent, int n) {
        float[] grid = new float[2 * n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                grid[2 * (j * n + i)] = (float) extent.gridX(i, n);
                grid[2 * (j * n + i) + 1] = (float) extent.gridY(j, n);
            }
        }
        float[] scores;
        try (NDManager scope = trainer.manager().newSubManager()) {
            NDArray points = scope.create(grid, new Shape((long) n * n, 2));
            scores = trainer.score(points).toFloatArray();
        }
        double[][] values = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                values[j][i] = scores[j * n + i];
            }
        }
        return values;
    }

    private void writeValueSurface(DjlGanTrainer trainer, Path file) throws IOException {
        Extent extent = Extent.square(PLOT_RANGE);
        double[][] real = settings.dataset().sampleRows(RandomStream.derive(settings.spec().seed(), "plot-real"),
                PLOTTED_POINTS);
        double[][] fake;
        try (NDManager scope = trainer.manager().newSubManager()) {
            RandomStream random = RandomStream.derive(settings.spec().seed(), "plot-fake");
            fake = rows(trainer.sample(scope, random, PLOTTED_POINTS).toFloatArray());
        }
        String title = String.format(Locale.ROOT, "%s, %s, step %d: critic value surface",
                settings.dataset().id(), settings.spec().objective().name(), trainer.currentStep());
        ValueSurfacePlot.write(criticSurface(trainer, extent, GRID), extent, real, fake, title, file);
    }

    private static double[][] rows(float[] interleaved) {
        double[][] rows = new double[interleaved.length / 2][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {interleaved[2 * i], interleaved[2 * i + 1]};
        }
        return rows;
    }

    private Map<String, Object> summaryJson(Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", settings.dataset().id());
        m.put("objective", settings.spec().objective().name());
        m.put("preset", settings.preset().id());
        m.put("steps", outcome.steps());
        m.put("seconds", outcome.seconds());
        m.put("seconds_this_run", outcome.secondsThisRun());
        if (outcome.modes().isPresent()) {
            ToyModeMetrics modes = outcome.modes().get();
            m.put("modes_covered", modes.modesCovered());
            m.put("modes_total", modes.modesTotal());
            m.put("high_quality_fraction", modes.highQualityFraction());
            m.put("high_quality_per_mode", modes.highQualityPerMode());
        } else {
            m.put("modes_covered", null);
            m.put("modes_total", null);
            m.put("high_quality_fraction", null);
        }
        m.put("evaluation_samples", settings.evalSamples());
        m.put("last_scalars", outcome.lastScalars());
        RunProvenance provenance = RunInfo.record(true).withSpec(settings.spec().toString(), settings.spec().seed())
                .withDataset(settings.dataset().id());
        m.put("provenance", provenance.toMap());
        return m;
    }

    /** Every {@code plotEvery} steps (for {@link PeriodicEvaluation}): a value-surface frame and one line of mode metrics. */
    private final class Snapshots implements PeriodicEvaluation.Evaluation {
        private final DjlGanTrainer trainer;

        Snapshots(DjlGanTrainer trainer) {
            this.trainer = trainer;
        }

        @Override
        public Map<String, Object> measure(StepReport report) throws IOException {
            Path frames = settings.out().resolve("frames");
            Files.createDirectories(frames);
            writeValueSurface(trainer, frames.resolve(String.format(Locale.ROOT, "value_surface_step%07d.png", report.step())));
            Optional<ToyModeMetrics> modes = evaluateModes(trainer);
            if (modes.isEmpty()) {
                return null;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("modes_covered", modes.get().modesCovered());
            line.put("modes_total", modes.get().modesTotal());
            line.put("high_quality_fraction", modes.get().highQualityFraction());
            return line;
        }
    }
}
