package dev.stablegan.examples.robustness;

import com.google.gson.JsonObject;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.listen.PeriodicEvaluation;
import dev.stablegan.data.images.ImageBatchSource;
import dev.stablegan.data.images.ImageDataset;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.eval.features.FeatureExtractor;
import dev.stablegan.eval.metric.InceptionScore;
import dev.stablegan.examples.plot.JsonLines;
import dev.stablegan.examples.plot.LineChart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WGAN-GP's convergence comparison (Gulrajani et al. 2017, section 5.3, Figure 3): the score of the generated images
 * over wall-clock training time for WGAN with weight clipping (RMSProp 5e-5), WGAN-GP with RMSProp (5e-5), WGAN-GP
 * with Adam (1e-4, betas 0.5/0.9) and DCGAN (Adam 2e-4, beta1 0.5), all on the DCGAN architecture (the critic with
 * layer norm under the penalty, batch norm otherwise).
 *
 * <p>Every {@code evalEvery} steps a run scores {@code samples} generated images with the data's classifier (its
 * score, named; not Inception numbers) and appends {@code step}, {@code seconds} (training time only, scoring
 * excluded) and the score to {@code DIR/<variant>/scores.jsonl}; runs resume from their checkpoints.
 * {@code DIR/convergence.png} plots score against seconds for every variant.
 */
public final class ConvergenceExperiment {
    /** One curve of the figure. */
    public record Variant(String id, ObjectiveSpec objective, OptimizerSpec optimizer, int criticSteps,
            NetworkSpec.Normalization criticNormalization) {}

    /** The four curves of Figure 3. */
    public static final List<Variant> VARIANTS = List.of(
            new Variant("wgan-clip-rmsprop", new ObjectiveSpec.WganClip(0.01), new OptimizerSpec.RmsProp(5e-5), 5, NetworkSpec.Normalization.BATCH),
            new Variant("wgan-gp-rmsprop", new ObjectiveSpec.WganGp(10, false), new OptimizerSpec.RmsProp(5e-5), 5, NetworkSpec.Normalization.LAYER),
            new Variant("wgan-gp-adam", new ObjectiveSpec.WganGp(10, false), new OptimizerSpec.Adam(1e-4, 0.5, 0.9), 5, NetworkSpec.Normalization.LAYER),
            new Variant("dcgan", new ObjectiveSpec.Minimax(true, 1), new OptimizerSpec.Adam(2e-4, 0.5, 0.999), 1, NetworkSpec.Normalization.BATCH));

    public record Settings(List<Variant> variants, int size, int width, long steps, long evalEvery, int samples, long seed) {
        public Settings {
            variants = List.copyOf(variants);
            if (variants.isEmpty()) {
                throw new IllegalArgumentException("--variants: needs at least one");
            }
            SpecChecks.atLeast("--steps", steps, 1);
            SpecChecks.atLeast("--eval-every", evalEvery, 1);
            SpecChecks.atLeast("--samples", samples, InceptionScore.DEFAULT_SPLITS);
        }
    }

    private ConvergenceExperiment() {}

    /** The variants named in {@code list} (comma separated) or all of them for {@code all}. */
    public static List<Variant> select(String list) {
        if (list.strip().equals("all")) {
            return VARIANTS;
        }
        List<Variant> chosen = new ArrayList<>();
        for (String name : list.split(",")) {
            Variant v = VARIANTS.stream().filter(x -> x.id().equals(name.strip())).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "--variants: unknown variant '" + name.strip() + "'; choose from "
                            + String.join(", ", VARIANTS.stream().map(Variant::id).toList()) + " or all"));
            if (!chosen.contains(v)) {
                chosen.add(v);
            }
        }
        return chosen;
    }

    public static GanSpec spec(Settings s, Variant v, int channels) {
        return new GanSpec(new NetworkSpec.ImageGenerator(ImageArchitecture.DCGAN, RobustnessPreset.LATENT_DIM, channels, s.size(), s.width()),
                new NetworkSpec.ImageCritic(ImageArchitecture.DCGAN, channels, s.size(), s.width(), v.criticNormalization()), v.objective(),
                v.optimizer(), v.optimizer(), new ScheduleSpec(v.criticSteps(), s.steps(), 64, false), s.seed());
    }

    public static void run(Settings s, ImageDataset train, FeatureExtractor scorer, Path out, PrintWriter log) throws IOException {
        for (Variant v : s.variants()) {
            runOne(s, v.id(), train, scorer, out, log);
        }
        writePlot(s, scorer.scoreSuffix(), out);
    }

    /** The runs of {@code --list-runs}: the chosen variants' ids, each a folder of {@code out}. */
    public static List<String> runNames(Settings s) {
        return s.variants().stream().map(Variant::id).toList();
    }

    /** Trains (or continues) the variant {@code name} into {@code out/NAME}, scoring as it goes; writes nothing else. */
    public static void runOne(Settings s, String name, ImageDataset train, FeatureExtractor scorer, Path out, PrintWriter log)
            throws IOException {
        if (train.channels() != 1) {
            throw new IllegalArgumentException("dataset " + train.id() + ": the shipped classifiers score gray images");
        }
        Variant v = s.variants().stream().filter(c -> c.id().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--run: '" + name + "' is not a run of this sweep (--list-runs lists them)"));
        AtomicFiles.ensureWritableDirectory(out);
        Path dir = out.resolve(v.id());
        Path scores = dir.resolve("scores.jsonl");
        ResumableCurveJob.train(spec(s, v, train.channels()), new ImageBatchSource(train, log), dir, scores, s.evalEvery(),
                "convergence: " + v.id(), trainer -> new PeriodicEvaluation(scores, s.evalEvery(), report -> score(trainer, train, scorer, s,
                report.step())), log);
    }

    /** Writes {@code convergence.png} from the finished variants, training nothing, and names the missing ones. */
    public static void collect(Settings s, String scoreSuffix, Path out, PrintWriter log) throws IOException {
        ResumableCurveJob.reportMissing(runNames(s), out, "convergence", log);
        writePlot(s, scoreSuffix, out);
    }

    /** The training seconds so far and the score of {@code samples} generated images at {@code step}. */
    private static Map<String, Object> score(DjlGanTrainer trainer, ImageDataset shape, FeatureExtractor scorer, Settings settings, long step) {
        float[] images = RobustnessSweep.generate(trainer, settings.samples(), settings.seed() ^ step, shape);
        double score = InceptionScore.of(scorer.extract(RobustnessSweep.forScorer(images, settings.samples(), shape.height(),
                shape.width())).probabilities(), InceptionScore.DEFAULT_SPLITS).mean();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seconds", trainer.trainedSeconds());
        line.put("score", score);
        return line;
    }

    static void writePlot(Settings s, String scoreSuffix, Path out) throws IOException {
        LineChart.Builder chart = LineChart.builder().optTitle("Score over wall-clock training time (Figure 3 at CPU scale)")
                .optXLabel("training seconds").optYLabel("IS-" + scoreSuffix);
        for (Variant v : s.variants()) {
            List<JsonObject> rows = JsonLines.read(out.resolve(v.id()).resolve("scores.jsonl"));
            if (rows.isEmpty() || !ResumableCurveJob.finished(out.resolve(v.id()))) {
                continue;
            }
            chart.addSeries(v.id(), rows.stream().mapToDouble(o -> o.get("seconds").getAsDouble()).toArray(),
                    rows.stream().mapToDouble(o -> o.get("score").getAsDouble()).toArray());
        }
        chart.build().writeTo(out.resolve("convergence.png"));
    }
}
