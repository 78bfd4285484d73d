package dev.stablegan.data.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageResizeTests {
    @Test
    void halvingAveragesTwoByTwoBlocks() {
        byte[] in = bytes(
                0, 2, 10, 20,
                4, 6, 30, 40,
                100, 100, 7, 7,
                100, 100, 7, 8);
        // (0+2+4+6)/4 = 3, (10+20+30+40)/4 = 25, 100, (7+7+7+8)/4 = 7.25 -> 7.
        assertThat(ImageResize.resizeSquare(in, 1, 4, 2)).containsExactly(bytes(3, 25, 100, 7));
    }

    @Test
    void shrinkingByAThirdWeighsTheSharedPixelByItsOverlap() {
        // 3 -> 2: each target covers 1.5 source pixels: (a + b/2) / 1.5 and (b/2 + c) / 1.5.
        float[] out = ImageResize.resize1d(new float[] {30, 60, 90}, 2);
        assertThat(out).containsExactly(40f, 80f);
    }

    @Test
    void doublingInterpolatesBetweenPixelCentres() {
        // 2 -> 4: targets at source positions -0.25, 0.25, 0.75, 1.25 (clamped at the borders).
        assertThat(ImageResize.resize1d(new float[] {0, 100}, 4)).containsExactly(0f, 25f, 75f, 100f);
    }

    @Test
    void theCentreSquareOfAWideImageDropsEqualMarginsPerChannel() {
        // [2 channels, 2 rows, 4 columns] -> the middle 2 columns of each.
        byte[] in = bytes(1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18);
        assertThat(ImageResize.centreSquare(in, 2, 2, 4)).containsExactly(bytes(2, 3, 6, 7, 12, 13, 16, 17));
        assertThat(ImageResize.toSquare(in, 2, 2, 4, 2)).containsExactly(bytes(2, 3, 6, 7, 12, 13, 16, 17));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
