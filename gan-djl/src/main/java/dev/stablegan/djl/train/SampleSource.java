package dev.stablegan.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.api.RandomStream;

/**
 * A generator to draw samples from: a trainer's ({@link DjlGanTrainer}) or a checkpoint's ({@link TrainedGenerator}).
 * In inference mode a sample does not depend on the others of its batch, so draws of a few samples at a time from one
 * stream equal one draw of their total ({@link Samples}).
 */
public interface SampleSource {

    /** {@code G(z)} for the next {@code count} latent vectors of {@code random}, made on {@code target}. */
    NDArray sample(NDManager target, RandomStream random, int count);

    /** The manager under which draws make their temporary managers. */
    NDManager manager();
}
