package dev.stablegan.data.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR-10 training images from the binary version's batches (Krizhevsky 2009): {@code data_batch_1.bin} to
 * {@code data_batch_5.bin}, each a run of 3,073-byte records (a label byte 0..9, then the 32x32 red, green and
 * blue planes). The folder given may hold them or hold {@code cifar-10-batches-bin/}. For users who have the
 * files: CIFAR-10 cannot be installed here.
 */
public final class Cifar10Binary {
    public static final int RECORD = 1 + 3 * 32 * 32;
    public static final String FOLDER = "cifar-10-batches-bin";

    private Cifar10Binary() {}

    /** Whether {@code dir} holds the first training batch (directly or in {@value #FOLDER}). */
    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(batches(dir).resolve("data_batch_1.bin"));
    }

    /**
     * The 50,000 training images, resized to {@code size} (32 keeps them as they are).
     *
     * @throws IllegalArgumentException for a missing, truncated or corrupt batch, naming the file and record
     */
    public static InMemoryImages read(Path dir, int size) throws IOException {
        Path folder = batches(dir);
        List<byte[]> images = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            Path file = folder.resolve("data_batch_" + b + ".bin");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("cifar10: " + file + " is missing (the binary version has data_batch_1.bin to"
                        + " data_batch_5.bin)");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || bytes.length % RECORD != 0) {
                throw new IllegalArgumentException("cifar10: " + file + " holds " + bytes.length + " bytes, not a whole number of "
                        + RECORD + "-byte records; it is truncated or not a CIFAR-10 binary batch");
            }
            for (int r = 0; r < bytes.length / RECORD; r++) {
                int label = bytes[r * RECORD] & 0xff;
                if (label > 9) {
                    throw new IllegalArgumentException("cifar10: " + file + ": record " + r + " has label " + label
                            + " (0..9 expected); it is not a CIFAR-10 binary batch (CIFAR-100's records are longer)");
                }
                byte[] planes = new byte[RECORD - 1];
                System.arraycopy(bytes, r * RECORD + 1, planes, 0, planes.length);
                images.add(size == 32 ? planes : ImageResize.resizeSquare(planes, 3, 32, size));
            }
        }
        byte[] all = new byte[images.size() * 3 * size * size];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * 3 * size * size, 3 * size * size);
        }
        return new InMemoryImages("cifar10 (" + size + "x" + size + ")", images.size(), 3, size, size, all);
    }

    private static Path batches(Path dir) {
        return Files.isDirectory(dir.resolve(FOLDER)) ? dir.resolve(FOLDER) : dir;
    }
}
