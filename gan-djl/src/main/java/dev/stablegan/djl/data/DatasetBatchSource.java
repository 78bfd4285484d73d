package dev.stablegan.djl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.TranslateException;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.train.BatchSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DJL dataset as the trainers' real data: any {@link RandomAccessDataset} (DJL's {@code ImageFolder}, a dataset of
 * your own) prepared by the caller, whose records' first data array is one example. A batch of {@code n} holds the
 * records at {@code n} indices drawn with replacement from the run's seeded data stream, through the dataset's own
 * transforms and batchifier, so a resumed run draws the batches the uninterrupted one would (with deterministic
 * transforms: a random augmentation would differ); labels are not used. Examples are converted to float32, the networks' type;
 * their values should be in the generator's range ({@code [-1, 1]} for a tanh output: for images, DJL's
 * {@code ToTensor} then {@code Normalize} with means and deviations of 0.5).
 */
public final class DatasetBatchSource implements BatchSource {
    private final RandomAccessDataset dataset;
    private final String identity;
    private final long[] exampleShape;
    private final int size;

    /**
     * @param identity names the data in checkpoints and provenance (a resume on other data is refused by it), such as
     *     {@code folder:/data/faces@64}
     * @throws IllegalArgumentException when the dataset is empty or larger than 2^31 - 1 records
     * @throws UncheckedIOException when its first record cannot be read
     */
    public DatasetBatchSource(RandomAccessDataset dataset, String identity) {
        this.dataset = Objects.requireNonNull(dataset, "dataset: null; pass a prepared RandomAccessDataset");
        this.identity = Objects.requireNonNull(identity, "identity: null; name the data");
        long records = dataset.size();
        if (records < 1 || records > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dataset '" + identity + "': has " + records + " records; need 1 to " + Integer.MAX_VALUE
                    + " (was it prepared?)");
        }
        this.size = (int) records;
        try (NDManager probe = Devices.newHostManager()) {
            long[] shape = batch(probe, List.of(0L)).getShape().getShape();
            this.exampleShape = Arrays.copyOfRange(shape, 1, shape.length);
        }
    }

    @Override
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    @Override
    public NDArray next(NDManager manager, RandomStream random, int batchSize) {
        List<Long> indices = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            indices.add((long) random.nextInt(size));
        }
        return batch(manager, indices);
    }

    @Override
    public String identity() {
        return identity;
    }

    /**
     * The records at {@code indices} as one batch, through the dataset's own transforms and batchifier (its
     * {@code getData} with a sampler that yields exactly these indices), in float32.
     */
    private NDArray batch(NDManager manager, List<Long> indices) {
        Sampler once = new Sampler() {
            @Override
            public java.util.Iterator<List<Long>> sample(RandomAccessDataset d) {
                return List.of(indices).iterator();
            }

            @Override
            public int getBatchSize() {
                return indices.size();
            }
        };
        Batch batch;
        try {
            batch = dataset.getData(manager, once).iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException("dataset '" + identity + "': records " + indices + ": " + e.getMessage(), e);
        } catch (TranslateException e) {
            throw new IllegalStateException("dataset '" + identity + "': records " + indices + ": " + e.getMessage(), e);
        }
        NDArray x = batch.getData().head();
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }
}
