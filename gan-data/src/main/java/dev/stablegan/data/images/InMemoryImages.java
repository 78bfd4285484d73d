package dev.stablegan.data.images;

import java.util.Arrays;

/**
 * Images held in one byte array, {@code [size, channels, height, width]}: the readers of small datasets (MNIST,
 * Fashion-MNIST, CIFAR-10, an image folder, the emoji set) decode everything once into this form.
 */
public record InMemoryImages(String id, int size, int channels, int height, int width, byte[] pixels) implements ImageDataset {
    public InMemoryImages {
        if (size < 1) {
            throw new IllegalArgumentException(id + ": holds no image");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(id + ": channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(id + ": image size must be positive, got " + height + "x" + width);
        }
        long expected = (long) size * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(id + ": " + pixels.length + " pixel bytes for " + size + " images of " + channels + "x"
                    + height + "x" + width + " (" + expected + ")");
        }
    }

    @Override
    public byte[] image(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(id + ": image " + index + " of " + size);
        }
        int n = channels * height * width;
        return Arrays.copyOfRange(pixels, index * n, (index + 1) * n);
    }
}
