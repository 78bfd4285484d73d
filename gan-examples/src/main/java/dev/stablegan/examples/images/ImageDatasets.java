package dev.stablegan.examples.images;

import dev.stablegan.api.SpecChecks;
import dev.stablegan.data.images.ImageDataset;
import dev.stablegan.data.images.ImageFolders;
import dev.stablegan.examples.data.MnistFamily;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a training image set by name or path, at a square training size:
 * {@code mnist} and {@code fashion-mnist} (installed on first use, validated IDX files, gray),
 * {@code emoji} (installed on first use, RGB), or a folder: CIFAR-10 binary batches, an LSUN LMDB database
 * ({@code data.mdb}), or any folder of PNG/JPEG images.
 */
public final class ImageDatasets {
    private ImageDatasets() {}

    /**
     * @throws IllegalArgumentException for an unknown name, a missing path or a size below 8, naming it
     */
    public static ImageDataset open(String name, int size, Path cacheRoot, PrintWriter log) throws IOException {
        SpecChecks.atLeast("size", size, 8);
        switch (name) {
            case "mnist", "fashion-mnist" -> {
                MnistFamily family = MnistFamily.byName(name);
                return family.train(cacheRoot, log).toImages(size);
            }
            case EmojiImages.ID -> {
                return EmojiImages.read(cacheRoot, size, log);
            }
            default -> {
                Path path = Path.of(name);
                if (!Files.isDirectory(path)) {
                    throw new IllegalArgumentException("dataset: '" + name + "' is neither mnist, fashion-mnist, " + EmojiImages.ID
                            + " nor a folder (CIFAR-10 batches, an LSUN LMDB database or PNG/JPEG images)");
                }
                return ImageFolders.open(path, size, log);
            }
        }
    }
}
