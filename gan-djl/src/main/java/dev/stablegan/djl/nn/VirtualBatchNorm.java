package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.djl.TensorConstants;

/**
 * Virtual batch normalization (Salimans et al. 2016, section 3.5): each example is normalized with statistics
 * of a fixed reference batch together with that example alone, so its output never depends on the other
 * examples of its minibatch.
 *
 * <p>The block sees the reference rows and the examples in one array: its first {@code R} rows are the
 * reference batch (a {@link ReferenceBatch} wrapper prepends them and strips them again). Per channel (axis 1;
 * statistics over the batch axis and every axis after the channel), with {@code mu_r} and {@code s_r} the mean
 * and mean square of the reference rows: reference rows are normalized with {@code (mu_r, s_r)}; example
 * {@code x} with {@code mu = (R mu_r + m(x)) / (R + 1)} and {@code s = (R s_r + m(x^2)) / (R + 1)}, where
 * {@code m(.)} averages over the example's own positions, as in the authors' code. Then
 * {@code y = gamma (x - mu) / sqrt(s - mu^2 + eps) + beta}, {@code gamma = 1}, {@code beta = 0} at start.
 * Gradients flow through the reference statistics, as in the paper; the reference batch costs one extra
 * forward of {@code R} rows per call.
 */
public final class VirtualBatchNorm extends PerChannelAffine {
    private static final byte VERSION = 1;
    public static final double EPSILON = 1e-5;

    private final int referenceSize;

    /** @param referenceSize {@code R}: the leading rows of every input that form the reference batch, {@code >= 1} */
    public VirtualBatchNorm(int referenceSize) {
        super(VERSION);
        SpecChecks.atLeast("referenceSize", referenceSize, 1);
        this.referenceSize = referenceSize;
    }

    public int referenceSize() {
        return referenceSize;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray g = parameterStore.getValue(gamma, x.getDevice(), training);
        NDArray b = parameterStore.getValue(beta, x.getDevice(), training);
        return new NDList(apply(x, g, b, referenceSize));
    }

    /**
     * The normalization as a function of {@code x} {@code (R + N, C, ...)} whose first {@code R} rows are the
     * reference batch, with per-channel {@code gamma} and {@code beta}.
     */
    public static NDArray apply(NDArray x, NDArray gamma, NDArray beta, int referenceSize) {
        Shape shape = x.getShape();
        if (shape.dimension() < 2 || shape.get(0) <= referenceSize) {
            throw new IllegalArgumentException("x: needs the " + referenceSize + " reference rows and at least one example, got shape "
                    + shape);
        }
        int[] exampleAxes = new int[shape.dimension() - 2];
        int[] batchAxes = new int[shape.dimension() - 1];
        batchAxes[0] = 0;
        for (int a = 2; a < shape.dimension(); a++) {
            exampleAxes[a - 2] = a;
            batchAxes[a - 1] = a;
        }
        NDArray reference = x.get("0:" + referenceSize);
        NDArray examples = x.get(referenceSize + ":");
        NDArray refMean = meanOver(reference, batchAxes);
        NDArray refMeanSq = meanOver(reference.square(), batchAxes);
        NDArray eps = TensorConstants.scalar(x.getManager(), EPSILON, x.getDataType());
        NDArray refOut = reference.sub(refMean).div(refMeanSq.sub(refMean.square()).add(eps).sqrt());

        NDArray ownMean = meanOver(examples, exampleAxes);
        NDArray ownMeanSq = meanOver(examples.square(), exampleAxes);
        NDArray oldWeight = TensorConstants.scalar(x.getManager(), referenceSize / (referenceSize + 1.0), x.getDataType());
        NDArray newWeight = TensorConstants.scalar(x.getManager(), 1.0 / (referenceSize + 1.0), x.getDataType());
        NDArray mean = refMean.mul(oldWeight).add(ownMean.mul(newWeight));
        NDArray meanSq = refMeanSq.mul(oldWeight).add(ownMeanSq.mul(newWeight));
        NDArray exOut = examples.sub(mean).div(meanSq.sub(mean.square()).add(eps).sqrt());

        return scaleAndShift(refOut.concat(exOut, 0), gamma, beta);
    }

    /** The mean over {@code axes}, kept as size-1 axes (DJL's PyTorch {@code mean} takes one axis only). */
    static NDArray meanOver(NDArray x, int[] axes) {
        if (axes.length == 0) {
            return x;
        }
        long count = 1;
        for (int a : axes) {
            count *= x.getShape().get(a);
        }
        return x.sum(axes, true).div(TensorConstants.scalar(x.getManager(), count, x.getDataType()));
    }
}
