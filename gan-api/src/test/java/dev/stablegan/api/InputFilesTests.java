package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTests {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadWhole() throws IOException {
        Path file = Files.write(dir.resolve("a.bin"), new byte[] {1, 2, 3});

        assertThat(InputFiles.readAll(file, "a .npy file")).containsExactly(1, 2, 3);
        InputFiles.requireFile(file, "a text file");
    }

    @Test
    void aFolderIsRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> InputFiles.readAll(dir, "a .npy file")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": is a folder, not a .npy file");
        assertThatThrownBy(() -> InputFiles.requireFile(dir, "a text file")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": is a folder, not a text file");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("gone.txt");

        assertThatThrownBy(() -> InputFiles.readAll(missing, "a text file")).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> InputFiles.requireFile(missing, "a text file")).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file");
    }
}
