package dev.stablegan.examples.ablation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.Json;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RunFolderLock;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.api.listen.PeriodicCheckpoints;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.djl.train.BatchSource;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.djl.train.Samples;
import dev.stablegan.djl.train.SpecJson;
import dev.stablegan.eval.features.Extraction;
import dev.stablegan.eval.features.FeatureExtractor;
import dev.stablegan.eval.features.RgbImage;
import dev.stablegan.eval.metric.FrechetDistance;
import dev.stablegan.eval.metric.InceptionScore;
import dev.stablegan.examples.ResultFiles;
import dev.stablegan.examples.RunInfo;
import dev.stablegan.examples.SweepRuns;
import dev.stablegan.examples.classifier.ClassifierRecipe;
import dev.stablegan.examples.plot.ImageGrid;
import dev.stablegan.examples.plot.PngFiles;
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
 * An ablation of the Improved-GAN techniques on 28x28 gray images, after the paper's CIFAR-10 table (Salimans et al.
 * 2016, section 6, Table 3): the DCGAN pair (32x32, the images padded with background) trained with every technique
 * this project offers, then with each removed in turn, and with none. Every variant shares the seed, the data
 * order, the optimizer (Adam 2e-4, beta1 0.5, both players) and the number of steps.
 *
 * <p>"all": feature matching (mean absolute distance) for the generator, minibatch discrimination (B kernels of 5
 * dimensions), historical averaging (weight 1e-3 per parameter-sum of squares), one-sided label smoothing (real
 * target 0.9), virtual batch norm in the generator (a reference batch of R latent vectors). "-vbn" puts batch norm
 * back. "-fm-X" removes X from the set without feature matching. "none" is the plain non-saturating DCGAN.
 *
 * <p>Scores come from a classifier of the data's own domain (gan-eval's shipped LeNet, named in every score):
 * the classifier's score of {@code samples} generated images (10 splits) and their Frechet distance in its
 * features to the test images. They are not Inception numbers. Each variant trains in {@code DIR/<variant>/}, which
 * one process owns at a time, with a {@code checkpoint.ckpt} every twentieth of the steps, and when finished writes
 * {@code result.json} and {@code samples.png}; a variant whose result exists is not trained again and one with only a
 * checkpoint continues from it, so a killed ablation resumes where it stopped. {@code DIR/results.json} and
 * {@code DIR/results.md} collect the rows; each variant is also a run of {@link #runNames} for a cluster job array.
 */
public final class ImprovedGanAblation {
    public static final int IMAGE = 32;
    public static final int LATENT = 100;
    public static final double SMOOTHED_LABEL = 0.9;
    public static final double HISTORICAL_WEIGHT = 1e-3;
    public static final int KERNEL_DIMS = 5;

    /**
     * @param steps generator steps per variant (one critic step each)
     * @param batch minibatch size
     * @param width DCGAN base width {@code w}
     * @param kernels minibatch-discrimination kernels B
     * @param reference virtual batch norm's reference size R
     * @param samples generated images scored per variant
     */
    public record Settings(long steps, int batch, int width, int kernels, int reference, int samples, long seed) {
        public Settings {
            positive("--steps", steps);
            positive("--batch", batch);
            positive("--width", width);
            positive("--kernels", kernels);
            positive("--reference", reference);
            if (samples < InceptionScore.DEFAULT_SPLITS) {
                throw new IllegalArgumentException("--samples: must be >= " + InceptionScore.DEFAULT_SPLITS + " (the score's splits), got "
                        + samples);
            }
        }

        private static void positive(String option, long value) {
            SpecChecks.atLeast(option, value, 1);
        }
    }

    /** One row of the table. */
    public record Variant(String name, String description, TechniquesSpec techniques, double realLabel) {}

    /**
     * The variants in table order: all, each technique removed, then each removed from the set without feature
     * matching (which dominates the first comparison), and none.
     */
    public static List<Variant> variants(Settings s) {
        TechniquesSpec all = TechniquesSpec.NONE.withFeatureMatching(TechniquesSpec.FeatureDistance.MEAN_ABSOLUTE)
                .withMinibatchDiscrimination(s.kernels(), KERNEL_DIMS).withHistoricalAveraging(HISTORICAL_WEIGHT)
                .withVirtualBatchNorm(s.reference());
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("all", "every technique", all, SMOOTHED_LABEL));
        v.add(new Variant("-fm", "without feature matching (non-saturating generator loss)", all.withFeatureMatching(null),
                SMOOTHED_LABEL));
        v.add(new Variant("-mbd", "without minibatch discrimination", all.withMinibatchDiscrimination(0, 0), SMOOTHED_LABEL));
        v.add(new Variant("-ha", "without historical averaging", all.withHistoricalAveraging(0), SMOOTHED_LABEL));
        v.add(new Variant("-ls", "without label smoothing (real target 1)", all, 1.0));
        v.add(new Variant("-vbn", "batch norm instead of virtual batch norm", all.withVirtualBatchNorm(0), SMOOTHED_LABEL));
        TechniquesSpec noFm = all.withFeatureMatching(null);
        v.add(new Variant("-fm-mbd", "without feature matching and minibatch discrimination", noFm.withMinibatchDiscrimination(0, 0),
                SMOOTHED_LABEL));
        v.add(new Variant("-fm-ha", "without feature matching and historical averaging", noFm.withHistoricalAveraging(0), SMOOTHED_LABEL));
        v.add(new Variant("-fm-ls", "without feature matching and label smoothing", noFm, 1.0));
        v.add(new Variant("-fm-vbn", "without feature matching, batch norm instead of virtual batch norm", noFm.withVirtualBatchNorm(0),
                SMOOTHED_LABEL));
        v.add(new Variant("none", "plain DCGAN, non-saturating loss", TechniquesSpec.NONE, 1.0));
        return v;
    }

    /** The variants named in {@code list} (comma separated), in table order; {@code "all-variants"} for every one. */
    public static List<Variant> select(Settings s, String list) {
        List<Variant> known = variants(s);
        if (list.strip().equals("all-variants")) {
            return known;
        }
        List<String> names = List.of(list.split(","));
        List<Variant> chosen = new ArrayList<>();
        for (String n : names) {
            if (known.stream().noneMatch(v -> v.name().equals(n.strip()))) {
                throw new IllegalArgumentException("--variants: unknown variant '" + n.strip() + "'; choose from "
                        + String.join(", ", known.stream().map(Variant::name).toList()) + " or all-variants");
            }
        }
        for (Variant v : known) {
            if (names.stream().anyMatch(n -> n.strip().equals(v.name()))) {
                chosen.add(v);
            }
        }
        return chosen;
    }

    public static GanSpec spec(Settings s, Variant v) {
        OptimizerSpec adam = new OptimizerSpec.Adam(2e-4, 0.5, 0.999);
        return new GanSpec(new NetworkSpec.Dcgan32Generator(LATENT, 1, s.width()), new NetworkSpec.Dcgan32Critic(1, s.width()),
                new ObjectiveSpec.Minimax(true, v.realLabel()), adam, adam, new ScheduleSpec(1, s.steps(), s.batch(), false), s.seed(),
                v.techniques());
    }

    private ImprovedGanAblation() {}

    /**
     * Trains and scores every variant not yet done under {@code out}, then writes the tables.
     *
     * @param scorer the domain classifier; its name and score suffix label the columns
     */
    public static List<Map<String, Object>> run(Settings s, List<Variant> chosen, LabelledImages train, LabelledImages test,
            FeatureExtractor scorer, Path out, PrintWriter log, ConsoleProgress progress) throws IOException {
        checkFits(train);
        AtomicFiles.ensureWritableDirectory(out);
        Extraction real = scorer.extract(ClassifierRecipe.asImages(test, test.count()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Variant v : chosen) {
            rows.add(variant(s, v, train, test, real, scorer, out, log, progress));
        }
        writeTables(out, rows);
        return rows;
    }

    /** The runs of {@code --list-runs}: the chosen variants' names, in table order. */
    public static List<String> runNames(List<Variant> chosen) {
        return chosen.stream().map(Variant::name).toList();
    }

    /**
     * Trains and scores the variant {@code name} into {@code out/NAME} (a cluster task's share), or reads it when done;
     * writes nothing outside the variant's folder.
     */
    public static Map<String, Object> runOne(Settings s, List<Variant> chosen, String name, LabelledImages train, LabelledImages test,
            FeatureExtractor scorer, Path out, PrintWriter log, ConsoleProgress progress) throws IOException {
        checkFits(train);
        Variant v = chosen.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--run: '" + name + "' is not a run of this sweep (--list-runs lists them)"));
        AtomicFiles.ensureWritableDirectory(out);
        Extraction real = scorer.extract(ClassifierRecipe.asImages(test, test.count()));
        return variant(s, v, train, test, real, scorer, out, log, progress);
    }

    /**
     * Writes {@code results.json} and {@code results.md} from the variants that have finished (their {@code result.json},
     * written last and atomically), training nothing, and names the missing ones.
     *
     * @throws IOException when no variant has finished
     */
    public static List<Map<String, Object>> collect(Settings s, List<Variant> chosen, String dataset, Path out, PrintWriter log)
            throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Variant v : chosen) {
            Path result = out.resolve(v.name()).resolve("result.json");
            if (Files.exists(result)) {
                rows.add(readResult(result, spec(s, v), dataset, s.samples()));
            } else {
                missing.add(v.name());
            }
        }
        SweepRuns.requireSomeFinished("ablation", out, runNames(chosen), missing, "result.json", log);
        writeTables(out, rows);
        return rows;
    }

    private static void checkFits(LabelledImages train) {
        if (train.rows() > IMAGE || train.cols() > IMAGE) {
            throw new IllegalArgumentException("dataset '" + train.name() + "': images of " + train.cols() + "x" + train.rows()
                    + " do not fit the " + IMAGE + "x" + IMAGE + " networks");
        }
    }

    private static void writeTables(Path out, List<Map<String, Object>> rows) throws IOException {
        AtomicFiles.writeString(out.resolve("results.json"), Json.write(rows) + "\n");
        AtomicFiles.writeString(out.resolve("results.md"), table(rows));
    }

    /** The variant's row: read when done (for the same spec, data and sample count), else trained, scored and written. */
    private static Map<String, Object> variant(Settings s, Variant v, LabelledImages train, LabelledImages test, Extraction real,
            FeatureExtractor scorer, Path out, PrintWriter log, ConsoleProgress progress) throws IOException {
        Path dir = out.resolve(v.name());
        Path result = dir.resolve("result.json");
        GanSpec spec = spec(s, v);
        String dataset = datasetName(train, test);
        if (Files.exists(result)) {
            Map<String, Object> done = readResult(result, spec, dataset, s.samples());
            log.printf("ablation: %s already done (%s), not trained again%n", v.name(), result);
            return done;
        }
        try (RunFolderLock lock = RunFolderLock.acquire(dir)) {
            return trainVariant(s, v, spec, lock, train, dataset, real, scorer, log, progress);
        }
    }

    private static String datasetName(LabelledImages train, LabelledImages test) {
        return train.name() + " / " + test.name();
    }

    /** Trains (continuing from the variant's checkpoint when there is one), scores and writes the variant's files. */
    private static Map<String, Object> trainVariant(Settings s, Variant v, GanSpec spec, RunFolderLock lock, LabelledImages train,
            String dataset, Extraction real, FeatureExtractor scorer, PrintWriter log, ConsoleProgress progress) throws IOException {
        Path dir = lock.file().getParent();
        Path checkpoint = dir.resolve("checkpoint.ckpt");
        float[] images;
        double seconds;
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new PaddedImages(train))) {
            trainer.putProvenance("git_revision", RunInfo.gitRevision());
            if (Files.exists(checkpoint)) {
                trainer.resume(checkpoint);
                log.printf("ablation: %s resumed at step %d%n", v.name(), trainer.currentStep());
            } else {
                log.printf("ablation: training %s (%s), %d steps%n", v.name(), v.description(), s.steps());
            }
            log.flush();
            trainer.addListener(progress);
            trainer.addListener(new PeriodicCheckpoints(trainer, checkpoint, Math.max(50, s.steps() / 20)));
            trainer.run();
            seconds = trainer.trainedSeconds();
            images = generate(trainer, s.samples(), s.seed());
        }
        List<RgbImage> cropped = cropped(images, s.samples(), train.rows(), train.cols());
        Extraction fake = scorer.extract(cropped);
        InceptionScore.Result score = InceptionScore.of(fake.probabilities(), InceptionScore.DEFAULT_SPLITS);
        FrechetDistance.Result fid = FrechetDistance.between(real.features(), fake.features());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("variant", v.name());
        row.put("description", v.description());
        row.put("score_name", "IS-" + scorer.scoreSuffix());
        row.put("score", score.mean());
        row.put("score_std", score.std());
        row.put("fid_name", "FID-" + scorer.scoreSuffix());
        row.put("fid", fid.value());
        row.put("samples", s.samples());
        row.put("steps", s.steps());
        row.put("seconds", seconds);
        row.put("spec", ResultFiles.asMap(SpecJson.toJson(spec)));
        Map<String, Object> provenance = RunInfo.provenance(true);
        provenance.put("extractor", scorer.describe());
        provenance.put("dataset", dataset);
        row.put("provenance", provenance);
        PngFiles.write(ImageGrid.gray(toUnit(images, 100), Math.min(100, s.samples()), IMAGE, IMAGE, 10, 2), dir.resolve("samples.png"));
        AtomicFiles.writeString(dir.resolve("result.json"), Json.write(row) + "\n");
        log.printf(Locale.ROOT, "ablation: %s: %s %.2f (std %.2f), %s %.2f, %.0f s%n", v.name(), row.get("score_name"), score.mean(),
                score.std(), row.get("fid_name"), fid.value(), seconds);
        log.flush();
        return row;
    }

    private static Map<String, Object> readResult(Path result, GanSpec spec, String dataset, int samples) throws IOException {
        return ResultFiles.asMap(ResultFiles.readChecked(result, "variant", spec, dataset, samples));
    }

    /** A Markdown table of the rows. */
    static String table(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder();
        if (rows.isEmpty()) {
            return "(no variant)\n";
        }
        b.append("| variant | ").append(rows.get(0).get("score_name")).append(" (std) | ").append(rows.get(0).get("fid_name"))
                .append(" | seconds |\n|---|---|---|---|\n");
        for (Map<String, Object> r : rows) {
            b.append(String.format(Locale.ROOT, "| %s: %s | %.2f (%.2f) | %.2f | %.0f |%n", r.get("variant"), r.get("description"),
                    number(r.get("score")), number(r.get("score_std")), number(r.get("fid")), number(r.get("seconds"))));
        }
        return b.toString();
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    /** {@code n} generated 32x32 images in {@code [-1, 1]}, row-major, made in inference mode in batches. */
    static float[] generate(DjlGanTrainer trainer, int n, long seed) {
        return Samples.values(trainer, RandomStream.derive(seed, "ablation-samples"), n, IMAGE * IMAGE);
    }

    /** The first {@code n} images mapped from {@code [-1, 1]} to {@code [0, 1]}. */
    private static float[] toUnit(float[] images, int n) {
        int count = Math.min(n, images.length / (IMAGE * IMAGE));
        float[] out = new float[count * IMAGE * IMAGE];
        for (int i = 0; i < out.length; i++) {
            out[i] = (images[i] + 1) / 2;
        }
        return out;
    }

    /** The centre {@code rows x cols} of each 32x32 image as 8-bit gray, in the classifier's gray-in-RGB form. */
    static List<RgbImage> cropped(float[] images, int n, int rows, int cols) {
        int top = (IMAGE - rows) / 2;
        int left = (IMAGE - cols) / 2;
        byte[] gray = new byte[n * rows * cols];
        for (int k = 0; k < n; k++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    float v = images[(k * IMAGE + top + y) * IMAGE + left + x];
                    gray[(k * rows + y) * cols + x] = (byte) Math.round(255 * Math.max(0f, Math.min(1f, (v + 1) / 2)));
                }
            }
        }
        LabelledImages generated = new LabelledImages("generated", n, rows, cols, gray, new byte[n], 1);
        return ClassifierRecipe.asImages(generated, n);
    }

    /** The images padded with background (-1) to 32x32 and scaled to {@code [-1, 1]}; a batch draws indices with replacement. */
    static final class PaddedImages implements BatchSource {
        private final LabelledImages images;

        PaddedImages(LabelledImages images) {
            this.images = images;
        }

        @Override
        public long[] exampleShape() {
            return new long[] {1, IMAGE, IMAGE};
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int batchSize) {
            float[] v = new float[batchSize * IMAGE * IMAGE];
            java.util.Arrays.fill(v, -1f);
            int top = (IMAGE - images.rows()) / 2;
            int left = (IMAGE - images.cols()) / 2;
            for (int k = 0; k < batchSize; k++) {
                int i = random.nextInt(images.count());
                for (int y = 0; y < images.rows(); y++) {
                    for (int x = 0; x < images.cols(); x++) {
                        v[(k * IMAGE + top + y) * IMAGE + left + x] = images.pixel(i, y, x) / 127.5f - 1;
                    }
                }
            }
            return manager.create(v, new Shape(batchSize, 1, IMAGE, IMAGE));
        }

        @Override
        public String identity() {
            return images.name() + " (padded to 32x32)";
        }
    }
}
