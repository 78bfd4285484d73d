package dev.stablegan.examples.classifier;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.Json;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.djl.nn.Networks;
import dev.stablegan.djl.optim.Adam;
import dev.stablegan.eval.features.Extraction;
import dev.stablegan.eval.features.LeNet;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.eval.features.RgbImage;
import dev.stablegan.eval.features.Sha256;
import dev.stablegan.eval.metric.FrechetDistance;
import dev.stablegan.eval.metric.InceptionScore;
import dev.stablegan.eval.metric.KernelInceptionDistance;
import dev.stablegan.examples.RunInfo;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipe of the shipped {@link LeNet} classifiers: plain supervised training with softmax cross-entropy,
 * reproducible bit for bit for a given seed, thread count and libtorch.
 *
 * <p>Adam ({@code lr 1e-3}, betas {@code (0.9, 0.999)}) with the learning rate decaying linearly to 0 over the
 * run ({@code lr_t = lr (1 - t / T)}), batch 128, examples shuffled each epoch by a seeded
 * stream, weights initialized from the engine's generator seeded by {@code seed}, no augmentation. After
 * training it measures the test accuracy and the real-data baselines of the scores the network defines:
 * FID/KID between the first 10,000 training images and the 10,000 test images (the floor a perfect generator
 * would reach) and the Inception-style score of the test set (the ceiling).
 */
public final class ClassifierRecipe {
    public static final int BATCH = 128;
    public static final double LEARNING_RATE = 1e-3;
    /** Training images compared with the test set for the FID floor. */
    public static final int BASELINE_SAMPLES = 10_000;

    /**
     * @param name extractor name, for example {@code lenet-mnist}
     * @param scoreSuffix score label suffix, for example {@code LeNet-MNIST}
     * @param datasetId the {@code --dataset} name of the data
     * @param dataset description of the data
     * @param epochs passes over the training set, {@code >= 1}
     * @param seed seed of initialization and shuffling
     * @param trainLimit use only the first this many training examples (0: all), for quick checks
     */
    public record Settings(String name, String scoreSuffix, String datasetId, String dataset, int epochs, long seed, int trainLimit) {
        public Settings {
            SpecChecks.atLeast("--epochs", epochs, 1);
            SpecChecks.atLeast("--train-limit", trainLimit, 0);
        }
    }

    /** What a run wrote and measured. */
    public record Outcome(Path params, Path card, double testAccuracy, int testErrors, double seconds, JsonObject cardJson) {}

    private ClassifierRecipe() {}

    /** Trains, measures, and writes {@code out/NAME.params} and {@code out/NAME.json} (atomically). */
    public static Outcome run(Settings settings, LabelledImages train, LabelledImages test, Path out, ConsoleProgress progress)
            throws IOException {
        LabelledImages data = settings.trainLimit() > 0 ? train.first(settings.trainLimit()) : train;
        Map<String, Object> provenance = RunInfo.provenance(true); // the code that trains, not what is checked out later
        long started = System.nanoTime();
        byte[] params;
        try (NDManager manager = Devices.newManager(Devices.defaultDevice())) {
            Engine.getInstance().setRandomSeed((int) (settings.seed() ^ (settings.seed() >>> 32)));
            SequentialBlock net = LeNet.network();
            LeNet.initialize(net, manager);
            List<Parameter> parameters = Networks.parameters(net);
            ParameterStore store = new ParameterStore(manager, false);
            RandomStream shuffle = RandomStream.derive(settings.seed(), "shuffle");
            int batchesPerEpoch = (data.count() + BATCH - 1) / BATCH;
            long total = (long) batchesPerEpoch * settings.epochs();
            progress.onStart(null, 0);
            long step = 0;
            try (Adam adam = new Adam(new OptimizerSpec.Adam(LEARNING_RATE, 0.9, 0.999), manager)) {
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    int[] order = shuffle.permutation(data.count());
                    for (int b = 0; b < batchesPerEpoch; b++) {
                        int from = b * BATCH;
                        int to = Math.min(data.count(), from + BATCH);
                        double lrFactor = 1.0 - (double) step / total;
                        double loss = trainStep(manager, store, net, parameters, adam, lrFactor, data, order, from, to);
                        step++;
                        Map<String, Double> scalars = new LinkedHashMap<>();
                        scalars.put("epoch", epoch + 1.0);
                        scalars.put("loss", loss);
                        progress.onStep(new StepReport(step, total, scalars, 0));
                    }
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveParameters(new DataOutputStream(bytes));
            params = bytes.toByteArray();
        }
        double trainSeconds = (System.nanoTime() - started) / 1e9;

        JsonObject card = new JsonObject();
        card.addProperty("name", settings.name());
        card.addProperty("score_suffix", settings.scoreSuffix());
        card.addProperty("dataset", settings.dataset());
        card.addProperty("sha256", Sha256.of(params));
        try (LeNetClassifier classifier = LeNetClassifier.fromBytes(settings.name(), settings.scoreSuffix(), card, params)) {
            int[] predicted = classifier.predict(asImages(test, test.count()));
            int errors = 0;
            for (int i = 0; i < test.count(); i++) {
                errors += predicted[i] == test.label(i) ? 0 : 1;
            }
            double accuracy = 1.0 - errors / (double) test.count();
            card.addProperty("test_accuracy", accuracy);
            card.addProperty("test_errors", errors);
            card.addProperty("test_examples", test.count());
            card.add("recipe", recipe(settings, data.count(), provenance));
            card.add("baselines", baselines(classifier, train, test));
            card.addProperty("train_seconds", trainSeconds);
            Path paramsFile = out.resolve(settings.name() + ".params");
            Path cardFile = out.resolve(settings.name() + ".json");
            AtomicFiles.write(paramsFile, stream -> stream.write(params));
            AtomicFiles.writeString(cardFile, new GsonBuilder().setPrettyPrinting().create().toJson(card) + "\n");
            return new Outcome(paramsFile, cardFile, accuracy, errors, trainSeconds, card);
        }
    }

    private static double trainStep(NDManager manager, ParameterStore store, SequentialBlock net, List<Parameter> parameters,
            Adam adam, double lrFactor, LabelledImages data, int[] order, int from, int to) {
        int n = to - from;
        int pixels = LeNet.SIDE * LeNet.SIDE;
        float[] x = new float[n * pixels];
        float[] target = new float[n * LeNet.CLASSES];
        for (int k = 0; k < n; k++) {
            int i = order[from + k];
            for (int p = 0; p < pixels; p++) {
                x[k * pixels + p] = (data.pixels()[i * pixels + p] & 0xff) / 255f;
            }
            target[k * LeNet.CLASSES + data.label(i)] = 1f;
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(x, new Shape(n, 1, LeNet.SIDE, LeNet.SIDE));
            NDArray oneHot = scope.create(target, new Shape(n, LeNet.CLASSES));
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(store, new NDList(input), true).singletonOrThrow();
                NDArray crossEntropy = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
                loss = crossEntropy.getFloat();
                collector.backward(crossEntropy);
            }
            adam.step(parameters, lrFactor);
            return loss;
        }
    }

    private static JsonObject recipe(Settings s, int trainExamples, Map<String, Object> provenance) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "./gan train-classifier --dataset " + s.datasetId() + " --epochs " + s.epochs() + " --seed " + s.seed()
                + " --threads " + EngineSetup.threads());
        r.put("optimizer", "Adam lr 1e-3 betas (0.9, 0.999), linear decay to 0");
        r.put("batch", BATCH);
        r.put("epochs", s.epochs());
        r.put("seed", s.seed());
        r.put("train_examples", trainExamples);
        r.putAll(provenance);
        return JsonParser.parseString(Json.write(r)).getAsJsonObject();
    }

    /** FID/KID of training against test images (the floor) and the score of the test set (the ceiling). */
    private static JsonObject baselines(LeNetClassifier classifier, LabelledImages train, LabelledImages test) {
        int n = Math.min(BASELINE_SAMPLES, train.count());
        Extraction trainFeatures = classifier.extract(asImages(train, n));
        Extraction testFeatures = classifier.extract(asImages(test, test.count()));
        FrechetDistance.Result fid = FrechetDistance.between(trainFeatures.features(), testFeatures.features());
        int subsetSize = Math.min(KernelInceptionDistance.DEFAULT_SUBSET_SIZE, Math.min(n, test.count()));
        KernelInceptionDistance.Result kid = KernelInceptionDistance.between(trainFeatures.features(), testFeatures.features(),
                KernelInceptionDistance.DEFAULT_SUBSETS, subsetSize, 0L);
        InceptionScore.Result testScore = InceptionScore.of(testFeatures.probabilities(), InceptionScore.DEFAULT_SPLITS);
        InceptionScore.Result trainScore = InceptionScore.of(trainFeatures.probabilities(), InceptionScore.DEFAULT_SPLITS);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("fid_train_vs_test", fid.value());
        b.put("kid_train_vs_test", kid.mean());
        b.put("kid_train_vs_test_std", kid.std());
        b.put("score_test", testScore.mean());
        b.put("score_test_std", testScore.std());
        b.put("score_train", trainScore.mean());
        b.put("train_samples", n);
        b.put("test_samples", test.count());
        return JsonParser.parseString(Json.write(b)).getAsJsonObject();
    }

    /** The first {@code n} images as RGB (gray replicated), the form extractors take. */
    public static List<RgbImage> asImages(LabelledImages data, int n) {
        int side = data.rows() * data.cols();
        List<RgbImage> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[3 * side];
            for (int p = 0; p < side; p++) {
                byte v = data.pixels()[i * side + p];
                rgb[3 * p] = v;
                rgb[3 * p + 1] = v;
                rgb[3 * p + 2] = v;
            }
            images.add(new RgbImage(data.name() + "[" + i + "]", data.cols(), data.rows(), rgb));
        }
        return images;
    }
}
