package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.stablegan.djl.TensorConstants;

/**
 * Layer normalization of a convolutional feature map as WGAN-GP's critics use it in place of batch norm
 * (Gulrajani et al. 2017, section 4, "no critic batch normalization"; the authors' {@code Layernorm} over axes
 * {@code [1, 2, 3]}): every example is normalized with the mean and variance of all its own values (every axis
 * after the batch axis), then scaled and shifted per channel, {@code y = gamma_c (x - mu) / sqrt(var + 1e-5) +
 * beta_c}, {@code gamma = 1}, {@code beta = 0} at start. No example depends on another, so the per-example
 * gradient penalty stays valid.
 */
public final class ChannelLayerNorm extends PerChannelAffine {
    private static final byte VERSION = 1;
    public static final double EPSILON = 1e-5;

    public ChannelLayerNorm() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(apply(x, parameterStore.getValue(gamma, x.getDevice(), training),
                parameterStore.getValue(beta, x.getDevice(), training)));
    }

    /** The normalization of {@code x} {@code (N, C, ...)} with per-channel {@code gamma} and {@code beta}. */
    public static NDArray apply(NDArray x, NDArray gamma, NDArray beta) {
        Shape shape = x.getShape();
        int[] exampleAxes = new int[shape.dimension() - 1];
        for (int a = 1; a < shape.dimension(); a++) {
            exampleAxes[a - 1] = a;
        }
        NDArray mean = VirtualBatchNorm.meanOver(x, exampleAxes);
        NDArray centred = x.sub(mean);
        NDArray variance = VirtualBatchNorm.meanOver(centred.square(), exampleAxes);
        NDArray eps = TensorConstants.scalar(x.getManager(), EPSILON, x.getDataType());
        return scaleAndShift(centred.div(variance.add(eps).sqrt()), gamma, beta);
    }
}
