package dev.stablegan.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Lays gray or colour images out as a grid with a 2-pixel white gutter, for sample pictures. */
public final class ImageGrid {
    private static final int GUTTER = 2;

    private ImageGrid() {}

    /**
     * A pen for a figure composed by hand (grids with captions, a confusion matrix): {@code image} painted white, text
     * antialiased, the colour black; the caller disposes of it.
     */
    public static Graphics2D whitePage(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }

    /**
     * @param pixels {@code count * height * width} values in {@code [0, 1]} (clamped), row-major per image
     * @param columns images per row
     * @param scale each pixel drawn as {@code scale x scale}
     */
    public static BufferedImage gray(float[] pixels, int count, int height, int width, int columns, int scale) {
        return of(pixels, count, 1, height, width, columns, scale);
    }

    /**
     * @param pixels {@code count * channels * height * width} values in {@code [0, 1]} (clamped), channel-major per
     *     image ({@code [c][y][x]}); one channel is gray, three are red, green, blue
     * @param columns images per row
     * @param scale each pixel drawn as {@code scale x scale}
     */
    public static BufferedImage of(float[] pixels, int count, int channels, int height, int width, int columns, int scale) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("grid: images need 1 or 3 channels, got " + channels);
        }
        int plane = height * width;
        if (count < 1 || columns < 1 || scale < 1 || pixels.length < (long) count * channels * plane) {
            throw new IllegalArgumentException("grid: " + count + " images of " + channels + "x" + width + "x" + height + " need "
                    + (long) count * channels * plane + " values, got " + pixels.length);
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
            int base = k * channels * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = base + y * width + x;
                    int r = level(pixels[at]);
                    int rgb = channels == 1 ? (r << 16) | (r << 8) | r
                            : (r << 16) | (level(pixels[at + plane]) << 8) | level(pixels[at + 2 * plane]);
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

    private static int level(float v) {
        return Math.round(255 * Math.max(0f, Math.min(1f, v)));
    }
}
