package dev.stablegan.data.images;

import dev.stablegan.api.SpecChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a folder of training images at a square size, recognising its layout: CIFAR-10 binary batches
 * ({@link Cifar10Binary}), an LSUN LMDB database ({@link LsunLmdb}, read lazily), or any folder of PNG/JPEG images
 * ({@link FolderImages}).
 */
public final class ImageFolders {
    private ImageFolders() {}

    /**
     * @param log receives warnings (images skipped as undecodable)
     * @throws NoSuchFileException when {@code folder} is not a folder
     * @throws IllegalArgumentException for a size below 8 or a folder without images, naming it
     */
    public static ImageDataset open(Path folder, int size, PrintWriter log) throws IOException {
        SpecChecks.atLeast("size", size, 8);
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "not a folder (CIFAR-10 batches, an LSUN LMDB database or PNG/JPEG images)");
        }
        if (Cifar10Binary.looksLike(folder)) {
            return Cifar10Binary.read(folder, size);
        }
        if (LsunLmdb.looksLike(folder)) {
            return LsunLmdb.open(folder, size);
        }
        return FolderImages.read(folder, size, "folder:" + folder, log);
    }
}
