package dev.stablegan.djl.nn;

import ai.djl.nn.Block;
import dev.stablegan.api.NetworkSpec;

/**
 * A user's own image architecture, named in a spec by class ({@link NetworkSpec.CustomImageGenerator},
 * {@link NetworkSpec.CustomImageCritic}) so that the trainer, checkpoints and the robustness grid build it like the
 * built-in families. Implementations need a public no-argument constructor and must return fresh, uninitialized
 * blocks: the generator maps {@code [N, latentDim]} to {@code [N, channels, size, size]} (tanh range), the critic maps
 * those images to {@code [N, 1]} scores and must not mix examples when told {@link NetworkSpec.Normalization#LAYER}
 * or {@link NetworkSpec.Normalization#NONE} (the gradient penalty is per example).
 */
public interface ImageNetworkFactory {
    Block generator(int latentDim, int channels, int size, int width);

    Block critic(int channels, int size, int width, NetworkSpec.Normalization normalization);

    /**
     * An instance of the named factory.
     *
     * @throws IllegalArgumentException naming the class when it is missing, not a factory, or cannot be made
     */
    static ImageNetworkFactory load(String className) {
        return FactoryClasses.instantiate(className, ImageNetworkFactory.class);
    }
}
