package dev.stablegan.data.images;

import java.io.IOException;

/**
 * A set of training images of one size, read by index: what the image GANs train on, whatever the source (IDX
 * files, CIFAR-10 batches, an image folder, the emoji set, an LSUN LMDB database).
 *
 * <p>Pixels are bytes {@code 0..255}, channel-major ({@code [channels, height, width]}); a trainer scales them to
 * {@code [-1, 1]} ({@link ImageBatchSource}).
 */
public interface ImageDataset extends AutoCloseable {
    /** A short stable identity for provenance, such as {@code emoji-google-64 (32x32)}. */
    String id();

    int size();

    /** 1 (gray) or 3 (RGB). */
    int channels();

    int height();

    int width();

    /**
     * The pixels of image {@code index}.
     *
     * @throws IOException when a stored image cannot be read or decoded, naming it
     */
    byte[] image(int index) throws IOException;

    @Override
    default void close() throws IOException {}
}
