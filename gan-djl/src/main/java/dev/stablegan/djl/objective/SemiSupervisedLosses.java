package dev.stablegan.djl.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.stablegan.djl.TensorConstants;

/**
 * The losses of the semi-supervised GAN with a K+1-class discriminator written with K logits (Salimans et al.
 * 2016, section 5): the logit of class K+1 ("generated") is fixed at 0, so with {@code Z(x) = sum_k exp(l_k(x))}
 * the probability that {@code x} is real is {@code D(x) = Z(x) / (Z(x) + 1) = sigmoid(lse(l(x)))},
 * {@code lse} the log-sum-exp over the K logits, computed stably.
 *
 * <p>Supervised: {@code E[lse(l(x)) - l_y(x)]}, the cross-entropy of the K classes on labelled data.
 * Unsupervised, as the authors' code weighs it: {@code (1/2) E_x[-log D(x)] + (1/2) E_z[-log(1 - D(G(z)))]
 * = (1/2) E_x[softplus(-lse(l(x)))] + (1/2) E_z[softplus(lse(l(G(z))))]}. Logits are {@code (N, K)}.
 */
public final class SemiSupervisedLosses {
    private SemiSupervisedLosses() {}

    /** {@code lse(l)} per row, {@code (N)}: {@code max + log sum exp(l - max)}. */
    public static NDArray logSumExp(NDArray logits) {
        NDArray max = logits.max(new int[] {1}, true).stopGradient();
        return logits.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
    }

    /**
     * @param labels class indices {@code (N)} as int64 or int32
     */
    public static NDArray supervised(NDArray logits, NDArray labels) {
        NDArray picked = logits.mul(labels.oneHot(Math.toIntExact(logits.getShape().get(1))).toType(logits.getDataType(), false))
                .sum(new int[] {1});
        return logSumExp(logits).sub(picked).mean();
    }

    /** The unsupervised real/fake loss on unlabelled real and on generated examples. */
    public static NDArray unsupervised(NDArray realLogits, NDArray fakeLogits) {
        NDArray real = Activation.softPlus(logSumExp(realLogits).neg()).mean();
        NDArray fake = Activation.softPlus(logSumExp(fakeLogits)).mean();
        return real.add(fake).mul(TensorConstants.scalar(realLogits.getManager(), 0.5, realLogits.getDataType()));
    }

    /** Predicted classes {@code argmax_k l_k}, {@code (N)} int64. */
    public static NDArray predictions(NDArray logits) {
        return logits.argMax(1).toType(DataType.INT64, false);
    }
}
