package dev.stablegan.eval.features;

import java.util.List;
import java.util.Map;

/**
 * A network that turns images into features and class probabilities for the sample scores.
 *
 * <p>Scores are named for the network that made them ({@code FID-LeNet-MNIST}, {@code FID-Inception}), since the
 * numbers of different networks are not comparable; {@link #describe()} gives everything that changes them
 * (weights hash, input size, resize, layer).
 */
public interface FeatureExtractor extends AutoCloseable {
    /** The name users pass to {@code --extractor}. */
    String name();

    /** The label of a score made with this network: {@code "FID"} becomes {@code "FID-" + scoreSuffix()}. */
    String scoreSuffix();

    /** Provenance: at least {@code name}, {@code sha256} of the weights, {@code input} and {@code resize}. */
    Map<String, Object> describe();

    /**
     * Features and probabilities of {@code images}, in order.
     *
     * @throws IllegalArgumentException when an image does not suit the network, naming the image
     */
    Extraction extract(List<RgbImage> images);

    @Override
    void close();
}
