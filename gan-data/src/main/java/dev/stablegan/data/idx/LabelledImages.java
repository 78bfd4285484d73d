package dev.stablegan.data.idx;

import dev.stablegan.data.images.ImageResize;
import dev.stablegan.data.images.InMemoryImages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Gray images with class labels, as MNIST-style IDX pairs hold them: {@code count} images of {@code rows x cols}
 * unsigned bytes and one label in {@code [0, classes)} each.
 */
public record LabelledImages(String name, int count, int rows, int cols, byte[] pixels, byte[] labels, int classes) {
    /**
     * Reads an images file and its labels file and checks that they belong together.
     *
     * @throws IllegalArgumentException when the counts differ or a label is out of range, naming the files
     */
    public static LabelledImages read(String name, Path imagesFile, Path labelsFile, int classes) throws IOException {
        IdxFiles.Images images = IdxFiles.readImages(imagesFile);
        IdxFiles.Labels labels = IdxFiles.readLabels(labelsFile);
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException(imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds "
                    + labels.count() + " labels");
        }
        for (int i = 0; i < labels.count(); i++) {
            int label = labels.values()[i] & 0xff;
            if (label >= classes) {
                throw new IllegalArgumentException(labelsFile + ": label " + i + " is " + label + ", outside 0.." + (classes - 1));
            }
        }
        return new LabelledImages(name, images.count(), images.rows(), images.cols(), images.pixels(), labels.values(), classes);
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Pixel {@code (y, x)} of image {@code i}, 0..255. */
    public int pixel(int i, int y, int x) {
        return pixels[(i * rows + y) * cols + x] & 0xff;
    }

    /** The first {@code n} examples (a view sharing the arrays would be unsafe to hand out; this copies). */
    public LabelledImages first(int n) {
        int m = Math.min(n, count);
        byte[] p = java.util.Arrays.copyOf(pixels, m * rows * cols);
        byte[] l = java.util.Arrays.copyOf(labels, m);
        return new LabelledImages(name, m, rows, cols, p, l, classes);
    }

    /**
     * These images, gray, resized to {@code size x size} ({@link ImageResize#resizeSquare}), for training.
     *
     * @throws IllegalArgumentException when the images are not square, naming the set
     */
    public InMemoryImages toImages(int size) {
        if (rows != cols) {
            throw new IllegalArgumentException(name + ": images are " + rows + "x" + cols + ", not square");
        }
        int n = size * size;
        byte[] all = new byte[count * n];
        byte[] one = new byte[rows * rows];
        for (int i = 0; i < count; i++) {
            System.arraycopy(pixels, i * rows * rows, one, 0, rows * rows);
            System.arraycopy(ImageResize.resizeSquare(one, 1, rows, size), 0, all, i * n, n);
        }
        return new InMemoryImages(name + " (" + size + "x" + size + ")", count, 1, size, size, all);
    }
}
