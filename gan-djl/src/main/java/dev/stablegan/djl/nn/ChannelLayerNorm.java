package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
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
public final class ChannelLayerNorm extends AbstractBlock {
    private static final byte VERSION = 1;
    public static final double EPSILON = 1e-5;

    private final Parameter gamma;
    private final Parameter beta;

    public ChannelLayerNorm() {
        super(VERSION);
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optInitializer(new ConstantInitializer(1f)).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optInitializer(new ConstantInitializer(0f)).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() < 2) {
            throw new IllegalArgumentException("ChannelLayerNorm: input needs a channel axis, got " + in);
        }
        gamma.setShape(new Shape(in.get(1)));
        beta.setShape(new Shape(in.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
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
        long[] channelShape = new long[shape.dimension()];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = shape.get(1);
        NDArray scale = gamma.reshape(new Shape(channelShape));
        NDArray shift = beta.reshape(new Shape(channelShape));
        scale.attach(x.getManager()); // views of parameters would otherwise pile up on the parameters' manager
        shift.attach(x.getManager());
        return centred.div(variance.add(eps).sqrt()).mul(scale).add(shift);
    }
}
