package dev.stablegan.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTests {
    @TempDir
    Path folder;

    @Test
    void writesAPngAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = folder.resolve("plot.png");
        Files.writeString(file, "an older file that must be replaced");
        BufferedImage image = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x123456);

        PngFiles.write(image, file);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back.getWidth()).isEqualTo(30);
        assertThat(back.getRGB(3, 4) & 0xFFFFFF).isEqualTo(0x123456);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void failsNamingThePathWhenTheFolderDoesNotExist() {
        Path file = folder.resolve("missing").resolve("plot.png");
        assertThatThrownBy(() -> PngFiles.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void failsNamingThePathWhenTheFolderIsNotWritable() throws IOException {
        // A regular file in place of the folder cannot take a new entry, whoever runs the test (even root).
        Path notAFolder = Files.writeString(folder.resolve("file"), "x");
        Path file = notAFolder.resolve("plot.png");
        assertThatThrownBy(() -> PngFiles.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }
}
