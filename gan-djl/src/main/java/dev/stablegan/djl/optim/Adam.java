package dev.stablegan.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.api.OptimizerSpec;

/**
 * Adam (Kingma and Ba 2015) as {@code torch.optim.Adam} without weight decay or AMSGrad, with its state
 * (step count, first and second moments per parameter) saved and restored exactly.
 *
 * <p>For each parameter, with gradient {@code g} and its step count {@code t}:
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code theta -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)}: the bias-corrected moments, with
 * {@code eps} added after the square root, as in PyTorch's single-tensor implementation (the default on CPU), or
 * under it ({@code sqrt(v / (1 - b2^t) + eps)}) when asked, as the Improved-GAN authors' Theano code.
 * The learning rate is {@code spec.learningRate() * lrFactor}. Scalars are computed in double and applied in
 * float32, as PyTorch does; results match it to float rounding.
 *
 * <p>State is kept per position in the list given to {@code step} and checked against each parameter's id, so
 * pass the same list in the same order every time (such as {@code Networks.parameters(block)}); after
 * {@code load} it is bound to the next step's parameters by position and shape. Parameters that do not
 * require a gradient are skipped. Each update runs in an {@code NDScope}, so no array outlives the step
 * except the state, which is created lazily in a child of the state manager. After its update a parameter's
 * gradient is set to zero, as DJL's own optimizers do. Call {@code step} outside any gradient collector.
 */
public final class Adam extends MomentOptimizer<OptimizerSpec.Adam> {

    private final boolean epsilonUnderRoot;

    /** An optimizer whose state lives in a child of {@code stateManager}, freed by {@link #close()}. */
    public Adam(OptimizerSpec.Adam spec, NDManager stateManager) {
        this(spec, stateManager, false);
    }

    /**
     * @param epsilonUnderRoot divide by {@code sqrt(v_hat + eps)} instead of {@code sqrt(v_hat) + eps}, as the
     *     Improved-GAN authors' Theano Adam does (their semi-supervised code)
     */
    public Adam(OptimizerSpec.Adam spec, NDManager stateManager, boolean epsilonUnderRoot) {
        super(spec, "adam", 2, stateManager);
        this.epsilonUnderRoot = epsilonUnderRoot;
    }

    @Override
    void update(NDArray weight, NDArray g, NDArray[] moments, long step, double learningRate) {
        double beta1 = spec().beta1();
        double beta2 = spec().beta2();
        NDArray m = moments[0];
        NDArray v = moments[1];
        m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        v.muli((float) beta2).addi(g.mul((float) (1 - beta2)).muli(g));
        double stepSize = learningRate / (1 - Math.pow(beta1, step));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        NDArray denominator = epsilonUnderRoot
                ? v.div((float) (correction2Sqrt * correction2Sqrt)).addi((float) spec().epsilon()).sqrt()
                : v.sqrt().divi((float) correction2Sqrt).addi((float) spec().epsilon());
        weight.subi(m.mul((float) stepSize).divi(denominator));
    }
}
