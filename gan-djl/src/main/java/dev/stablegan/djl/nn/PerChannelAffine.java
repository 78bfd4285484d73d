package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * The learned per-channel scale {@code gamma} (starting at 1) and shift {@code beta} (starting at 0) that follow a
 * normalization: {@code y = gamma_c * n + beta_c} for channel {@code c} (axis 1) of the normalized input {@code n}.
 * Shared by {@link VirtualBatchNorm} and {@link ChannelLayerNorm}, which differ only in the statistics they use.
 */
abstract class PerChannelAffine extends AbstractBlock {
    protected final Parameter gamma;
    protected final Parameter beta;

    PerChannelAffine(byte version) {
        super(version);
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optInitializer(new ConstantInitializer(1f)).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optInitializer(new ConstantInitializer(0f)).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input needs a channel axis, got " + in);
        }
        gamma.setShape(new Shape(in.get(1)));
        beta.setShape(new Shape(in.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /** {@code gamma_c * normalized + beta_c}, the per-channel values broadcast over every other axis. */
    static NDArray scaleAndShift(NDArray normalized, NDArray gamma, NDArray beta) {
        Shape shape = normalized.getShape();
        long[] channelShape = new long[shape.dimension()];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = shape.get(1);
        NDArray scale = gamma.reshape(new Shape(channelShape));
        NDArray shift = beta.reshape(new Shape(channelShape));
        scale.attach(normalized.getManager()); // views of parameters would otherwise pile up on the parameters' manager
        shift.attach(normalized.getManager());
        return normalized.mul(scale).add(shift);
    }
}
