package dev.stablegan.examples.robustness;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.Json;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RunFolderLock;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.api.listen.JsonlMetrics;
import dev.stablegan.api.listen.PeriodicCheckpoints;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.data.images.ImageBatchSource;
import dev.stablegan.data.images.ImageDataset;
import dev.stablegan.data.images.ImageResize;
import dev.stablegan.djl.nn.ModelSize;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.djl.train.NonFiniteValuesException;
import dev.stablegan.djl.train.Samples;
import dev.stablegan.djl.train.SpecJson;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.features.Extraction;
import dev.stablegan.eval.features.FeatureExtractor;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.eval.features.RgbImage;
import dev.stablegan.eval.metric.FrechetDistance;
import dev.stablegan.eval.metric.InceptionScore;
import dev.stablegan.eval.metric.KernelInceptionDistance;
import dev.stablegan.examples.ResultFiles;
import dev.stablegan.examples.RunInfo;
import dev.stablegan.examples.SweepRuns;
import dev.stablegan.examples.classifier.ClassifierRecipe;
import dev.stablegan.examples.plot.ImageGrid;
import dev.stablegan.examples.plot.LossCurves;
import dev.stablegan.examples.plot.PngFiles;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WGAN-GP's architecture-robustness grid (Gulrajani et al. 2017, section 5.2, Figure 2): every chosen
 * {@link Family} (a built-in {@link ImageArchitecture} or a user's class) trained with every chosen {@link RobustnessMethod} on one image set, each cell scored and
 * judged, the samples laid out like the paper's figure.
 *
 * <p>Each cell is a resumable job in {@code DIR/<architecture>_<method>/}: {@code checkpoint.ckpt} (saved every
 * twentieth of the steps), {@code metrics.jsonl}, {@code losses.png}, {@code samples.png} and, once scored,
 * {@code result.json}. A cell with a result for the same spec is not trained again; one with only a checkpoint
 * continues from it, so a killed sweep carries on where it stopped. A cell whose losses stop being finite ends
 * there as {@code diverged} (so does a non-finite gradient, which the trainer refuses to apply).
 *
 * <p>Scores come from the network given, named in every score: for MNIST and Fashion-MNIST the data's own classifier
 * (gan-eval's shipped LeNet; not Inception numbers), for colour data such as LSUN a TorchScript Inception the user
 * supplies. Each cell gets the network's score of its generated images and the Frechet and kernel distances of their
 * features to the reference images (the test set, or training images for data without one).
 * Verdict ({@link #verdict}): {@code diverged} (non-finite losses or samples); {@code mode-collapsed} when the
 * generated images' mean pairwise pixel distance is below {@value #COLLAPSE_DIVERSITY} of the training images'
 * (near copies of few images); {@code failed} when their mean pairwise classifier-feature distance is below that
 * ratio of the test images' (they vary, but not as the data does: noise, blobs); {@code trained} otherwise. {@code DIR/results.json}, {@code DIR/results.md} and {@code DIR/grid.png}
 * (rows: architectures, columns: methods) collect every cell.
 */
public final class RobustnessSweep {
    /** Below this ratio of generated to real mean pairwise feature distance a cell is mode-collapsed. */
    public static final double COLLAPSE_DIVERSITY = 0.5;
    static final int GRID_SAMPLES = 36;
    static final int DIVERSITY_SAMPLES = 500;

    /**
     * @param samples generated images scored per cell (at least the score's 10 splits)
     */
    public record Settings(List<Family> architectures, List<RobustnessMethod> methods, RobustnessPreset preset, int size,
            int width, long steps, int samples, long seed) {
        public Settings {
            architectures = List.copyOf(architectures);
            methods = List.copyOf(methods);
            if (architectures.isEmpty() || methods.isEmpty()) {
                throw new IllegalArgumentException("--archs and --methods: each needs at least one name");
            }
            SpecChecks.atLeast("--steps", steps, 1);
            SpecChecks.atLeast("--samples", samples, InceptionScore.DEFAULT_SPLITS);
        }
    }

    private RobustnessSweep() {}

    /** The run of one cell. */
    public static GanSpec spec(Settings s, Family a, RobustnessMethod m, int channels) {
        return new GanSpec(a.generator(RobustnessPreset.LATENT_DIM, channels, s.size(), s.width()),
                a.critic(channels, s.size(), s.width(), m), m.objective(), m.optimizer(),
                m.optimizer(), new ScheduleSpec(m.criticSteps(), s.steps(), s.preset().batch(), false), s.seed());
    }

    /**
     * Refuses, before any work, a {@code --width} whose networks would not fit this machine's memory (estimated for
     * each built-in architecture of the grid, colour images; see {@link ModelSize}). A user's own networks are not
     * estimated: their size need not follow the width.
     *
     * @throws IllegalArgumentException naming {@code --width}, the estimate and the memory
     */
    public static void requireFits(Settings s) {
        for (Family a : s.architectures()) {
            if (Family.builtIns().contains(a)) {
                ModelSize.requireFits("--width", s.width(), 4, w -> spec(new Settings(s.architectures(), s.methods(), s.preset(),
                        s.size(), w, s.steps(), s.samples(), s.seed()), a, s.methods().get(0), 3));
            }
        }
    }

    /**
     * Trains, scores and judges every cell not done yet, then writes the tables and the figure.
     *
     * @param train the training images (gray for the shipped LeNet classifiers)
     * @param realForScores the reference images as the scorer takes them (see {@link #referenceImages})
     * @param scorer the data's shipped LeNet, or a TorchScript Inception
     */
    public static List<Map<String, Object>> run(Settings s, ImageDataset train, List<RgbImage> realForScores, FeatureExtractor scorer,
            Path out, PrintWriter log) throws IOException {
        if (scorer instanceof LeNetClassifier && train.channels() != 1) {
            throw new IllegalArgumentException("dataset " + train.id() + ": the shipped LeNet classifiers score gray images; this one has "
                    + train.channels() + " channels (score colour images with a TorchScript Inception)");
        }
        AtomicFiles.ensureWritableDirectory(out);
        Extraction real = scorer.extract(realForScores);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Family a : s.architectures()) {
            for (RobustnessMethod m : s.methods()) {
                rows.add(cell(s, a, m, train, real, scorer, out, log));
            }
        }
        writeCollected(s, out, rows);
        return rows;
    }

    /** The cell's result: read when it is done (for the same spec), else trained, scored and written. */
    private static Map<String, Object> cell(Settings s, Family a, RobustnessMethod m, ImageDataset train, Extraction real,
            FeatureExtractor scorer, Path out, PrintWriter log) throws IOException {
        String name = cellName(a, m);
        GanSpec spec = spec(s, a, m, train.channels());
        Path result = out.resolve(name).resolve("result.json");
        if (Files.exists(result)) {
            log.printf("robustness: %s already done, not trained again%n", name);
            return readResult(result, spec, new Scoring(train.id(), s.samples(), scorer.describe()));
        }
        return runCell(s, a, m, spec, train, real, scorer, out.resolve(name), log);
    }

    private static String cellName(Family a, RobustnessMethod m) {
        return a.id() + "_" + m.id();
    }

    /**
     * The grid's runs in the order {@code --list-runs} numbers them from 0: architecture by architecture, each with the
     * methods in order; a run's name is its cell folder, such as {@code g-mlp_wgan-gp}.
     */
    public static List<String> runNames(Settings s) {
        List<String> names = new ArrayList<>();
        for (Family a : s.architectures()) {
            for (RobustnessMethod m : s.methods()) {
                names.add(cellName(a, m));
            }
        }
        return names;
    }

    /**
     * The run that {@code --run-index} or {@code --run} names: an index into {@link #runNames}, or a name there.
     *
     * @throws IllegalArgumentException naming the option and the valid range or names
     */
    public static String runName(Settings s, String nameOrNull, Integer indexOrNull) {
        return SweepRuns.select(runNames(s), nameOrNull, indexOrNull);
    }

    /**
     * Trains, scores and judges one cell into {@code out/NAME} (a cluster task's share of the grid), or reads it when done;
     * writes nothing outside the cell's folder.
     */
    public static Map<String, Object> runOne(Settings s, String name, ImageDataset train, List<RgbImage> realForScores,
            FeatureExtractor scorer, Path out, PrintWriter log) throws IOException {
        for (Family a : s.architectures()) {
            for (RobustnessMethod m : s.methods()) {
                if (cellName(a, m).equals(name)) {
                    AtomicFiles.ensureWritableDirectory(out);
                    return cell(s, a, m, train, scorer.extract(realForScores), scorer, out, log);
                }
            }
        }
        throw new IllegalArgumentException("--run: '" + name + "' is not a run of this sweep (--list-runs lists them)");
    }

    /**
     * Writes {@code results.json}, {@code results.md} and {@code grid.png} from the cells that have finished (their
     * {@code result.json}, written last and atomically), training nothing, and names the missing ones. A result of other
     * settings, data or sample count is refused, naming the field.
     *
     * @param datasetId the training data's {@link ImageDataset#id()}
     * @return the finished cells' rows
     * @throws IOException when no cell has finished
     */
    public static List<Map<String, Object>> collect(Settings s, String datasetId, int channels, Path out, PrintWriter log)
            throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Family a : s.architectures()) {
            for (RobustnessMethod m : s.methods()) {
                Path result = out.resolve(cellName(a, m)).resolve("result.json");
                if (Files.exists(result)) {
                    rows.add(readResult(result, spec(s, a, m, channels), new Scoring(datasetId, s.samples(), null)));
                } else {
                    missing.add(cellName(a, m));
                }
            }
        }
        SweepRuns.requireSomeFinished("robustness", out, runNames(s), missing, "result.json", log);
        writeCollected(s, out, rows);
        return rows;
    }

    private static void writeCollected(Settings s, Path out, List<Map<String, Object>> rows) throws IOException {
        AtomicFiles.writeString(out.resolve("results.json"), Json.write(rows) + "\n");
        AtomicFiles.writeString(out.resolve("results.md"), table(rows));
        writeFigure(s, out, out.resolve("grid.png"));
    }

    @SuppressWarnings("try") // the run-folder lock is held for the body, never read
    private static Map<String, Object> runCell(Settings s, Family a, RobustnessMethod m, GanSpec spec, ImageDataset train,
            Extraction real, FeatureExtractor scorer, Path dir, PrintWriter log) throws IOException {
        try (RunFolderLock lock = RunFolderLock.acquire(dir)) {
            return runOwnedCell(s, a, m, spec, train, real, scorer, dir, log);
        }
    }

    private static Map<String, Object> runOwnedCell(Settings s, Family a, RobustnessMethod m, GanSpec spec, ImageDataset train,
            Extraction real, FeatureExtractor scorer, Path dir, PrintWriter log) throws IOException {
        AtomicFiles.ensureWritableDirectory(dir);
        Path checkpoint = dir.resolve("checkpoint.ckpt");
        boolean diverged = false;
        String divergedAt = null;
        float[] samples;
        double seconds;
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new ImageBatchSource(train, log))) {
            trainer.putProvenance("git_revision", RunInfo.gitRevision());
            if (Files.exists(checkpoint)) {
                trainer.resume(checkpoint);
                log.printf("robustness: %s %s resumed at step %d%n", a.id(), m.id(), trainer.currentStep());
            } else {
                log.printf("robustness: training %s with %s, %d steps%n", a.id(), m.id(), s.steps());
            }
            log.flush();
            NonFiniteStop guard = new NonFiniteStop(trainer);
            trainer.addListener(guard);
            trainer.addListener(ConsoleProgress.onStderr());
            trainer.addListener(new JsonlMetrics(dir.resolve("metrics.jsonl"), Math.max(1, s.steps() / 500)));
            trainer.addListener(new PeriodicCheckpoints(trainer, checkpoint, Math.max(50, s.steps() / 20)));
            try {
                trainer.run();
                diverged = guard.stoppedAt >= 0;
                divergedAt = guard.what;
            } catch (NonFiniteValuesException e) {
                // The step that made a non-finite gradient was refused, so the networks are still finite.
                diverged = true;
                divergedAt = e.getMessage();
                log.printf("robustness: %s %s diverged: %s%n", a.id(), m.id(), e.getMessage());
            }
            seconds = trainer.trainedSeconds();
            samples = generate(trainer, s.samples(), s.seed(), train);
        }
        LossCurves.write(dir.resolve("metrics.jsonl"), dir.resolve("losses.png"));
        int pixels = train.channels() * train.height() * train.width();
        int shown = Math.min(GRID_SAMPLES, s.samples());
        PngFiles.write(ImageGrid.of(toUnit(samples, shown * pixels), shown, train.channels(), train.height(), train.width(), 6, 2),
                dir.resolve("samples.png"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("architecture", a.id());
        row.put("method", m.id());
        boolean finiteSamples = allFinite(samples);
        if (!diverged && !finiteSamples) {
            diverged = true;
            divergedAt = "generated images are not finite";
        }
        if (diverged) {
            row.put("verdict", "diverged");
            row.put("diverged", divergedAt);
        } else {
            Extraction fake = scorer.extract(scorer instanceof LeNetClassifier ? forScorer(samples, s.samples(), train.height(), train.width())
                    : asRgb(samples, s.samples(), train.channels(), train.height(), train.width(), "generated"));
            InceptionScore.Result score = InceptionScore.of(fake.probabilities(), InceptionScore.DEFAULT_SPLITS);
            FrechetDistance.Result fid = FrechetDistance.between(real.features(), fake.features());
            int subset = Math.min(KernelInceptionDistance.DEFAULT_SUBSET_SIZE, Math.min(real.features().rows(), fake.features().rows()));
            KernelInceptionDistance.Result kid = KernelInceptionDistance.between(real.features(), fake.features(),
                    KernelInceptionDistance.DEFAULT_SUBSETS, subset, s.seed());
            double diversity = meanPairwiseDistance(fake.features()) / meanPairwiseDistance(real.features());
            double pixelDiversity = meanPairwiseDistance(pixels(samples, s.samples(), pixels))
                    / meanPairwiseDistance(realPixels(train, s.seed()));
            row.put("verdict", verdict(pixelDiversity, diversity));
            row.put("pixel_diversity", pixelDiversity);
            row.put("score_name", "IS-" + scorer.scoreSuffix());
            row.put("score", score.mean());
            row.put("fid_name", "FID-" + scorer.scoreSuffix());
            row.put("fid", fid.value());
            row.put("kid_name", "KID-" + scorer.scoreSuffix());
            row.put("kid", kid.mean());
            row.put("kid_std", kid.std());
            row.put("diversity", diversity);
        }
        row.put("steps", s.steps());
        row.put("samples", s.samples());
        row.put("seconds", seconds);
        // Training images the critic reads per second: a batch per critic step.
        row.put("real_images_per_second", seconds > 0 ? s.steps() * (double) s.preset().batch() * m.criticSteps() / seconds : 0);
        row.put("generator_steps_per_second", seconds > 0 ? s.steps() / seconds : 0);
        row.put("spec", ResultFiles.asMap(SpecJson.toJson(spec)));
        Map<String, Object> provenance = RunInfo.provenance(true);
        provenance.put("extractor", scorer.describe());
        provenance.put("dataset", train.id());
        row.put("provenance", provenance);
        AtomicFiles.writeString(dir.resolve("result.json"), Json.write(row) + "\n");
        log.printf(Locale.ROOT, "robustness: %s %s: %s%n", a.id(), m.id(), row.get("verdict"));
        log.flush();
        return row;
    }

    /**
     * {@code mode-collapsed} when the images are near copies of each other (pixel diversity below
     * {@value #COLLAPSE_DIVERSITY} of the real images'), {@code failed} when they differ but the classifier sees no
     * variety in them (feature diversity below the same ratio: noise or blobs without the data's structure),
     * {@code trained} otherwise.
     */
    static String verdict(double pixelDiversity, double featureDiversity) {
        if (pixelDiversity < COLLAPSE_DIVERSITY) {
            return "mode-collapsed";
        }
        return featureDiversity < COLLAPSE_DIVERSITY ? "failed" : "trained";
    }

    /** The first images as rows of pixels. */
    private static FeatureMatrix pixels(float[] images, int n, int perImage) {
        int rows = Math.min(n, DIVERSITY_SAMPLES);
        double[] v = new double[rows * perImage];
        for (int i = 0; i < v.length; i++) {
            v[i] = images[i];
        }
        return new FeatureMatrix("generated pixels", rows, perImage, v);
    }

    /** {@value #DIVERSITY_SAMPLES} training images drawn by the seed, in {@code [-1, 1]}. */
    private static FeatureMatrix realPixels(ImageDataset train, long seed) throws IOException {
        int per = train.channels() * train.height() * train.width();
        int rows = Math.min(DIVERSITY_SAMPLES, train.size());
        RandomStream random = RandomStream.derive(seed, "robustness-real-pixels");
        double[] v = new double[rows * per];
        for (int r = 0; r < rows; r++) {
            byte[] image = train.image(random.nextInt(train.size()));
            for (int i = 0; i < per; i++) {
                v[r * per + i] = (image[i] & 0xff) / 127.5 - 1;
            }
        }
        return new FeatureMatrix("real pixels", rows, per, v);
    }

    /** Stops the trainer at the first non-finite scalar and remembers which. */
    private static final class NonFiniteStop implements GanListener {
        private final DjlGanTrainer trainer;
        private long stoppedAt = -1;
        private String what;

        NonFiniteStop(DjlGanTrainer trainer) {
            this.trainer = trainer;
        }

        @Override
        public void onStep(StepReport report) {
            for (Map.Entry<String, Double> e : report.scalars().entrySet()) {
                if (!Double.isFinite(e.getValue()) && stoppedAt < 0) {
                    stoppedAt = report.step();
                    what = e.getKey() + " = " + e.getValue() + " at step " + report.step();
                    trainer.requestStop();
                }
            }
        }
    }

    /** {@code n} generated images in {@code [-1, 1]}, channel-major, made in inference mode in batches. */
    static float[] generate(DjlGanTrainer trainer, int n, long seed, ImageDataset shape) {
        return Samples.values(trainer, RandomStream.derive(seed, "robustness-samples"), n,
                shape.channels() * shape.height() * shape.width());
    }

    /**
     * {@code n} training images drawn without replacement by the seed, as RGB at their own size: the reference of the
     * distances for data without a test set of its own (LSUN, emoji, folders). Images that cannot be read are passed
     * over, as in training.
     */
    public static List<RgbImage> referenceImages(ImageDataset train, int n, long seed) throws IOException {
        int count = Math.min(n, train.size());
        int[] order = RandomStream.derive(seed, "robustness-reference").permutation(train.size());
        int per = train.channels() * train.height() * train.width();
        float[] values = new float[count * per];
        int taken = 0;
        IOException last = null;
        for (int k = 0; k < order.length && taken < count; k++) {
            byte[] image;
            try {
                image = train.image(order[k]);
            } catch (IOException e) {
                last = e;
                continue;
            }
            for (int i = 0; i < per; i++) {
                values[taken * per + i] = (image[i] & 0xff) / 127.5f - 1;
            }
            taken++;
        }
        if (taken < count) {
            throw new IOException(train.id() + ": only " + taken + " of " + count + " reference images could be read", last);
        }
        return asRgb(values, count, train.channels(), train.height(), train.width(), train.id());
    }

    /**
     * Images in {@code [-1, 1]}, channel-major, as 8-bit RGB at their own size (gray repeated in all three channels), for
     * a network that resizes them itself (the TorchScript Inception).
     */
    public static List<RgbImage> asRgb(float[] images, int n, int channels, int height, int width, String source) {
        int plane = height * width;
        List<RgbImage> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            byte[] rgb = new byte[3 * plane];
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    float v = images[(k * channels + (channels == 1 ? 0 : c)) * plane + p];
                    rgb[3 * p + c] = (byte) Math.round(255 * Math.max(0f, Math.min(1f, Float.isFinite(v) ? (v + 1) / 2 : 0f)));
                }
            }
            out.add(new RgbImage(source + " " + k, width, height, rgb));
        }
        return out;
    }

    /** Gray generated images resized to the classifier's 28x28, in its gray-in-RGB form. */
    static List<RgbImage> forScorer(float[] images, int n, int height, int width) {
        int side = 28;
        byte[] gray = new byte[n * side * side];
        byte[] one = new byte[height * width];
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < one.length; p++) {
                one[p] = (byte) Math.round(255 * Math.max(0f, Math.min(1f, (images[k * one.length + p] + 1) / 2)));
            }
            System.arraycopy(ImageResize.resizeSquare(one, 1, height, side), 0, gray, k * side * side, side * side);
        }
        return ClassifierRecipe.asImages(new LabelledImages("generated", n, side, side, gray, new byte[n], 1), n);
    }

    /** Mean Euclidean distance between the first {@value #DIVERSITY_SAMPLES} rows, over all pairs. */
    static double meanPairwiseDistance(FeatureMatrix f) {
        int n = Math.min(DIVERSITY_SAMPLES, f.rows());
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            double[] a = f.row(i);
            for (int j = i + 1; j < n; j++) {
                double[] b = f.row(j);
                double d = 0;
                for (int k = 0; k < a.length; k++) {
                    d += (a[k] - b[k]) * (a[k] - b[k]);
                }
                sum += Math.sqrt(d);
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static float[] toUnit(float[] images, int n) {
        float[] out = new float[Math.min(n, images.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.isFinite(images[i]) ? Math.max(0f, Math.min(1f, (images[i] + 1) / 2)) : 0f;
        }
        return out;
    }

    /**
     * What a cell's scores depend on beyond its spec: the training data, the number of generated images scored, and the
     * scoring network ({@code null} where the caller has none open, as when collecting).
     */
    record Scoring(String dataset, int samples, Map<String, Object> extractor) {}

    private static Map<String, Object> readResult(Path result, GanSpec spec, Scoring expected) throws IOException {
        JsonObject o = ResultFiles.readChecked(result, "cell", spec, expected.dataset(), expected.samples());
        JsonElement extractor = ResultFiles.provenance(o).get("extractor");
        if (expected.extractor() != null && !JsonParser.parseString(Json.write(expected.extractor())).equals(extractor)) {
            throw new IllegalArgumentException(result + ": extractor: the cell was scored by '" + extractor + "', this run scores with '"
                    + expected.extractor() + "'" + ResultFiles.advice("cell"));
        }
        return ResultFiles.asMap(o);
    }

    /** A Markdown table: one row per architecture, one column per method, each cell the verdict and scores. */
    static String table(List<Map<String, Object>> rows) {
        List<String> archs = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (!archs.contains((String) r.get("architecture"))) {
                archs.add((String) r.get("architecture"));
            }
            if (!methods.contains((String) r.get("method"))) {
                methods.add((String) r.get("method"));
            }
        }
        StringBuilder b = new StringBuilder();
        Object score = rows.stream().filter(r -> r.containsKey("score_name")).map(r -> r.get("score_name")).findFirst().orElse("score");
        Object fid = rows.stream().filter(r -> r.containsKey("fid_name")).map(r -> r.get("fid_name")).findFirst().orElse("FID");
        Object kid = rows.stream().filter(r -> r.containsKey("kid_name")).map(r -> r.get("kid_name")).findFirst().orElse("KID");
        b.append("Each cell: verdict, ").append(score).append(" (higher is better), ").append(fid).append(" and ").append(kid)
                .append(" (lower is better), seconds of training.\n\n| architecture |");
        methods.forEach(m -> b.append(' ').append(m).append(" |"));
        b.append("\n|---|");
        methods.forEach(m -> b.append("---|"));
        b.append('\n');
        for (String a : archs) {
            b.append("| ").append(a).append(" |");
            for (String m : methods) {
                Map<String, Object> r = rows.stream().filter(x -> a.equals(x.get("architecture")) && m.equals(x.get("method"))).findFirst()
                        .orElse(null);
                if (r == null) {
                    b.append(" - |");
                } else if (!r.containsKey("score")) {
                    b.append(String.format(Locale.ROOT, " %s (%s), %.0f s |", r.get("verdict"), r.get("diverged"), number(r.get("seconds"))));
                } else {
                    b.append(String.format(Locale.ROOT, " %s, %.2f, %.1f, %.3g, %.0f s |", r.get("verdict"), number(r.get("score")),
                            number(r.get("fid")), number(r.get("kid")), number(r.get("seconds"))));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    /** Figure 2's layout: one sample grid per cell, architectures down, methods across, verdicts under each grid. */
    static void writeFigure(Settings s, Path out, Path file) throws IOException {
        int cell = 0;
        List<BufferedImage> tiles = new ArrayList<>();
        for (Family a : s.architectures()) {
            for (RobustnessMethod m : s.methods()) {
                Path png = out.resolve(a.id() + "_" + m.id()).resolve("samples.png");
                BufferedImage tile = Files.exists(png) ? javax.imageio.ImageIO.read(png.toFile()) : null;
                tiles.add(tile);
                if (tile != null) {
                    cell = Math.max(cell, Math.max(tile.getWidth(), tile.getHeight()));
                }
            }
        }
        cell = Math.max(cell, 64);
        int labelWidth = 150;
        int header = 30;
        int caption = 20;
        int cols = s.methods().size();
        int rowsCount = s.architectures().size();
        BufferedImage figure = new BufferedImage(labelWidth + cols * (cell + 10), header + rowsCount * (cell + caption + 10),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ImageGrid.whitePage(figure);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (int c = 0; c < cols; c++) {
            g.drawString(s.methods().get(c).id(), labelWidth + c * (cell + 10) + 4, 20);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int r = 0; r < rowsCount; r++) {
            int y = header + r * (cell + caption + 10);
            g.drawString(s.architectures().get(r).id(), 6, y + cell / 2);
            for (int c = 0; c < cols; c++) {
                int x = labelWidth + c * (cell + 10);
                BufferedImage tile = tiles.get(r * cols + c);
                if (tile != null) {
                    g.drawImage(tile, x, y, null);
                }
                Path result = out.resolve(s.architectures().get(r).id() + "_" + s.methods().get(c).id()).resolve("result.json");
                String verdict = Files.exists(result)
                        ? JsonParser.parseString(Files.readString(result)).getAsJsonObject().get("verdict").getAsString() : "not run";
                g.drawString(verdict, x + 2, y + cell + 14);
            }
        }
        g.dispose();
        PngFiles.write(figure, file);
    }
}
