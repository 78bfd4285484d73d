package dev.stablegan.examples.ssl;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanListener;
import dev.stablegan.api.Json;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RunFolderLock;
import dev.stablegan.api.RunInterruptedException;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.djl.nn.SemiSupervisedNetworks;
import dev.stablegan.djl.train.CheckpointFile;
import dev.stablegan.djl.train.SemiSupervisedGan;
import dev.stablegan.djl.train.SemiSupervisedTrainer;
import dev.stablegan.examples.ResumableFolder;
import dev.stablegan.examples.RunInfo;
import dev.stablegan.examples.plot.ImageGrid;
import dev.stablegan.examples.plot.LineChart;
import dev.stablegan.examples.plot.PngFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Semi-supervised MNIST in the permutation-invariant setting of Salimans et al. 2016 (section 5.1, Table 1):
 * {@code labels / 10} labelled examples per class chosen by the seed, all 60,000 training images as unlabelled
 * data, the authors' networks ({@link SemiSupervisedNetworks}) and settings (batch 100, Adam 0.003 with beta1
 * 0.5, feature matching on the last hidden layer's mean features with the mean squared difference of their MNIST
 * script; the mean absolute difference of their CIFAR-10 and SVHN scripts gave the same curve within noise here).
 * An epoch is 600 steps, one pass over the unlabelled data; after each, the test error of the discriminator on
 * the 10,000 test images (no noise) with its parameters averaged over steps (decay 0.9999), as the authors
 * evaluate with averaged parameters; the error of the current weights is logged beside it.
 *
 * <p>With {@code adversarial = false} the same discriminator is trained on the labelled examples alone for the
 * same number of steps: the baseline the GAN must beat.
 *
 * <p>Writes {@code metrics.jsonl} (one line per epoch, with the test set's confusion matrix), {@code confusion.png} (the
 * latest one), {@code misread.png} (the latest epoch's misread test images, by confusion cell), {@code labelled.png}
 * (the labelled examples, a row per class), {@code learning_curve.png}, {@code samples.png} (100
 * generated digits) and {@code summary.json} ({@code test_error}, {@code test_errors}, {@code labels},
 * {@code epochs}, {@code seconds}, {@code learning_curve}, the confusion matrix and the misread test images of the last
 * epoch trained in this session, the labelled indices and provenance).
 */
public final class SslMnistExperiment {
    public static final int BATCH = 100;
    /** The file, in the output folder, that {@code --resume} continues from; written after every epoch. */
    public static final String CHECKPOINT = "checkpoint.ckpt";
    public static final double LEARNING_RATE = 0.003;
    public static final double BETA1 = 0.5;
    static final int PIXELS = SemiSupervisedNetworks.MNIST_PIXELS;

    /**
     * @param labels labelled examples in all, a multiple of 10 between 10 and 60,000
     * @param epochs passes over the unlabelled data, {@code >= 1}
     * @param adversarial the GAN, or the supervised-only baseline
     * @param stepsPerEpoch 0 for one pass over the training images (600); fewer for quick checks
     * @param featureMatching how the generator compares mean features
     * @param maxMinutes stop after the first epoch that ends past this wall-clock budget (0: no budget)
     * @param decayFrom the epoch after which the learning rate falls linearly to 0 at the end of {@code epochs}
     *     (0: constant, as the authors' 300 epochs)
     */
    public record Settings(int labels, long seed, int epochs, boolean adversarial, int stepsPerEpoch,
            TechniquesSpec.FeatureDistance featureMatching, double maxMinutes, int decayFrom, LabelSet labelSet, long labelSeed) {
        /** The authors' choice of feature-matching distance, no time budget, a constant learning rate, their labelled set. */
        public Settings(int labels, long seed, int epochs, boolean adversarial, int stepsPerEpoch) {
            this(labels, seed, epochs, adversarial, stepsPerEpoch, TechniquesSpec.FeatureDistance.MEAN_SQUARED, 0, 0,
                    LabelSet.AUTHORS, LabelSet.AUTHORS_SEED);
        }

        public Settings {
            if (labelSet == null) {
                throw new IllegalArgumentException("--label-set: required (authors or stream)");
            }
            if (labelSet == LabelSet.AUTHORS && (labelSeed < 0 || labelSeed > 0xffffffffL)) {
                throw new IllegalArgumentException("--label-seed: numpy's RandomState takes 0 <= seed < 2^32, got " + labelSeed);
            }
            if (labels < 10 || labels % 10 != 0) {
                throw new IllegalArgumentException("--labels: must be a positive multiple of 10 (the same count per class), got "
                        + labels);
            }
            SpecChecks.atLeast("--epochs", epochs, 1);
            if (!(maxMinutes >= 0) || !Double.isFinite(maxMinutes)) {
                throw new IllegalArgumentException("--max-minutes: must be a finite number >= 0, got " + maxMinutes);
            }
            if (decayFrom < 0 || (decayFrom > 0 && decayFrom >= epochs)) {
                throw new IllegalArgumentException("--decay-from: must be 0 (no decay) or an epoch before --epochs " + epochs
                        + ", got " + decayFrom);
            }
            SpecChecks.atLeast("--steps-per-epoch", stepsPerEpoch, 0);
        }
    }

    /**
     * How the labelled examples are chosen. {@code AUTHORS}: as Salimans et al.'s {@code train_mnist_feature_matching.py}
     * does with {@code --seed_data S}: numpy's {@code RandomState(S).permutation} over the training images in IDX order,
     * then the first {@code labels / 10} of each class in that order ({@code S = 1}, their default, gives their own 100
     * images); the weights' seed plays no part. {@code STREAM}: the choice of runs before this option, by the project's
     * {@code RandomStream} from {@code --seed} (which then chooses both).
     */
    public enum LabelSet {
        AUTHORS, STREAM;

        /** The authors' default {@code --seed_data}. */
        public static final long AUTHORS_SEED = 1;

        /** {@code authors} or {@code stream}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The set named {@code id}, case-blind. */
        public static LabelSet parse(String id) {
            for (LabelSet l : values()) {
                if (l.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                    return l;
                }
            }
            throw new IllegalArgumentException("--label-set: expected authors or stream, got '" + id + "'");
        }
    }

    /** What the run measured. */
    public record Outcome(double testError, int testErrors, double seconds, List<double[]> curve) {}

    private SslMnistExperiment() {}

    /** A fresh run (an earlier run in {@code out} is replaced). */
    public static Outcome run(Settings s, LabelledImages train, LabelledImages test, Path out, PrintWriter log,
            ConsoleProgress progress) throws IOException {
        return run(s, train, test, out, log, progress, false);
    }

    /**
     * Trains, or with {@code resume} continues the run whose {@value #CHECKPOINT} in {@code out} was written after its
     * last finished epoch (the same settings but for {@code epochs} and {@code maxMinutes}; a learning-rate decay
     * fixes the epochs too). A resumed run trains as the uninterrupted one would: the engine's noise is reseeded at
     * every epoch start, and the time budget counts the training seconds of all its sessions.
     */
    public static Outcome run(Settings s, LabelledImages train, LabelledImages test, Path out, PrintWriter log,
            ConsoleProgress progress, boolean resume) throws IOException {
        return run(s, train, test, out, log, progress, resume, false);
    }

    /**
     * As {@link #run(Settings, LabelledImages, LabelledImages, Path, PrintWriter, ConsoleProgress, boolean)}; a new run
     * (not {@code resume}) in a folder that holds another run's files is refused unless {@code force}, which moves them
     * into {@code out/replaced/}.
     */
    public static Outcome run(Settings s, LabelledImages train, LabelledImages test, Path out, PrintWriter log,
            ConsoleProgress progress, boolean resume, boolean force) throws IOException {
        ResumableFolder.requireOneOf(resume, force);
        // Checked before the folder is claimed, so that a refused resume writes nothing, not even the lock file.
        Path checkpoint = ResumableFolder.checkpoint(out, CHECKPOINT, resume);
        try (RunFolderLock lock = RunFolderLock.acquire(out)) {
            if (!resume) {
                ResumableFolder.prepareForNewRun(lock, force, CHECKPOINT, "ssl-mnist", log::println);
            }
            return runOwned(s, train, test, out, checkpoint, log, progress, resume);
        }
    }

    private static Outcome runOwned(Settings s, LabelledImages train, LabelledImages test, Path out, Path checkpoint,
            PrintWriter log, ConsoleProgress progress, boolean resume) throws IOException {
        if (s.labels() > train.count()) {
            throw new IllegalArgumentException("--labels: " + s.labels() + " exceeds the " + train.count() + " training images");
        }
        CheckpointFile.Contents contents = resume ? CheckpointFile.read(checkpoint) : null;
        JsonObject saved = contents == null ? null : savedState(contents, s);
        Map<String, Object> provenance = RunInfo.provenance(true); // the code that trains, before the run
        int[] labelled = chooseLabelled(train, s);
        int[] labelledByClass = Arrays.stream(labelled).boxed()
                .sorted(java.util.Comparator.comparingInt((Integer i) -> train.label(i)).thenComparingInt(i -> i)).mapToInt(i -> i).toArray();
        PngFiles.write(ImageGrid.gray(rows(train, labelledByClass), labelled.length, train.rows(), train.cols(),
                (labelled.length + 9) / 10, 2),
                out.resolve("labelled.png"));
        int stepsPerEpoch = s.stepsPerEpoch() > 0 ? s.stepsPerEpoch() : train.count() / BATCH;
        Evaluation evaluation = new Evaluation(s, test, out, checkpoint, log, stepsPerEpoch);
        if (saved != null) {
            evaluation.restore(saved);
        }
        // A run resumes with the recipe it began with (checkpoints from before issue 19 have none: port-1); new runs take the authors'.
        SemiSupervisedTrainer.Recipe recipe = saved == null ? SemiSupervisedTrainer.Recipe.AUTHORS : SemiSupervisedGan.recipeOf(saved);
        SemiSupervisedTrainer.Settings ts = new SemiSupervisedTrainer.Settings(10, SemiSupervisedNetworks.LATENT_DIM, LEARNING_RATE,
                BETA1, s.featureMatching(), s.seed(), s.adversarial(), recipe);
        SemiSupervisedGan.Data data = new SemiSupervisedGan.Data(rows(train, labelled), Arrays.stream(labelled).map(train::label).toArray(),
                new SemiSupervisedGan.Rows() {
                    @Override
                    public int count() {
                        return train.count();
                    }

                    @Override
                    public float[] rows(int[] indices, int from, int n) {
                        return SslMnistExperiment.rows(train, indices, from, n);
                    }
                });
        SemiSupervisedGan.Schedule schedule = new SemiSupervisedGan.Schedule(BATCH, stepsPerEpoch, s.epochs(), s.decayFrom());
        try (SemiSupervisedGan gan = new SemiSupervisedGan(ts, SemiSupervisedNetworks.mnistDiscriminatorBody(),
                SemiSupervisedNetworks.mnistDiscriminatorHead(10), SemiSupervisedNetworks.mnistGenerator(), PIXELS, data, schedule)) {
            if (contents != null) {
                gan.resume(contents);
                log.printf("ssl-mnist: resumed %s after epoch %d (%.0f s trained)%n", checkpoint, gan.epochsDone(), evaluation.secondsBefore);
            }
            evaluation.attach(gan);
            if (s.maxMinutes() > 0 && evaluation.secondsBefore / 60 >= s.maxMinutes()) {
                log.printf("ssl-mnist: the %.0f-minute budget was spent before this session; nothing more to train%n", s.maxMinutes());
            } else {
                gan.addListener(progress);
                gan.addListener(evaluation);
                try {
                    gan.run();
                } catch (RunInterruptedException e) {
                    throw evaluation.interrupted(e);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        int testErrors = evaluation.testErrors;
        ConfusionMatrix confusion = evaluation.confusion;
        List<double[]> curve = evaluation.curve;
        if (testErrors < 0) {
            throw new IllegalStateException("ssl-mnist: no epoch was trained");
        }
        double seconds = evaluation.seconds();
        double testError = testErrors / (double) test.count();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("test_error", testError);
        summary.put("test_errors", testErrors);
        if (confusion != null) { // rows: true class, columns: predicted class (the averaged weights, as test_errors)
            summary.put("confusion_matrix", confusion.rows());
            summary.put("misread", evaluation.misread.rows()); // [test index, true class, class read], largest cell first
        }
        summary.put("test_examples", test.count());
        summary.put("labels", s.labels());
        summary.put("epochs", evaluation.epochsDone);
        summary.put("epochs_requested", s.epochs());
        summary.put("max_minutes", s.maxMinutes());
        summary.put("decay_from", s.decayFrom());
        summary.put("steps_per_epoch", stepsPerEpoch);
        summary.put("seconds", seconds);
        summary.put("mode", s.adversarial() ? "gan" : "supervised-baseline");
        summary.put("seed", s.seed());
        summary.put("feature_matching", s.featureMatching().name().toLowerCase(java.util.Locale.ROOT));
        if (saved != null) {
            summary.put("resumed_after_epoch", saved.get("epoch").getAsInt());
        }
        List<Object> c = new ArrayList<>();
        for (double[] point : curve) {
            c.add(List.of((int) point[0], point[1]));
        }
        summary.put("learning_curve", c);
        summary.put("recipe", recipe.id());
        summary.put("label_set", s.labelSet().id());
        if (s.labelSet() == LabelSet.AUTHORS) {
            summary.put("label_seed", s.labelSeed());
        }
        summary.put("weight_seed", s.seed());
        // Positions in the standard IDX training order, class 0 first.
        summary.put("labelled_indices", Arrays.stream(labelledByClass).boxed().toList());
        boolean authors = recipe == SemiSupervisedTrainer.Recipe.AUTHORS;
        provenance.put("recipe", "Salimans et al. 2016 MNIST (PI), " + recipe.id() + ": batch " + BATCH + ", Adam " + LEARNING_RATE
                + " beta1 " + BETA1 + (authors ? " eps " + SemiSupervisedTrainer.AUTHORS_ADAM_EPSILON + " under the root"
                        : " eps " + SemiSupervisedTrainer.ADAM_EPSILON + " after the root")
                + ", parameter average decay " + SemiSupervisedTrainer.AVERAGE_DECAY + (authors ? " from zeros" : " from the start values")
                + ", feature matching (" + s.featureMatching() + "), Gaussian noise 0.3/0.5, weight norm");
        provenance.put("dataset", train.name() + " / " + test.name());
        summary.put("provenance", provenance);
        AtomicFiles.writeString(out.resolve("summary.json"), Json.write(summary) + "\n");
        return new Outcome(testError, testErrors, seconds, curve.stream().map(p -> new double[] {p[0], p[1]}).toList());
    }

    /**
     * The end of every epoch: the test error of the averaged and of the current weights, the confusion matrix, a line of
     * {@code metrics.jsonl}, the checkpoint, the pictures, and the time budget.
     */
    private static final class Evaluation implements GanListener {
        private final Settings settings;
        private final float[] testPixels;
        private final int[] testLabels;
        private final Path out;
        private final Path checkpoint;
        private final Path metrics;
        private final PrintWriter log;
        private final int stepsPerEpoch;
        private final List<double[]> curve = new ArrayList<>();
        private final List<StepReport> epochReports = new ArrayList<>();
        private final long started = System.nanoTime();
        private double secondsBefore;
        private int testErrors = -1;
        private ConfusionMatrix confusion;
        private MisreadDigits misread;
        private final LabelledImages test;
        private int epochsDone;
        private SemiSupervisedGan gan;

        Evaluation(Settings settings, LabelledImages test, Path out, Path checkpoint, PrintWriter log, int stepsPerEpoch) {
            this.settings = settings;
            this.test = test;
            this.testPixels = rows(test, identity(test.count()));
            this.testLabels = new int[test.count()];
            for (int i = 0; i < testLabels.length; i++) {
                testLabels[i] = test.label(i);
            }
            this.out = out;
            this.checkpoint = checkpoint;
            this.metrics = out.resolve("metrics.jsonl");
            this.log = log;
            this.stepsPerEpoch = stepsPerEpoch;
        }

        /** Takes up the curve, seconds and epoch of a checkpoint, and cuts {@code metrics.jsonl} back to its epochs. */
        void restore(JsonObject saved) throws IOException {
            for (var point : saved.getAsJsonArray("curve")) {
                var p = point.getAsJsonArray();
                curve.add(new double[] {p.get(0).getAsDouble(), p.get(1).getAsDouble(), p.get(2).getAsDouble()});
            }
            epochsDone = saved.get("epoch").getAsInt();
            secondsBefore = saved.get("seconds").getAsDouble();
            testErrors = (int) curve.get(curve.size() - 1)[2];
            keepFirstLines(metrics, epochsDone);
        }

        /** Seconds trained: those of the sessions before this one and this session's so far. */
        double seconds() {
            return secondsBefore + (System.nanoTime() - started) / 1e9;
        }

        void attach(SemiSupervisedGan run) {
            this.gan = run;
        }

        @Override
        public void onStep(StepReport report) {
            epochReports.add(report); // read at the epoch's end: on a GPU a step nobody reads waits for nothing
            if (gan.atEpochEnd()) {
                try {
                    endOfEpoch(gan.epochsDone());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        private void endOfEpoch(int epoch) throws IOException {
            Map<String, Double> sums = new LinkedHashMap<>();
            for (StepReport r : epochReports) {
                r.scalars().forEach((k, v) -> {
                    if (!k.equals("epoch")) {
                        sums.merge(k, v, Double::sum);
                    }
                });
            }
            epochReports.clear();
            SemiSupervisedTrainer trainer = gan.trainer();
            int rawErrors = ConfusionMatrix.of(trainer.predict(testPixels, testLabels.length), testLabels, 10).errors();
            int[] predicted = trainer.predictAveraged(testPixels, testLabels.length);
            confusion = ConfusionMatrix.of(predicted, testLabels, 10);
            misread = MisreadDigits.of(predicted, testLabels);
            testErrors = confusion.errors();
            double testError = testErrors / (double) testLabels.length;
            curve.add(new double[] {epoch, testError, testErrors});
            double seconds = seconds();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("epoch", epoch);
            line.put("test_error", testError);
            line.put("test_errors", testErrors);
            line.put("test_errors_current_weights", rawErrors);
            line.put("confusion", confusion.rows());
            sums.forEach((k, v) -> line.put(k, v / stepsPerEpoch));
            line.put("seconds", seconds);
            Files.writeString(metrics, Json.write(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            JsonObject state = new JsonObject();
            state.add("settings", fixedSettings(settings));
            state.addProperty("seconds", seconds);
            state.add("curve", new Gson().toJsonTree(curve));
            gan.saveCheckpoint(checkpoint, state);
            log.printf("ssl-mnist: epoch %d/%d test error %.2f%% (%d of %d; %d with the current weights)%n", epoch, settings.epochs(),
                    100 * testError, testErrors, testLabels.length, rawErrors);
            log.flush();
            writePictures(out, curve, settings.adversarial() ? trainer.sample(100) : null);
            PngFiles.write(confusion.image("test set, epoch " + epoch + ": " + testErrors + " errors (rows: true class)"),
                    out.resolve("confusion.png"));
            PngFiles.write(misread.image(test, "test images misread at epoch " + epoch + ", by cell (" + testErrors + " in all)", 12, 20),
                    out.resolve("misread.png"));
            epochsDone = epoch;
            if (settings.maxMinutes() > 0 && seconds / 60 >= settings.maxMinutes()) {
                log.printf("ssl-mnist: stopping after epoch %d: the %.0f-minute budget is spent%n", epoch, settings.maxMinutes());
                gan.requestStop();
            }
        }

        /** The signal's stop, said in epochs: which one the checkpoint holds and where a resume goes on. */
        RunInterruptedException interrupted(RunInterruptedException e) {
            long step = gan.currentStep();
            int epoch = (int) ((step - 1) / stepsPerEpoch) + 1;
            long inEpoch = step - (long) (epoch - 1) * stepsPerEpoch;
            String where = inEpoch == stepsPerEpoch ? "after epoch " + epoch : "in epoch " + epoch + " (step " + inEpoch + " of "
                    + stepsPerEpoch + ")";
            String held = epochsDone > 0 ? "checkpoint " + checkpoint + " holds epoch " + epochsDone + "; --resume continues from there"
                    + (epochsDone < epoch ? ", repeating epoch " + epoch : "")
                    : "no epoch had finished, so there is no checkpoint; start again";
            return new RunInterruptedException("stopped by " + e.signal() + " " + where + ": " + held, e.step(), e.signal());
        }
    }

    /** The settings a checkpoint must share with the run that resumes it. */
    private static JsonObject fixedSettings(Settings s) {
        JsonObject o = new JsonObject();
        o.addProperty("labels", s.labels());
        o.addProperty("seed", s.seed());
        o.addProperty("adversarial", s.adversarial());
        o.addProperty("steps_per_epoch", s.stepsPerEpoch());
        o.addProperty("feature_matching", s.featureMatching().name());
        o.addProperty("decay_from", s.decayFrom());
        if (s.labelSet() == LabelSet.AUTHORS) { // runs from before the option chose by stream and recorded nothing
            o.addProperty("label_set", s.labelSet().id());
            o.addProperty("label_seed", s.labelSeed());
        }
        if (s.decayFrom() > 0) {
            o.addProperty("epochs", s.epochs());
        }
        return o;
    }

    /** The checkpoint's metadata, checked against {@code s}. */
    private static JsonObject savedState(CheckpointFile.Contents contents, Settings s) throws IOException {
        Path checkpoint = contents.file();
        JsonObject meta;
        try {
            meta = JsonParser.parseString(contents.metadataJson()).getAsJsonObject();
            meta.get("epoch").getAsInt();
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + checkpoint + ": not a checkpoint of ssl-mnist (" + e.getMessage() + ")", e);
        }
        JsonObject want = fixedSettings(s);
        JsonObject had = meta.getAsJsonObject("settings");
        for (String key : want.keySet()) {
            if (had != null && key.startsWith("label_") && !had.has("label_set")) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + ": was written before --label-set existed, with the"
                        + " labelled set of --label-set stream; resume it with --label-set stream");
            }
            if (had == null || !want.get(key).equals(had.get(key))) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + ": was written with " + key.replace('_', '-') + " "
                        + (had == null ? null : had.get(key)) + ", this run has " + want.get(key)
                        + "; resume with the same settings or use another --out");
            }
        }
        int done = meta.get("epoch").getAsInt();
        if (done >= s.epochs()) {
            throw new IllegalArgumentException("--epochs: the run in " + checkpoint.getParent() + " has already trained " + done
                    + " epochs; ask for more to continue it");
        }
        return meta;
    }

    /** Keeps the first {@code n} lines of {@code file}: the epochs a checkpoint covers. */
    private static void keepFirstLines(Path file, int n) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        if (lines.size() < n) {
            throw new IOException(file + ": has " + lines.size() + " epochs, its checkpoint " + n + "; the folder was changed");
        }
        AtomicFiles.writeString(file, lines.subList(0, n).stream().map(l -> l + "\n").reduce("", String::concat));
    }

    /** {@code labels / 10} examples of every class, the first of each class in the label set's shuffle, in index order. */
    static int[] chooseLabelled(LabelledImages train, Settings s) {
        int perClass = s.labels() / 10;
        int[] order = s.labelSet() == LabelSet.AUTHORS ? new NumpyRandomState(s.labelSeed()).permutation(train.count())
                : RandomStream.derive(s.seed(), "labelled").permutation(train.count());
        int[] taken = new int[10];
        List<Integer> chosen = new ArrayList<>();
        for (int i : order) {
            int c = train.label(i);
            if (taken[c] < perClass) {
                taken[c]++;
                chosen.add(i);
            }
        }
        for (int c = 0; c < 10; c++) {
            if (taken[c] < perClass) {
                throw new IllegalArgumentException("--labels: class " + c + " has only " + taken[c] + " training images, "
                        + perClass + " requested");
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static void writePictures(Path out, List<double[]> curve, float[] samples) throws IOException {
        double[] x = new double[curve.size()];
        double[] y = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            x[i] = curve.get(i)[0];
            y[i] = 100 * curve.get(i)[1];
        }
        LineChart.builder().optTitle("Semi-supervised MNIST: test error per epoch").optXLabel("epoch").optYLabel("test error (%)")
                .optLogY(true).addSeries("test error", x, y).build().writeTo(out.resolve("learning_curve.png"));
        if (samples != null) {
            PngFiles.write(ImageGrid.gray(samples, 100, 28, 28, 10, 2), out.resolve("samples.png"));
        }
    }

    static float[] rows(LabelledImages data, int[] indices) {
        return rows(data, indices, 0, indices.length);
    }

    private static float[] rows(LabelledImages data, int[] indices, int from, int n) {
        float[] out = new float[n * PIXELS];
        byte[] pixels = data.pixels();
        for (int k = 0; k < n; k++) {
            int base = indices[from + k] * PIXELS;
            for (int p = 0; p < PIXELS; p++) {
                out[k * PIXELS + p] = (pixels[base + p] & 0xff) / 255f;
            }
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
