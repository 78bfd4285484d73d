package dev.stablegan.data.images;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.train.BatchSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Real image batches for a trainer: indices drawn uniformly with replacement from the given stream, pixels scaled
 * from {@code 0..255} to {@code [-1, 1]} ({@code p / 127.5 - 1}), shape {@code [batch, channels, height, width]}.
 *
 * <p>An image that cannot be decoded (a damaged entry of a large database) is skipped: another index is drawn,
 * the skip counted and reported with its reason the first time. When more than {@value #MAX_SKIPPED_FRACTION} of the
 * images drawn so far fail, training stops with the last error: the dataset is broken, not a few entries.
 */
public final class ImageBatchSource implements BatchSource {
    static final double MAX_SKIPPED_FRACTION = 0.01;
    private static final int GRACE = 100;

    private final ImageDataset images;
    private final PrintWriter log;
    private long drawn;
    private long skipped;

    public ImageBatchSource(ImageDataset images, PrintWriter log) {
        this.images = images;
        this.log = log;
    }

    @Override
    public long[] exampleShape() {
        return new long[] {images.channels(), images.height(), images.width()};
    }

    @Override
    public NDArray next(NDManager manager, RandomStream random, int batchSize) {
        int n = images.channels() * images.height() * images.width();
        float[] batch = new float[batchSize * n];
        for (int b = 0; b < batchSize; b++) {
            byte[] pixels = draw(random);
            for (int i = 0; i < n; i++) {
                batch[b * n + i] = (pixels[i] & 0xff) / 127.5f - 1f;
            }
        }
        return manager.create(batch, new Shape(batchSize, images.channels(), images.height(), images.width()));
    }

    private byte[] draw(RandomStream random) {
        while (true) {
            int index = random.nextInt(images.size());
            drawn++;
            try {
                return images.image(index);
            } catch (IOException e) {
                skipped++;
                if (skipped == 1) {
                    log.println("warning: " + images.id() + ": skipping an image that cannot be read: " + e.getMessage());
                    log.flush();
                }
                if (drawn > GRACE && skipped > MAX_SKIPPED_FRACTION * drawn) {
                    throw new UncheckedIOException(images.id() + ": " + skipped + " of " + drawn + " images drawn could not be read;"
                            + " the dataset looks damaged (last: " + e.getMessage() + ")", e);
                }
            }
        }
    }

    /** Images skipped so far. */
    public long skipped() {
        return skipped;
    }

    @Override
    public String identity() {
        return images.id();
    }
}
