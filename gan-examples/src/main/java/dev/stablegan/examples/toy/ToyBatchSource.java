package dev.stablegan.examples.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.train.BatchSource;

/**
 * Real batches of a {@link ToyDataset}: float32 tensors of shape {@code [batchSize, 2]}, drawn only from the
 * stream passed in, so restoring the stream on resume reproduces the batches.
 */
public final class ToyBatchSource implements BatchSource {
    private final ToyDataset dataset;

    public ToyBatchSource(ToyDataset dataset) {
        if (dataset == null) {
            throw new IllegalArgumentException("dataset: is required");
        }
        this.dataset = dataset;
    }

    public ToyDataset dataset() {
        return dataset;
    }

    @Override
    public long[] exampleShape() {
        return new long[] {2};
    }

    @Override
    public NDArray next(NDManager manager, RandomStream random, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize: must be > 0, got " + batchSize);
        }
        return manager.create(dataset.sample(random, batchSize), new Shape(batchSize, 2));
    }

    /** {@code toy:} and the dataset's id, such as {@code toy:8gaussians}. */
    @Override
    public String identity() {
        return "toy:" + dataset.id();
    }

    @Override
    public String toString() {
        return "ToyBatchSource[" + identity() + "]";
    }
}
