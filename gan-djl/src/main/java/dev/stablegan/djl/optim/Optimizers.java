package dev.stablegan.djl.optim;

import ai.djl.ndarray.NDManager;
import dev.stablegan.api.OptimizerSpec;

/** Creates the {@link ParameterOptimizer} an {@link OptimizerSpec} describes. */
public final class Optimizers {

    private Optimizers() {}

    /** A new optimizer with empty state, kept in a child manager of {@code stateManager}. */
    public static ParameterOptimizer of(OptimizerSpec spec, NDManager stateManager) {
        if (spec instanceof OptimizerSpec.Adam adam) {
            return new Adam(adam, stateManager);
        } else if (spec instanceof OptimizerSpec.RmsProp rmsProp) {
            return new RmsProp(rmsProp, stateManager);
        }
        throw new IllegalArgumentException("optimizer: unsupported spec " + spec);
    }
}
