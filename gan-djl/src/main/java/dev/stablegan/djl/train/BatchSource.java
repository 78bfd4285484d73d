package dev.stablegan.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.api.RandomStream;

/**
 * Real training examples. A source draws only from the stream it is given, so that restoring the stream's
 * state on resume reproduces the batches an uninterrupted run would have seen.
 */
public interface BatchSource {

    /** Shape of one example, without the batch axis. */
    long[] exampleShape();

    /** A batch of shape {@code [batchSize, exampleShape...]} made on {@code manager}. */
    NDArray next(NDManager manager, RandomStream random, int batchSize);

    /** A short stable identity for provenance, such as {@code toy:8gaussians}. */
    String identity();
}
