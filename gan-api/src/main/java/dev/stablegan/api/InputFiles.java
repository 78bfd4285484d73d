package dev.stablegan.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens the files a user names as input so that the two commonest mistakes come back naming the file: a folder where
 * a file was expected ({@code "DIR: is a folder, not a .npy file"}) and a file that is not there
 * ({@code "FILE: no such file"}). The reading counterpart of {@link AtomicFiles}.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * The whole content of {@code file}.
     *
     * @param expected what the file should be, for the message about a folder, e.g. {@code "a text file"}
     * @throws IllegalArgumentException when {@code file} is a folder
     * @throws NoSuchFileException when it does not exist
     */
    public static byte[] readAll(Path file, String expected) throws IOException {
        refuseFolder(file, expected);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw missing(file);
        }
    }

    /**
     * Checks that {@code file} is a regular file before it is streamed.
     *
     * @throws IllegalArgumentException when it is a folder
     * @throws NoSuchFileException when it is not a regular file
     */
    public static void requireFile(Path file, String expected) throws NoSuchFileException {
        refuseFolder(file, expected);
        if (!Files.isRegularFile(file)) {
            throw missing(file);
        }
    }

    private static void refuseFolder(Path file, String expected) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a folder, not " + expected);
        }
    }

    private static NoSuchFileException missing(Path file) {
        return new NoSuchFileException(file.toString(), null, "no such file");
    }
}
