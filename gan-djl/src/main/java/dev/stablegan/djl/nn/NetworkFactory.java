package dev.stablegan.djl.nn;

import ai.djl.nn.Block;
import dev.stablegan.api.NetworkSpec;
import java.lang.reflect.InvocationTargetException;

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
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("network.factory: class " + className + " is not on the class path", e);
        }
        if (!NetworkFactory.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("network.factory: " + className + " does not implement " + NetworkFactory.class.getName());
        }
        try {
            return (NetworkFactory) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("network.factory: " + className + " has no public no-argument constructor", e);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalArgumentException("network.factory: " + className + " could not be made: " + cause, e);
        }
    }
}
