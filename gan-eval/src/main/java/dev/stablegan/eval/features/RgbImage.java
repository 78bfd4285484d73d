package dev.stablegan.eval.features;

/**
 * One 8-bit RGB image, row-major and channel-last ({@code rgb[3 (y w + x) + c]}), the form images reach the
 * feature extractors in.
 *
 * @param source where the image came from, for messages
 * @param width pixels per row, {@code >= 1}
 * @param height rows, {@code >= 1}
 * @param rgb {@code 3 width height} bytes; kept, not copied
 */
public record RgbImage(String source, int width, int height, byte[] rgb) {
    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(source + ": an image needs at least 1 x 1 pixels, got " + width + " x " + height);
        }
        if (rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException(source + ": expected " + 3L * width * height + " RGB bytes for " + width + " x "
                    + height + ", got " + (rgb == null ? 0 : rgb.length));
        }
    }

    /** Luma {@code (299 R + 587 G + 114 B) / 1000} rounded, ITU-R BT.601 as PIL's {@code convert("L")}; exact for gray. */
    public int gray(int x, int y) {
        int i = 3 * (y * width + x);
        return (299 * (rgb[i] & 0xff) + 587 * (rgb[i + 1] & 0xff) + 114 * (rgb[i + 2] & 0xff) + 500) / 1000;
    }

    /** "28x28". */
    public String size() {
        return width + "x" + height;
    }
}
