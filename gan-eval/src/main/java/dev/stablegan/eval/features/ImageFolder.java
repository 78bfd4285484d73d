package dev.stablegan.eval.features;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads every PNG and JPEG image of one folder (not its subfolders), in file-name order, as RGB.
 *
 * <p>Transparent pixels are composited onto white. All images must have one size: scores compare sets of one
 * resolution, and a silent resize would change them.
 */
public final class ImageFolder {
    private ImageFolder() {}

    /**
     * @throws IOException when the folder cannot be listed, or an image cannot be decoded, naming it
     * @throws IllegalArgumentException for a folder without images or images of mixed sizes, naming them
     */
    public static List<RgbImage> read(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder + ": not a folder of PNG or JPEG images");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).filter(ImageFolder::isImageName).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + ": holds no .png, .jpg or .jpeg images");
        }
        List<RgbImage> images = new ArrayList<>(files.size());
        RgbImage first = null;
        for (Path file : files) {
            RgbImage image = readImage(file);
            if (first == null) {
                first = image;
            } else if (image.width() != first.width() || image.height() != first.height()) {
                throw new IllegalArgumentException(folder + ": images of mixed sizes: " + first.source() + " is " + first.size() + ", "
                        + image.source() + " is " + image.size() + "; resize them to one size first");
            }
            images.add(image);
        }
        return images;
    }

    /**
     * One image file as RGB.
     *
     * @throws IOException when it is not a readable PNG or JPEG, naming it
     */
    public static RgbImage readImage(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode the image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new IOException(file + ": not a PNG or JPEG image that can be decoded");
        }
        return toRgb(file.toString(), image);
    }

    /**
     * Encoded image bytes (any format an installed ImageIO reader decodes) as RGB.
     *
     * @param source names the image in errors and in the result
     * @throws IOException when no reader decodes the bytes, naming the source
     */
    public static RgbImage decode(String source, byte[] bytes) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + ": cannot decode the image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new IOException(source + ": not an image any installed decoder reads (" + bytes.length + " bytes)");
        }
        return toRgb(source, image);
    }

    /** A decoded image as RGB, transparent pixels composited onto white, gray images as stored. */
    public static RgbImage toRgb(String source, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[3 * w * h];
        boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        Raster raster = image.getRaster();
        boolean alphaBand = image.getColorModel().hasAlpha();
        int maxSample = (1 << image.getColorModel().getComponentSize(0)) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                if (gray) {
                    // Gray PNGs are read as stored: getRGB would map them through a linear gray space.
                    int v = scale(raster.getSample(x, y, 0), maxSample);
                    int alpha = alphaBand ? scale(raster.getSample(x, y, 1), maxSample) : 255;
                    byte b = (byte) onWhite(v, alpha);
                    rgb[i] = b;
                    rgb[i + 1] = b;
                    rgb[i + 2] = b;
                } else {
                    int argb = image.getRGB(x, y);
                    int alpha = argb >>> 24;
                    for (int c = 0; c < 3; c++) {
                        rgb[i + c] = (byte) onWhite((argb >> (16 - 8 * c)) & 0xff, alpha);
                    }
                }
            }
        }
        return new RgbImage(source, w, h, rgb);
    }

    private static int scale(int sample, int maxSample) {
        return maxSample == 255 ? sample : (sample * 255 + maxSample / 2) / maxSample;
    }

    /** A channel value composited onto white with the given alpha, both 0..255. */
    private static int onWhite(int value, int alpha) {
        return (value * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }
}
