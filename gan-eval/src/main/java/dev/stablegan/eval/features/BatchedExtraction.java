package dev.stablegan.eval.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.linalg.Float64Arrays;
import java.util.List;

/** Runs a network over images in batches, each in its own child manager, and gathers features and probabilities. */
final class BatchedExtraction {
    /** One batch through the network: {@code {features (n, featureDim), probabilities (n, classes)}}. */
    interface Network {
        NDArray[] run(NDManager step, List<RgbImage> batch);
    }

    private BatchedExtraction() {}

    /**
     * @param who names the network in messages, for example its file
     * @throws IllegalArgumentException for no images, or outputs of another shape, naming {@code who}
     */
    static Extraction run(String who, String name, List<RgbImage> images, int batchSize, int featureDim, int classes,
            NDManager manager, Network network) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to score");
        }
        int n = images.size();
        double[] features = new double[n * featureDim];
        double[] probabilities = new double[n * classes];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            try (NDManager step = manager.newSubManager()) {
                NDArray[] out = network.run(step, images.subList(from, to));
                copyRows(who, "features", out[0], to - from, featureDim, features, from);
                copyRows(who, "probabilities", out[1], to - from, classes, probabilities, from);
            }
        }
        return new Extraction(new FeatureMatrix(name + " features of " + n + " images", n, featureDim, features),
                new FeatureMatrix(name + " probabilities of " + n + " images", n, classes, probabilities));
    }

    private static void copyRows(String who, String what, NDArray out, int rows, int cols, double[] target, int fromRow) {
        Shape expected = new Shape(rows, cols);
        if (!out.getShape().equals(expected)) {
            throw new IllegalArgumentException(who + ": returned " + what + " of shape " + out.getShape() + ", expected " + expected);
        }
        System.arraycopy(Float64Arrays.download(out), 0, target, fromRow * cols, rows * cols);
    }
}
