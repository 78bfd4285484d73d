package dev.stablegan.eval.features;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Lays images of one size out as the {@code (N, C, H, W)} arrays networks take. */
final class ImageTensors {
    private ImageTensors() {}

    /** {@code (N, 3, H, W)} for RGB images of one size. */
    static Shape shape(List<RgbImage> images) {
        RgbImage first = images.get(0);
        return new Shape(images.size(), 3, first.height(), first.width());
    }

    /** The RGB values 0..255 as floats, channel-first: {@code [n][c][y][x]}. */
    static float[] nchw(List<RgbImage> images) {
        RgbImage first = images.get(0);
        int w = first.width();
        int h = first.height();
        float[] out = new float[images.size() * 3 * h * w];
        int k = 0;
        for (RgbImage image : images) {
            requireSize(image, w, h);
            byte[] rgb = image.rgb();
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < h * w; p++) {
                    out[k++] = rgb[3 * p + c] & 0xff;
                }
            }
        }
        return out;
    }

    /** Gray values scaled to {@code [0, 1]} as {@code (N, 1, H, W)} floats (luma of {@link RgbImage#gray}). */
    static float[] grayUnit(List<RgbImage> images, int w, int h) {
        float[] out = new float[images.size() * h * w];
        int k = 0;
        for (RgbImage image : images) {
            requireSize(image, w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[k++] = image.gray(x, y) / 255f;
                }
            }
        }
        return out;
    }

    static void requireSize(RgbImage image, int w, int h) {
        if (image.width() != w || image.height() != h) {
            throw new IllegalArgumentException(image.source() + ": is " + image.size() + ", expected " + w + "x" + h);
        }
    }
}
