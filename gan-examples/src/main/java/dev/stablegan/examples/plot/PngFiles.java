package dev.stablegan.examples.plot;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * Writes PNG files atomically: the image goes to a temporary file in the target's folder, which is then moved
 * over the target, so a reader never sees half a file.
 */
public final class PngFiles {
    private PngFiles() {}

    /**
     * Writes {@code image} as a PNG to {@code file}, replacing any existing file.
     *
     * @throws IOException naming {@code file} if its folder is missing or not writable, or the write fails
     */
    public static void write(RenderedImage image, Path file) throws IOException {
        if (image == null) {
            throw new IllegalArgumentException("image: is required");
        }
        if (file == null) {
            throw new IllegalArgumentException("file: is required");
        }
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("cannot write " + target + ": folder " + folder + " does not exist");
        }
        // Not Files.createTempFile: its owner-only permissions would stay with the moved file.
        String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        Path temp = folder.resolve("." + target.getFileName() + "." + suffix + ".tmp");
        OutputStream out;
        try {
            out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": folder " + folder + " is not writable (" + e + ")", e);
        }
        try {
            try (out) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("cannot write " + target + ": no PNG writer available");
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            if (e instanceof IOException && String.valueOf(e.getMessage()).contains(target.toString())) {
                throw e;
            }
            if (e instanceof RuntimeException) {
                throw e;
            }
            throw new IOException("cannot write " + target + ": " + deepestMessage(e), e);
        }
    }

    /** The message of the innermost cause (ImageIO wraps "No space left on device" in "I/O error writing PNG file!"). */
    private static String deepestMessage(Throwable e) {
        Throwable inner = e;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner.getMessage() != null ? inner.getMessage() : inner.toString();
    }
}
