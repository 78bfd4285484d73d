package dev.stablegan.examples.plot;

import java.awt.image.BufferedImage;

/** Lays gray images out as a grid with a 2-pixel white gutter, for sample pictures. */
public final class ImageGrid {
    private static final int GUTTER = 2;

    private ImageGrid() {}

    /**
     * @param pixels {@code count * height * width} values in {@code [0, 1]} (clamped), row-major per image
     * @param columns images per row
     * @param scale each pixel drawn as {@code scale x scale}
     */
    public static BufferedImage gray(float[] pixels, int count, int height, int width, int columns, int scale) {
        if (count < 1 || columns < 1 || scale < 1 || pixels.length < (long) count * height * width) {
            throw new IllegalArgumentException("grid: " + count + " images of " + width + "x" + height + " need "
                    + (long) count * height * width + " values, got " + pixels.length);
        }
        int rows = (count + columns - 1) / columns;
        int cell = GUTTER + width * scale;
        int cellH = GUTTER + height * scale;
        BufferedImage image = new BufferedImage(GUTTER + columns * cell, GUTTER + rows * cellH, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int k = 0; k < count; k++) {
            int ox = GUTTER + (k % columns) * cell;
            int oy = GUTTER + (k / columns) * cellH;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v = pixels[(k * height + y) * width + x];
                    int level = Math.round(255 * Math.max(0f, Math.min(1f, v)));
                    int rgb = (level << 16) | (level << 8) | level;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            image.setRGB(ox + x * scale + dx, oy + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return image;
    }
}
