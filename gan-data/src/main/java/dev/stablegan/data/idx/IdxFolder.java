package dev.stablegan.data.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A folder in the layout MNIST and Fashion-MNIST are published in: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or
 * with {@code .gz} (the plain file is taken when both are there). Ten classes.
 */
public final class IdxFolder {
    /** Classes of MNIST and Fashion-MNIST. */
    public static final int CLASSES = 10;

    /** The two splits and the prefix of their files. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private IdxFolder() {}

    /**
     * The images and labels of {@code split} in {@code dir}, named {@code name} in provenance and errors.
     *
     * @throws NoSuchFileException naming the file that is missing (plain and {@code .gz})
     * @throws IllegalArgumentException when the files are damaged or do not belong together, naming them
     */
    public static LabelledImages read(Path dir, Split split, String name) throws IOException {
        return LabelledImages.read(name, file(dir, split.prefix + "-images-idx3-ubyte"), file(dir, split.prefix + "-labels-idx1-ubyte"),
                CLASSES);
    }

    private static Path file(Path dir, String base) throws NoSuchFileException {
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new NoSuchFileException(plain.toString(), null, "missing, and so is " + gz.getFileName()
                + " (an MNIST-layout folder holds train-/t10k- images and labels in IDX)");
    }
}
