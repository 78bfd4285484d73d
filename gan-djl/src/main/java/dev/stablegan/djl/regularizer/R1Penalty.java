package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.stablegan.djl.TensorConstants;
import dev.stablegan.djl.engine.InputGradients;
import java.util.function.UnaryOperator;

/**
 * The R1 penalty on the critic's input gradient at real examples (Mescheder, Geiger and Nowozin 2018, "Which
 * Training Methods for GANs do actually Converge?", eq. 9): {@code gamma / 2 * mean_x ||grad_x D(x)||_2^2}.
 */
public final class R1Penalty {
    private R1Penalty() {}

    /**
     * Computes {@code gamma / 2 * mean(||grad D(x)||^2)} over the batch, in the autograd graph of the critic's
     * parameters (call inside a {@code GradientCollector}); intermediates are closed, the result joins the manager of
     * {@code real}.
     *
     * @param critic maps a batch to one score per example; must treat examples independently
     * @throws IllegalArgumentException for a negative or non-finite {@code gamma} or an empty batch
     */
    public static NDArray compute(UnaryOperator<NDArray> critic, NDArray real, double gamma, InputGradients gradients) {
        if (!Double.isFinite(gamma) || gamma < 0) {
            throw new IllegalArgumentException("r1.gamma: must be finite and non-negative, got " + gamma);
        }
        if (real.getShape().dimension() < 1 || real.getShape().get(0) < 1) {
            throw new IllegalArgumentException("r1: real must have a non-empty batch axis, got shape " + real.getShape());
        }
        long batch = real.getShape().get(0);
        NDManager caller = real.getManager();
        try (NDManager scope = caller.newSubManager()) {
            scope.tempAttachAll(real);
            NDArray x = real.stopGradient();
            x.setRequiresGradient(true);
            NDArray scores = critic.apply(x);
            scores.attach(scope);
            NDArray inputGradient = gradients.gradient(scores, x);
            DataType type = inputGradient.getDataType();
            NDArray squaredNorms = inputGradient.reshape(batch, -1).square().sum(new int[] {1});
            NDArray penalty = squaredNorms.mean().mul(TensorConstants.scalar(scope, gamma / 2, type));
            penalty.attach(caller);
            return penalty;
        }
    }
}
