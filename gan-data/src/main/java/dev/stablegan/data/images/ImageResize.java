package dev.stablegan.data.images;

/**
 * Pure functions that bring an image to the square training size, as the WGAN-GP LSUN experiments prepare
 * their data (centre crop, then resize): channel-major bytes in, channel-major bytes out.
 *
 * <p>Shrinking averages the source area each target pixel covers (a box filter with fractional edge weights, so
 * no source pixel is dropped and a 2x shrink is the mean of 2x2 blocks); growing interpolates bilinearly between
 * pixel centres (clamped at the borders). Results are rounded to the nearest byte.
 */
public final class ImageResize {
    private ImageResize() {}

    /** The centred {@code min(h, w)} square of a {@code [c, h, w]} image. */
    public static byte[] centreSquare(byte[] pixels, int channels, int height, int width) {
        int side = Math.min(height, width);
        int top = (height - side) / 2;
        int left = (width - side) / 2;
        byte[] out = new byte[channels * side * side];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(pixels, (c * height + top + y) * width + left, out, (c * side + y) * side, side);
            }
        }
        return out;
    }

    /** A square {@code [c, from, from]} image resized to {@code [c, to, to]}. */
    public static byte[] resizeSquare(byte[] pixels, int channels, int from, int to) {
        if (from == to) {
            return pixels.clone();
        }
        float[] rows = new float[channels * from * to]; // [c, from rows, to columns]
        float[] out = new float[channels * to * to];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < from; y++) {
                float[] line = new float[from];
                for (int x = 0; x < from; x++) {
                    line[x] = pixels[(c * from + y) * from + x] & 0xff;
                }
                float[] resized = resize1d(line, to);
                System.arraycopy(resized, 0, rows, (c * from + y) * to, to);
            }
            for (int x = 0; x < to; x++) {
                float[] column = new float[from];
                for (int y = 0; y < from; y++) {
                    column[y] = rows[(c * from + y) * to + x];
                }
                float[] resized = resize1d(column, to);
                for (int y = 0; y < to; y++) {
                    out[(c * to + y) * to + x] = resized[y];
                }
            }
        }
        byte[] bytes = new byte[out.length];
        for (int i = 0; i < out.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(out[i])));
        }
        return bytes;
    }

    /** Centre square, then resize: any {@code [c, h, w]} image to {@code [c, size, size]}. */
    public static byte[] toSquare(byte[] pixels, int channels, int height, int width, int size) {
        return resizeSquare(centreSquare(pixels, channels, height, width), channels, Math.min(height, width), size);
    }

    static float[] resize1d(float[] in, int to) {
        int from = in.length;
        float[] out = new float[to];
        if (to < from) {
            double scale = (double) from / to; // source pixels per target pixel
            for (int i = 0; i < to; i++) {
                double start = i * scale;
                double end = start + scale;
                double sum = 0;
                for (int j = (int) Math.floor(start); j < Math.min(from, (int) Math.ceil(end)); j++) {
                    double overlap = Math.min(end, j + 1) - Math.max(start, j);
                    sum += overlap * in[j];
                }
                out[i] = (float) (sum / scale);
            }
        } else {
            double scale = (double) from / to;
            for (int i = 0; i < to; i++) {
                double x = (i + 0.5) * scale - 0.5;
                int x0 = (int) Math.floor(x);
                double t = x - x0;
                float a = in[Math.max(0, Math.min(from - 1, x0))];
                float b = in[Math.max(0, Math.min(from - 1, x0 + 1))];
                out[i] = (float) (a + t * (b - a));
            }
        }
        return out;
    }
}
