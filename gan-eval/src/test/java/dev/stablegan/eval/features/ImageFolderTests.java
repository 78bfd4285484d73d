package dev.stablegan.eval.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTests {
    @TempDir
    Path dir;

    @Test
    void grayColourAndTransparentPngsAreReadAsStoredInNameOrder() throws IOException {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 128);
        gray.getRaster().setSample(1, 0, 0, 7);
        ImageIO.write(gray, "png", dir.resolve("b_gray.png").toFile());
        BufferedImage colour = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        colour.setRGB(0, 0, 0xFF102030);
        colour.setRGB(1, 0, 0x00000000); // fully transparent: white
        ImageIO.write(colour, "png", dir.resolve("a_colour.png").toFile());
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        List<RgbImage> images = ImageFolder.read(dir);
        assertThat(images).extracting(i -> Path.of(i.source()).getFileName().toString()).containsExactly("a_colour.png", "b_gray.png");
        assertThat(rgb(images.get(0), 0)).containsExactly(0x10, 0x20, 0x30);
        assertThat(rgb(images.get(0), 1)).containsExactly(255, 255, 255);
        assertThat(rgb(images.get(1), 0)).containsExactly(128, 128, 128); // not brightened by a gray colour space
        assertThat(images.get(1).gray(1, 0)).isEqualTo(7);
    }

    @Test
    void badFoldersAndImagesAreRefusedByName() throws IOException {
        assertThatThrownBy(() -> ImageFolder.read(dir.resolve("absent"))).isInstanceOf(IOException.class).hasMessageContaining("absent");
        assertThatThrownBy(() -> ImageFolder.read(dir)).hasMessageContaining("no .png");

        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("b.png").toFile());
        assertThatThrownBy(() -> ImageFolder.read(dir)).hasMessageContaining("mixed sizes").hasMessageContaining("a.png is 4x4")
                .hasMessageContaining("b.png is 8x4");

        Files.delete(dir.resolve("b.png"));
        Files.write(dir.resolve("c.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> ImageFolder.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("c.png");
    }

    private static int[] rgb(RgbImage image, int pixel) {
        byte[] b = image.rgb();
        return new int[] {b[3 * pixel] & 0xff, b[3 * pixel + 1] & 0xff, b[3 * pixel + 2] & 0xff};
    }
}
