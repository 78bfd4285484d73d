package dev.stablegan.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.api.OptimizerSpec;

/**
 * RMSProp (Tieleman and Hinton 2012) as {@code torch.optim.RMSprop} without momentum, centering or weight
 * decay (the WGAN setting), with its state (step count, mean square per parameter) saved and restored
 * exactly; DJL's own {@code Optimizer.rmsprop()} fails on the PyTorch engine.
 *
 * <p>For each parameter with gradient {@code g}: {@code v = alpha v + (1 - alpha) g^2},
 * {@code theta -= lr g / (sqrt(v) + eps)}, with {@code eps} added after the square root as in PyTorch
 * (PyTorch's defaults: {@code alpha = 0.99, eps = 1e-8}). The learning rate is
 * {@code spec.learningRate() * lrFactor}.
 *
 * <p>State is kept per position in the list given to {@code step} and checked against each parameter's id, so
 * pass the same list in the same order every time (such as {@code Networks.parameters(block)}); after
 * {@code load} it is bound to the next step's parameters by position and shape. Parameters that do not
 * require a gradient are skipped. Each update runs in an {@code NDScope}, so no array outlives the step
 * except the state, which is created lazily in a child of the state manager. After its update a parameter's
 * gradient is set to zero, as DJL's own optimizers do. Call {@code step} outside any gradient collector.
 */
public final class RmsProp extends MomentOptimizer<OptimizerSpec.RmsProp> {


    /** An optimizer whose state lives in a child of {@code stateManager}, freed by {@link #close()}. */
    public RmsProp(OptimizerSpec.RmsProp spec, NDManager stateManager) {
        super(spec, "rmsprop", 1, stateManager);
    }

    @Override
    void update(NDArray weight, NDArray g, NDArray[] moments, long step, double learningRate) {
        double alpha = spec().alpha();
        NDArray v = moments[0];
        v.muli((float) alpha).addi(g.mul((float) (1 - alpha)).muli(g));
        NDArray denominator = v.sqrt().addi((float) spec().epsilon());
        weight.subi(g.mul((float) learningRate).divi(denominator));
    }
}
