package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.stablegan.djl.TensorConstants;

/**
 * Additive Gaussian noise during training, {@code x + sigma * N(0, 1)}, and the identity at inference: the
 * regularizer of the semi-supervised MNIST discriminator (Salimans et al. 2016, section 5.1, after Rasmus et
 * al. 2015). Noise comes from the engine's seeded generator.
 */
public final class GaussianNoise extends AbstractBlock {
    private static final byte VERSION = 1;
    private final double sigma;

    /** @param sigma standard deviation, {@code >= 0} */
    public GaussianNoise(double sigma) {
        super(VERSION);
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: must be a finite number >= 0, got " + sigma);
        }
        this.sigma = sigma;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || sigma == 0) {
            return new NDList(x);
        }
        NDArray noise = x.getManager().randomNormal(0f, 1f, x.getShape(), x.getDataType());
        return new NDList(x.add(noise.mul(TensorConstants.scalar(x.getManager(), sigma, x.getDataType()))));
    }
}
