package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import dev.stablegan.api.TechniquesSpec;

/**
 * Feature matching (Salimans et al. 2016, section 3.1): the generator matches the mean of an intermediate
 * critic layer's features on real data instead of maximizing the critic's output.
 *
 * <p>{@code SQUARED_L2}: {@code || mean_x f(x) - mean_z f(G(z)) ||_2^2}, the paper's objective.
 * {@code MEAN_SQUARED}: the same divided by the feature count, {@code mean_k (.)^2}, what the authors' MNIST
 * scripts minimize ({@code openai/improved-gan}, {@code train_mnist_feature_matching.py}).
 * {@code MEAN_ABSOLUTE}: {@code mean_k | mean_x f(x)_k - mean_z f(G(z))_k |}, what their CIFAR-10 and SVHN
 * scripts minimize. Feature arrays are
 * {@code (N, ...)}; the real and generated batches may differ in size. Pass real features detached: only the
 * generator learns from this loss.
 */
public final class FeatureMatching {
    private FeatureMatching() {}

    /** The loss as a 0-dimensional array. */
    public static NDArray loss(NDArray realFeatures, NDArray fakeFeatures, TechniquesSpec.FeatureDistance distance) {
        if (!realFeatures.getShape().slice(1).equals(fakeFeatures.getShape().slice(1))) {
            throw new IllegalArgumentException("feature shapes differ: real " + realFeatures.getShape() + ", fake "
                    + fakeFeatures.getShape());
        }
        NDArray diff = realFeatures.mean(new int[] {0}).sub(fakeFeatures.mean(new int[] {0}));
        return switch (distance) {
            case SQUARED_L2 -> diff.square().sum();
            case MEAN_SQUARED -> diff.square().mean();
            case MEAN_ABSOLUTE -> diff.abs().mean();
        };
    }
}
