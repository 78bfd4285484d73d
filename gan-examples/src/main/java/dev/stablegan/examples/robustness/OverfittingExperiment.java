package dev.stablegan.examples.robustness;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.listen.PeriodicEvaluation;
import dev.stablegan.data.images.ImageBatchSource;
import dev.stablegan.data.images.ImageDataset;
import dev.stablegan.data.images.InMemoryImages;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.examples.plot.JsonLines;
import dev.stablegan.examples.plot.LineChart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WGAN-GP's overfitting experiment (Gulrajani et al. 2017, section 5.6): a critic without normalization trained on a
 * small random subset of the images, its loss {@code E[D(G(z))] - E[D(x)]} measured every few steps both on the
 * training subset and on held-out images of the same distribution. The negative loss estimates the Wasserstein
 * distance; when the critic overfits, the held-out estimate falls away from the training one. Run for weight
 * clipping and for the gradient penalty, each with its method's settings.
 *
 * <p>Each method is a resumable job in {@code DIR/<method>/} ({@code checkpoint.ckpt}, {@code metrics.jsonl},
 * {@code curves.jsonl}: step, {@code train_critic_loss}, {@code heldout_critic_loss}); {@code DIR/overfitting.png}
 * plots the negative losses of both, training solid and held-out beside it.
 */
public final class OverfittingExperiment {
    /** Examples of each side a loss is averaged over. */
    static final int EVAL_BATCH = 256;

    /**
     * @param trainImages the size of the training subset (the paper: 1,000)
     * @param evalEvery measure both losses every this many generator steps
     */
    public record Settings(List<RobustnessMethod> methods, int size, int width, long steps, int trainImages, long evalEvery, long seed) {
        public Settings {
            methods = List.copyOf(methods);
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("--methods: needs at least one method");
            }
            SpecChecks.atLeast("--steps", steps, 1);
            SpecChecks.atLeast("--eval-every", evalEvery, 1);
            SpecChecks.atLeast("--train-images", trainImages, 2);
        }
    }

    private OverfittingExperiment() {}

    /** The run of one method: the DCGAN pair, the critic without normalization (nothing regularizes it but the method). */
    public static GanSpec spec(Settings s, RobustnessMethod m, int channels) {
        return new GanSpec(new NetworkSpec.ImageGenerator(ImageArchitecture.DCGAN, RobustnessPreset.LATENT_DIM, channels, s.size(), s.width()),
                new NetworkSpec.ImageCritic(ImageArchitecture.DCGAN, channels, s.size(), s.width(), NetworkSpec.Normalization.NONE),
                m.objective(), m.optimizer(), m.optimizer(), new ScheduleSpec(m.criticSteps(), s.steps(), 64, false), s.seed());
    }

    /** The first {@code n} images of a seeded shuffle of {@code all}, and the next {@code n} as held-out images. */
    public static InMemoryImages[] split(ImageDataset all, int n, long seed) throws IOException {
        if (2L * n > all.size()) {
            throw new IllegalArgumentException("--train-images: " + n + " training and as many held-out images need " + 2 * n + ", the"
                    + " dataset has " + all.size());
        }
        int[] order = RandomStream.derive(seed, "overfitting-subset").permutation(all.size());
        int per = all.channels() * all.height() * all.width();
        byte[] train = new byte[n * per];
        byte[] heldout = new byte[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all.image(order[i]), 0, train, i * per, per);
            System.arraycopy(all.image(order[n + i]), 0, heldout, i * per, per);
        }
        return new InMemoryImages[] {
            new InMemoryImages(all.id() + " subset of " + n, n, all.channels(), all.height(), all.width(), train),
            new InMemoryImages(all.id() + " held-out " + n, n, all.channels(), all.height(), all.width(), heldout)
        };
    }

    public static void run(Settings s, ImageDataset all, Path out, PrintWriter log) throws IOException {
        AtomicFiles.ensureWritableDirectory(out);
        InMemoryImages[] parts = split(all, s.trainImages(), s.seed());
        for (RobustnessMethod m : s.methods()) {
            runMethod(s, m, parts[0], parts[1], out.resolve(m.id()), log);
        }
        writePlot(s, out);
    }

    /** The runs of {@code --list-runs}: the chosen methods' ids, each a folder of {@code out}. */
    public static List<String> runNames(Settings s) {
        return s.methods().stream().map(RobustnessMethod::id).toList();
    }

    /** Trains (or continues) the method {@code name} into {@code out/NAME}, measuring as it goes; writes nothing else. */
    public static void runOne(Settings s, String name, ImageDataset all, Path out, PrintWriter log) throws IOException {
        RobustnessMethod m = s.methods().stream().filter(c -> c.id().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--run: '" + name + "' is not a run of this sweep (--list-runs lists them)"));
        AtomicFiles.ensureWritableDirectory(out);
        InMemoryImages[] parts = split(all, s.trainImages(), s.seed());
        runMethod(s, m, parts[0], parts[1], out.resolve(m.id()), log);
    }

    /** Writes {@code overfitting.png} from the finished methods, training nothing, and names the missing ones. */
    public static void collect(Settings s, Path out, PrintWriter log) throws IOException {
        ResumableCurveJob.reportMissing(runNames(s), out, "overfitting", log);
        writePlot(s, out);
    }

    private static void runMethod(Settings s, RobustnessMethod m, InMemoryImages train, InMemoryImages heldout, Path dir, PrintWriter log)
            throws IOException {
        Path curves = dir.resolve("curves.jsonl");
        ResumableCurveJob.train(spec(s, m, train.channels()), new ImageBatchSource(train, log), dir, curves, s.evalEvery(),
                "overfitting: " + m.id() + " on " + train.size() + " images", trainer -> new PeriodicEvaluation(curves, s.evalEvery(),
                        new CriticLosses(trainer, train, heldout, s)), log);
    }

    /** Every {@code evalEvery} steps: the critic loss on fixed training and held-out batches against one fake batch. */
    private static final class CriticLosses implements PeriodicEvaluation.Evaluation {
        private final DjlGanTrainer trainer;
        private final ImageBatchSource train;
        private final ImageBatchSource heldout;
        private final Settings settings;

        CriticLosses(DjlGanTrainer trainer, InMemoryImages train, InMemoryImages heldout, Settings settings) {
            this.trainer = trainer;
            this.train = new ImageBatchSource(train, new PrintWriter(System.err, true));
            this.heldout = new ImageBatchSource(heldout, new PrintWriter(System.err, true));
            this.settings = settings;
        }

        @Override
        public Map<String, Object> measure(StepReport report) {
            try (NDManager scope = trainer.manager().newSubManager()) {
                RandomStream r = RandomStream.derive(settings.seed(), "overfitting-eval");
                NDArray realTrain = train.next(scope, r, EVAL_BATCH);
                NDArray realHeld = heldout.next(scope, r, EVAL_BATCH);
                NDArray fake = trainer.sample(scope, r, EVAL_BATCH);
                double fakeScore = trainer.score(fake).mean().getFloat();
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("train_critic_loss", fakeScore - trainer.score(realTrain).mean().getFloat());
                line.put("heldout_critic_loss", fakeScore - trainer.score(realHeld).mean().getFloat());
                return line;
            }
        }
    }

    /** The negative critic losses of every method over steps, training and held-out. */
    static void writePlot(Settings s, Path out) throws IOException {
        LineChart.Builder chart = LineChart.builder().optTitle("Negative critic loss: " + s.trainImages() + " training vs held-out images")
                .optXLabel("generator step").optYLabel("-(E[D(G(z))] - E[D(x)])");
        for (RobustnessMethod m : s.methods()) {
            List<JsonObject> rows = JsonLines.read(out.resolve(m.id()).resolve("curves.jsonl"));
            if (rows.isEmpty() || !ResumableCurveJob.finished(out.resolve(m.id()))) {
                continue;
            }
            double[] x = rows.stream().mapToDouble(o -> o.get("step").getAsDouble()).toArray();
            chart.addSeries(m.id() + " training", x, rows.stream().mapToDouble(o -> -o.get("train_critic_loss").getAsDouble()).toArray());
            chart.addSeries(m.id() + " held-out", x, rows.stream().mapToDouble(o -> -o.get("heldout_critic_loss").getAsDouble()).toArray());
        }
        chart.build().writeTo(out.resolve("overfitting.png"));
    }
}
