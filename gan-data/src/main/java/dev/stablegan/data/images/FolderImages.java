package dev.stablegan.data.images;

import dev.stablegan.eval.features.ImageFolder;
import dev.stablegan.eval.features.RgbImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of PNG and JPEG images (and its subfolders), in path order, as RGB training images: transparent pixels
 * composited onto white, each image centre-cropped to a square and resized to the training size. A file that
 * cannot be decoded is skipped and counted, with one warning naming the first; a folder without any decodable
 * image is refused.
 */
public final class FolderImages {
    private FolderImages() {}

    /**
     * @param id the identity recorded in provenance
     * @throws IllegalArgumentException for a folder without images, naming it
     */
    public static InMemoryImages read(Path folder, int size, String id, PrintWriter log) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "not a folder of images");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(FolderImages::isImageName).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + ": holds no .png, .jpg or .jpeg image (subfolders included)");
        }
        int n = 3 * size * size;
        List<byte[]> images = new ArrayList<>(files.size());
        int skipped = 0;
        String firstError = null;
        for (Path file : files) {
            RgbImage image;
            try {
                image = ImageFolder.readImage(file);
            } catch (IOException e) {
                skipped++;
                firstError = firstError == null ? e.getMessage() : firstError;
                continue;
            }
            images.add(ImageResize.toSquare(channelMajor(image), 3, image.height(), image.width(), size));
        }
        if (skipped > 0) {
            log.printf("warning: %s: skipped %d of %d image files that cannot be decoded (first: %s)%n", folder, skipped, files.size(),
                    firstError);
            log.flush();
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException(folder + ": none of its " + files.size() + " image files can be decoded (first: "
                    + firstError + ")");
        }
        byte[] all = new byte[images.size() * n];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * n, n);
        }
        return new InMemoryImages(id + " (" + size + "x" + size + ")", images.size(), 3, size, size, all);
    }

    /** Interleaved RGB rows as {@code [3, h, w]} planes. */
    static byte[] channelMajor(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        byte[] out = new byte[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < 3; c++) {
                out[c * w * h + p] = rgb[3 * p + c];
            }
        }
        return out;
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }
}
