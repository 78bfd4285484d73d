package dev.stablegan.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never half a file:
 * the bytes go to a temporary file {@code .NAME.RANDOM.tmp} in the same folder, are forced to the disk, and the file is
 * moved over the target, after which the folder is forced too (so a power loss keeps the old file or the new one).
 * A temporary file left by a killed process is removed by the next owner of the folder ({@link RunFolderLock}).
 */
public final class AtomicFiles {
    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    private AtomicFiles() {}

    /** Content writer that may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        ensureWritableDirectory(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600); CREATE_NEW keeps the usual umask mode.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(TEMP_NAMES.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(target.getFileName().toString())) {
                throw e;
            }
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Forces a folder's entries (a rename) to the disk where the platform allows opening a folder; elsewhere a no-op. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform opens folders (Windows); the file itself was forced.
        }
    }

    /** Whether {@code file} is a temporary file of {@link #write} (a leftover when its writer was killed). */
    static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && name.length() > 5;
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Creates {@code dir} if needed and checks it can be written.
     *
     * @throws IOException naming the folder when it cannot be created or written
     */
    public static void ensureWritableDirectory(Path dir) throws IOException {
        if (dir.toString().isEmpty()) {
            throw new IOException("output folder: an empty path (it would be the current directory); name a folder");
        }
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
            throw new IOException("output folder " + dir + " is a symbolic link to " + Files.readSymbolicLink(dir)
                    + ", which does not exist; create that folder or name another");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("output folder " + dir + " cannot be created: " + e, e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "output folder is not writable");
        }
    }
}
