package dev.stablegan.djl.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.stablegan.djl.TensorConstants;

/**
 * The adversarial losses of every {@link dev.stablegan.api.ObjectiveSpec} as pure functions of critic outputs.
 *
 * <p>Inputs are critic outputs of shape {@code [batch]} or {@code [batch, 1]}; the real and the generated
 * batch may differ in size. Each function returns a scalar (shape {@code []}): every expectation
 * {@code E[.]} is a mean over its batch. Nothing here runs backward or touches parameters.
 *
 * <p>The minimax losses take logits {@code l} and never form {@code log(sigmoid(l))}: they use
 * {@code log s(l) = -softplus(-l)} and {@code log(1 - s(l)) = -softplus(l)}, with PyTorch's softplus, which is
 * finite with the right gradient for any finite logit (in float32 {@code sigmoid(100)} rounds to 1, so a
 * naive {@code log(1 - sigmoid(100))} is {@code log(0) = -inf}).
 *
 * <p>Results keep the inputs' data type. Constants are therefore applied to tensors with a batch axis, never to
 * a 0-dimensional mean: PyTorch promotes {@code float32 scalar * float64 scalar} to float64.
 */
public final class Losses {
    private Losses() {}

    /**
     * Wasserstein critic loss (Arjovsky et al. 2017, eq. 3; Gulrajani et al. 2017, Alg. 1):
     * {@code E[D(G(z))] - E[D(x)]}, the negated estimate of the Wasserstein-1 distance.
     */
    public static NDArray wassersteinCriticLoss(NDArray dReal, NDArray dFake) {
        checkScores("dReal", dReal);
        checkScores("dFake", dFake);
        return dFake.mean().sub(dReal.mean());
    }

    /** Wasserstein generator loss (Arjovsky et al. 2017, Alg. 1): {@code -E[D(G(z))]}. */
    public static NDArray wassersteinGeneratorLoss(NDArray dFake) {
        checkScores("dFake", dFake);
        return dFake.mean().neg();
    }

    /**
     * Minimax critic loss on logits (Goodfellow et al. 2014, eq. 1) with one-sided label smoothing
     * (Salimans et al. 2016, section 3.4): the binary cross-entropy
     * {@code E[-y log s(D(x)) - (1-y) log(1 - s(D(x)))] + E[-log(1 - s(D(G(z))))]} with {@code y = realLabel},
     * computed as {@code E[y softplus(-D(x)) + (1-y) softplus(D(x))] + E[softplus(D(G(z)))]}.
     * Fake examples keep label 0, so smoothing touches only the real term.
     *
     * @param realLabel target for real examples, in {@code [0.5, 1]}; 1 means no smoothing
     */
    public static NDArray minimaxCriticLoss(NDArray realLogits, NDArray fakeLogits, double realLabel) {
        checkScores("realLogits", realLogits);
        checkScores("fakeLogits", fakeLogits);
        if (!(realLabel >= 0.5 && realLabel <= 1.0)) {
            throw new IllegalArgumentException("realLabel: must be in [0.5, 1.0], got " + realLabel);
        }
        NDArray realTerm = Activation.softPlus(realLogits.neg());
        if (realLabel < 1.0) {
            realTerm = realTerm.mul(constant(realLogits, realLabel))
                    .add(Activation.softPlus(realLogits).mul(constant(realLogits, 1.0 - realLabel)));
        }
        return realTerm.mean().add(Activation.softPlus(fakeLogits).mean());
    }

    /**
     * Non-saturating generator loss on logits (Goodfellow et al. 2014, section 3):
     * {@code -E[log s(D(G(z)))] = E[softplus(-D(G(z)))]}; its gradient stays large while the critic rejects
     * the fakes.
     */
    public static NDArray nonSaturatingGeneratorLoss(NDArray fakeLogits) {
        checkScores("fakeLogits", fakeLogits);
        return Activation.softPlus(fakeLogits.neg()).mean();
    }

    /**
     * Saturating (original minimax) generator loss on logits (Goodfellow et al. 2014, eq. 1):
     * {@code E[log(1 - s(D(G(z))))] = -E[softplus(D(G(z)))]}; its gradient vanishes while the critic rejects
     * the fakes.
     */
    public static NDArray saturatingGeneratorLoss(NDArray fakeLogits) {
        checkScores("fakeLogits", fakeLogits);
        return Activation.softPlus(fakeLogits).mean().neg();
    }

    /**
     * Least-squares critic loss (Mao et al. 2017, eq. 2):
     * {@code 1/2 E[(D(x) - b)^2] + 1/2 E[(D(G(z)) - a)^2]}, with {@code a} the target for fakes and {@code b}
     * the target for real examples.
     */
    public static NDArray leastSquaresCriticLoss(NDArray dReal, NDArray dFake, double a, double b) {
        checkScores("dReal", dReal);
        checkScores("dFake", dFake);
        return dReal.sub(b).square().mul(constant(dReal, 0.5)).mean()
                .add(dFake.sub(a).square().mul(constant(dFake, 0.5)).mean());
    }

    /** Least-squares generator loss (Mao et al. 2017, eq. 2): {@code 1/2 E[(D(G(z)) - c)^2]}. */
    public static NDArray leastSquaresGeneratorLoss(NDArray dFake, double c) {
        checkScores("dFake", dFake);
        return dFake.sub(c).square().mul(constant(dFake, 0.5)).mean();
    }

    /**
     * Hinge critic loss (Lim and Ye 2017; Miyato et al. 2018, eq. 16):
     * {@code E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))]}.
     */
    public static NDArray hingeCriticLoss(NDArray dReal, NDArray dFake) {
        checkScores("dReal", dReal);
        checkScores("dFake", dFake);
        return Activation.relu(dReal.neg().add(1.0)).mean().add(Activation.relu(dFake.add(1.0)).mean());
    }

    /** Hinge generator loss (Miyato et al. 2018, eq. 17): {@code -E[D(G(z))]}, as for Wasserstein. */
    public static NDArray hingeGeneratorLoss(NDArray dFake) {
        checkScores("dFake", dFake);
        return dFake.mean().neg();
    }

    /**
     * A factor that backward may need, as a tensor libtorch owns (see {@link TensorConstants}); additions and
     * subtractions of Numbers are safe because their backward never reads the constant.
     */
    private static NDArray constant(NDArray like, double value) {
        return TensorConstants.scalar(like.getManager(), value, like.getDataType());
    }

    /** Accepts one score per example: shape {@code [batch]} or {@code [batch, 1]} with {@code batch >= 1}. */
    private static void checkScores(String name, NDArray scores) {
        if (scores == null) {
            throw new IllegalArgumentException(name + ": is required");
        }
        Shape shape = scores.getShape();
        boolean oneScorePerExample = shape.dimension() == 1 || (shape.dimension() == 2 && shape.get(1) == 1);
        if (!oneScorePerExample || shape.get(0) < 1) {
            throw new IllegalArgumentException(
                    name + ": expected shape [batch] or [batch, 1] with batch >= 1, got " + shape);
        }
    }
}
