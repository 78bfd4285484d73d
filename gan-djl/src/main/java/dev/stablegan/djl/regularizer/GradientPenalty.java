package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.stablegan.djl.TensorConstants;
import dev.stablegan.djl.engine.InputGradients;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The WGAN-GP gradient penalty on the critic's input gradient at random interpolates of real and generated
 * examples.
 *
 * <p>With {@code x_hat = eps * real + (1 - eps) * fake} (one {@code eps} per example) and
 * {@code n = ||grad_x D(x_hat)||_2} per example, the penalty is {@code lambda * mean((n - 1)^2)}, or
 * {@code lambda * mean(max(0, n - 1)^2)} when one-sided (Gulrajani et al. 2017, "Improved Training of
 * Wasserstein GANs", Section 4 and Algorithm 1; Section 4's "two-sided penalty" paragraph names the
 * one-sided alternative).
 */
public final class GradientPenalty {

    private GradientPenalty() {}

    /**
     * The penalty and the per-example gradient norms behind it.
     *
     * @param penalty scalar to add to the critic loss, in the autograd graph of the critic's parameters
     * @param norms shape {@code [batch]}: each example's gradient L2 norm over all non-batch axes, detached
     *     from the graph (for reporting)
     */
    public record Result(NDArray penalty, NDArray norms) {}

    /**
     * Computes {@code lambda * mean((||grad D(x_hat)|| - 1)^2)} (one-sided: {@code max(0, . - 1)^2}) at
     * {@code x_hat = eps * real + (1 - eps) * fake}, as in Gulrajani et al. 2017, Algorithm 1.
     *
     * <p>Call inside a {@code GradientCollector}. The critic must treat examples independently (no batch
     * normalization), since the gradient of the summed output is taken. Both results are attached to the
     * manager of {@code real}; every intermediate array is closed before returning (the autograd graph keeps
     * what the later backward needs).
     *
     * @param critic maps a batch of examples to one score per example ({@code [batch]} or {@code [batch, 1]})
     * @param real real examples, shape {@code [batch, ...]}
     * @param fake generated examples of the same shape, detached from the generator
     * @param eps interpolation weights in {@code [0, 1]}, shape {@code [batch]}
     * @param lambda penalty weight, finite and non-negative (the paper uses 10)
     * @param oneSided penalise only norms above 1
     * @param gradients the double-backprop implementation
     * @throws IllegalArgumentException if shapes disagree or {@code lambda} is invalid
     */
    public static Result compute(
            UnaryOperator<NDArray> critic,
            NDArray real,
            NDArray fake,
            NDArray eps,
            double lambda,
            boolean oneSided,
            InputGradients gradients) {
        checkArguments(real, fake, eps, lambda);
        long batch = real.getShape().get(0);
        NDManager caller = real.getManager();
        try (NDManager scope = caller.newSubManager()) {
            tempAttachDistinct(scope, real, fake, eps);
            NDArray weights = eps.toType(real.getDataType(), false).reshape(broadcastShape(real.getShape()));
            // Detached and then marked: x_hat is a leaf of this graph whatever its inputs were.
            NDArray interpolates = fake.add(weights.mul(real.sub(fake))).stopGradient();
            interpolates.setRequiresGradient(true);
            NDArray scores = critic.apply(interpolates);
            // Permanently: a critic whose first op starts from a parameter puts its score in a long-lived
            // manager. The gradient joins the score's manager.
            scores.attach(scope);
            NDArray inputGradient = gradients.gradient(scores, interpolates);
            NDArray norms = inputGradient.reshape(batch, -1).norm(new int[] {1});
            DataType type = norms.getDataType();
            NDArray excess = norms.sub(TensorConstants.scalar(scope, 1, type));
            NDArray penalised = oneSided ? Activation.relu(excess) : excess;
            NDArray penalty = penalised.square().mul(TensorConstants.scalar(scope, lambda, type)).mean();
            NDArray detachedNorms = norms.stopGradient();
            penalty.attach(caller);
            detachedNorms.attach(caller);
            return new Result(penalty, detachedNorms);
        }
    }

    /** Ops take the manager of their first operand; borrow the inputs so intermediates land in scope. */
    private static void tempAttachDistinct(NDManager scope, NDArray... arrays) {
        for (int i = 0; i < arrays.length; i++) {
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                seen |= arrays[j] == arrays[i];
            }
            if (!seen) {
                scope.tempAttachAll(arrays[i]);
            }
        }
    }

    private static void checkArguments(NDArray real, NDArray fake, NDArray eps, double lambda) {
        Shape shape = real.getShape();
        if (shape.dimension() < 1 || shape.get(0) < 1) {
            throw new IllegalArgumentException("real must have a non-empty batch axis, got shape " + shape);
        }
        if (!shape.equals(fake.getShape())) {
            throw new IllegalArgumentException(
                    "real and fake shapes differ: real " + shape + ", fake " + fake.getShape());
        }
        if (!eps.getShape().equals(new Shape(shape.get(0)))) {
            throw new IllegalArgumentException(
                    "eps must have shape (" + shape.get(0) + ") for real " + shape + ", got " + eps.getShape());
        }
        if (!Double.isFinite(lambda) || lambda < 0) {
            throw new IllegalArgumentException("lambda must be finite and non-negative, got " + lambda);
        }
    }

    /** {@code [batch, 1, ..., 1]} with as many axes as {@code shape}, so eps broadcasts per example. */
    private static Shape broadcastShape(Shape shape) {
        long[] dims = new long[shape.dimension()];
        Arrays.fill(dims, 1L);
        dims[0] = shape.get(0);
        return new Shape(dims);
    }
}
