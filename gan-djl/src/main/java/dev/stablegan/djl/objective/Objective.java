package dev.stablegan.djl.objective;

import ai.djl.ndarray.NDArray;

/**
 * An adversarial objective as two pure tensor functions of critic outputs (shape {@code [batch]} or
 * {@code [batch, 1]}); both return scalars to minimise. Only the training loop runs backward.
 */
public interface Objective {

    /** The critic's loss from its outputs on real and on generated examples. */
    NDArray criticLoss(NDArray dReal, NDArray dFake);

    /** The generator's loss from the critic's outputs on generated examples. */
    NDArray generatorLoss(NDArray dFake);
}
