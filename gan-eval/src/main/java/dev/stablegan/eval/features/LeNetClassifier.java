package dev.stablegan.eval.features;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.djl.Devices;
import dev.stablegan.eval.FeatureMatrix;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained {@link LeNet} as a feature extractor: the 128-d feature layer for FID, KID and PRDC and the softmax
 * of its 10 logits for the Inception-style score, for 28 x 28 gray images.
 *
 * <p>The shipped networks ({@code lenet-mnist}, {@code lenet-fashion-mnist}) are class-path resources made by the
 * recipe {@code ./gan train-classifier}; each comes with a JSON card (SHA-256 of the weights, test accuracy,
 * recipe) and is refused when its weights do not match the card. Scores are named for the network
 * ({@code FID-LeNet-MNIST}) and are not comparable with Inception numbers.
 */
public final class LeNetClassifier implements FeatureExtractor {
    /** Images per forward call. */
    static final int BATCH = 500;
    private static final String RESOURCE_DIR = "/dev/stablegan/eval/features/";

    private final String name;
    private final String scoreSuffix;
    private final JsonObject card;
    private final String sha256;
    private final NDManager manager;
    private final SequentialBlock net;

    private LeNetClassifier(String name, String scoreSuffix, JsonObject card, String sha256, NDManager manager, SequentialBlock net) {
        this.name = name;
        this.scoreSuffix = scoreSuffix;
        this.card = card;
        this.sha256 = sha256;
        this.manager = manager;
        this.net = net;
    }

    /**
     * A shipped network by extractor name ({@code lenet-mnist}, {@code lenet-fashion-mnist}).
     *
     * @throws IllegalArgumentException for a name with no shipped weights
     * @throws IllegalStateException when the shipped weights do not match their card
     */
    public static LeNetClassifier shipped(String name) {
        try (InputStream cardIn = LeNetClassifier.class.getResourceAsStream(RESOURCE_DIR + name + ".json");
                InputStream paramsIn = LeNetClassifier.class.getResourceAsStream(RESOURCE_DIR + name + ".params")) {
            if (cardIn == null || paramsIn == null) {
                throw new IllegalArgumentException("--extractor: no shipped weights for '" + name + "'");
            }
            return verified(name, cardIn.readAllBytes(), paramsIn.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped weights of " + name, e);
        }
    }

    /**
     * Weights checked against the SHA-256 on their card.
     *
     * @throws IllegalStateException when the hash differs
     */
    static LeNetClassifier verified(String name, byte[] cardBytes, byte[] params) throws IOException {
        JsonObject card = JsonParser.parseString(new String(cardBytes, StandardCharsets.UTF_8)).getAsJsonObject();
        String actual = Sha256.of(params);
        String expected = card.get("sha256").getAsString();
        if (!actual.equals(expected)) {
            throw new IllegalStateException(name + ".params: SHA-256 " + actual + " differs from its card's " + expected
                    + "; the weights are damaged");
        }
        return fromBytes(name, card.get("score_suffix").getAsString(), card, params);
    }

    /**
     * Weights written by the recipe ({@code DIR/NAME.params} beside {@code DIR/NAME.json}).
     *
     * @throws IOException when a file is missing or does not hold LeNet weights, naming it
     */
    public static LeNetClassifier load(Path params, Path cardFile) throws IOException {
        JsonObject card = JsonParser.parseString(Files.readString(cardFile)).getAsJsonObject();
        String name = card.get("name").getAsString();
        return fromBytes(name, card.get("score_suffix").getAsString(), card, Files.readAllBytes(params));
    }

    /** A network from its saved parameters; the card supplies provenance. */
    public static LeNetClassifier fromBytes(String name, String scoreSuffix, JsonObject card, byte[] params) throws IOException {
        return fromBytes(name, scoreSuffix, card, params, Devices.defaultDevice());
    }

    /** A network from its saved parameters, on {@code device}; the card supplies provenance. */
    public static LeNetClassifier fromBytes(String name, String scoreSuffix, JsonObject card, byte[] params, Device device)
            throws IOException {
        NDManager manager = Devices.newManager(device);
        try {
            SequentialBlock net = LeNet.network();
            LeNet.initialize(net, manager);
            net.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(params)));
            return new LeNetClassifier(name, scoreSuffix, card, Sha256.of(params), manager, net);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            manager.close();
            throw new IOException(name + ": the weights are not those of this LeNet (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String scoreSuffix() {
        return scoreSuffix;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("sha256", sha256);
        m.put("input", "28x28 gray (BT.601 luma of RGB), scaled to [0, 1]");
        m.put("resize", "none: images must be 28x28");
        m.put("features", LeNet.FEATURE_DIM + "-d penultimate ReLU layer");
        m.put("probabilities", "softmax of the " + LeNet.CLASSES + " logits");
        for (String key : new String[] {"dataset", "test_accuracy", "recipe"}) {
            if (card.has(key)) {
                m.put(key, new Gson().fromJson(card.get(key), Object.class)); // numbers, strings or nested maps
            }
        }
        return m;
    }

    @Override
    public Extraction extract(List<RgbImage> images) {
        ParameterStore store = new ParameterStore(manager, false);
        return BatchedExtraction.run(name, name, images, BATCH, LeNet.FEATURE_DIM, LeNet.CLASSES, manager, (step, batch) -> {
            NDArray x = step.create(ImageTensors.grayUnit(batch, LeNet.SIDE, LeNet.SIDE), new Shape(batch.size(), 1, LeNet.SIDE,
                    LeNet.SIDE));
            NDArray f = LeNet.body(net).forward(store, new NDList(x), false).singletonOrThrow();
            NDArray p = LeNet.head(net).forward(store, new NDList(f), false).singletonOrThrow().softmax(1);
            return new NDArray[] {f, p};
        });
    }

    /** Class predictions (argmax of the logits) of images, for accuracy checks. */
    public int[] predict(List<RgbImage> images) {
        FeatureMatrix p = extract(images).probabilities();
        int[] out = new int[p.rows()];
        for (int i = 0; i < p.rows(); i++) {
            int best = 0;
            for (int c = 1; c < p.cols(); c++) {
                if (p.get(i, c) > p.get(i, best)) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
