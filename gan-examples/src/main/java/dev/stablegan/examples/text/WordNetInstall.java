package dev.stablegan.examples.text;

import dev.stablegan.data.text.WordNetSentences;
import dev.stablegan.examples.data.PackageFetch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds WordNet's data files for {@link WordNetSentences}: the cache, Debian's {@code /usr/share/wordnet} when
 * {@code wordnet-base} is installed, otherwise a fetch with {@code apt-get download} (no root needed, no package
 * script runs) into the cache folder.
 */
public final class WordNetInstall {
    private static final String ID = WordNetSentences.ID;
    static final String DEBIAN_PACKAGE = "wordnet-base";
    static final Path DEBIAN_FOLDER = Path.of("/usr/share/wordnet");

    private WordNetInstall() {}

    /**
     * The folder holding the four data files: the cache, Debian's folder, or a fresh install into the cache.
     *
     * @throws IOException when they are missing and cannot be installed, saying how to get them
     */
    public static Path locate(Path cacheRoot, PrintWriter log) throws IOException {
        Path cached = cacheRoot.resolve(ID);
        if (WordNetSentences.isComplete(cached)) {
            return cached;
        }
        if (WordNetSentences.isComplete(DEBIAN_FOLDER)) {
            return DEBIAN_FOLDER;
        }
        return PackageFetch.installing(cacheRoot, ID, "the WordNet example sentences (Debian " + DEBIAN_PACKAGE + ")", cached,
                "a data file is missing or empty", log, work -> {
            Path unpacked = new PackageFetch(ID).debian(work, DEBIAN_PACKAGE).resolve(DEBIAN_FOLDER.toString().substring(1));
            Path staged = Files.createDirectories(work.resolve("staged"));
            for (String name : WordNetSentences.DATA_FILES) {
                Path source = unpacked.resolve(name);
                if (!Files.isRegularFile(source)) {
                    throw new IOException(ID + ": the downloaded package lacks " + DEBIAN_FOLDER.resolve(name));
                }
                Files.copy(source, staged.resolve(name));
            }
            PackageFetch.deleteTree(cached);
            Files.move(staged, cached, StandardCopyOption.ATOMIC_MOVE);
            log.printf("%s: installed into %s%n", ID, cached);
            log.flush();
            return cached;
        });
    }
}
