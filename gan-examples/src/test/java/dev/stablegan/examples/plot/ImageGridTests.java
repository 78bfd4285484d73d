package dev.stablegan.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageGridTests {
    @Test
    void colourImagesAreReadChannelMajorAndLaidOutWithAWhiteGutter() {
        // Two 1x2 images (height 1, width 2): planes R, G, B of each.
        float[] pixels = {
            1, 0, /* G */ 0, 1, /* B */ 0, 0.5f,
            0, 0, /* G */ 0, 0, /* B */ 1, 2f};
        BufferedImage grid = ImageGrid.of(pixels, 2, 3, 1, 2, 2, 1);
        assertThat(grid.getWidth()).isEqualTo(2 + 2 * (2 + 2));
        assertThat(grid.getHeight()).isEqualTo(2 + (2 + 1));
        assertThat(grid.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(grid.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(grid.getRGB(3, 2) & 0xFFFFFF).isEqualTo(0x00FF80);
        assertThat(grid.getRGB(6, 2) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(grid.getRGB(7, 2) & 0xFFFFFF).as("clamped to 1").isEqualTo(0x0000FF);
        assertThat(grid.getRGB(4, 2) & 0xFFFFFF).as("gutter between images").isEqualTo(0xFFFFFF);
    }

    @Test
    void grayImagesRepeatTheirLevelAndScale() {
        BufferedImage grid = ImageGrid.gray(new float[] {0.5f}, 1, 1, 1, 1, 3);
        assertThat(grid.getWidth()).isEqualTo(2 + 2 + 3);
        assertThat(grid.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0x808080);
        assertThat(grid.getRGB(4, 4) & 0xFFFFFF).isEqualTo(0x808080);
    }

    @Test
    void otherChannelCountsAndShortArraysAreRefused() {
        assertThatThrownBy(() -> ImageGrid.of(new float[8], 1, 2, 2, 2, 1, 1)).hasMessageContaining("1 or 3 channels");
        assertThatThrownBy(() -> ImageGrid.of(new float[11], 1, 3, 2, 2, 1, 1)).hasMessageContaining("need 12 values, got 11");
    }
}
