package dev.stablegan.djl.nn;

import ai.djl.nn.Block;
import dev.stablegan.api.NetworkSpec;

/**
 * An application's own networks for any data shape, named in a spec by class ({@link NetworkSpec.Custom}) so that the
 * trainer builds them and checkpoints load them again. Implementations need a public no-argument constructor and must
 * return fresh, uninitialized blocks mapping {@code [N, input...]} to {@code [N, output...]}; a critic must not mix
 * the examples of a batch when trained with a gradient penalty (it is per example).
 */
public interface NetworkFactory {
    /**
     * @param role {@code generator} or {@code critic}
     * @param inputShape one example's input (a generator's latent vector)
     * @param outputShape one example's output (a critic's {@code [1]})
     */
    Block build(String role, long[] inputShape, long[] outputShape);

    /**
     * An instance of the named factory.
     *
     * @throws IllegalArgumentException naming the class when it is missing, not a factory, or cannot be made
     */
    static NetworkFactory load(String className) {
        return FactoryClasses.instantiate(className, NetworkFactory.class);
    }
}
