package dev.stablegan.examples.text;

import dev.stablegan.examples.data.PackageFetch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The example sentences of WordNet 3.0 (Princeton University, WordNet licence), the offline default corpus of
 * the language GAN: in each synset line of {@code data.noun}, {@code data.verb}, {@code data.adj} and
 * {@code data.adv}, the gloss after {@code " | "} holds definitions and, in double quotes, example sentences
 * ({@code "the pilot reported two kills during the mission"}); every quoted text is one line. About 48,000
 * sentences, median 31 characters. The files come from Debian's {@code wordnet-base}: read in place when it is
 * installed, otherwise fetched once with {@code apt-get download} (no root needed, no package script runs) into
 * the cache folder.
 */
public final class WordNetSentences {
    public static final String ID = "wordnet";
    static final String DEBIAN_PACKAGE = "wordnet-base";
    static final Path DEBIAN_FOLDER = Path.of("/usr/share/wordnet");
    static final List<String> DATA_FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");

    private WordNetSentences() {}

    /**
     * The folder holding the four data files: the cache, Debian's folder, or a fresh install into the cache.
     *
     * @throws IOException when they are missing and cannot be installed, saying how to get them
     */
    public static Path locate(Path cacheRoot, PrintWriter log) throws IOException {
        Path cached = cacheRoot.resolve(ID);
        if (complete(cached)) {
            return cached;
        }
        if (complete(DEBIAN_FOLDER)) {
            return DEBIAN_FOLDER;
        }
        return PackageFetch.installing(cacheRoot, ID, "the WordNet example sentences (Debian " + DEBIAN_PACKAGE + ")", cached,
                "a data file is missing or empty", log, work -> {
            Path unpacked = new PackageFetch(ID).debian(work, DEBIAN_PACKAGE).resolve(DEBIAN_FOLDER.toString().substring(1));
            Path staged = Files.createDirectories(work.resolve("staged"));
            for (String name : DATA_FILES) {
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

    private static boolean complete(Path dir) throws IOException {
        for (String name : DATA_FILES) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every example sentence of the data files in {@code dir}, in file and line order, each cut to {@code cut} code
     * points.
     *
     * @throws IllegalArgumentException when a file is missing or holds no sentence, naming it
     */
    public static List<String> read(Path dir, int cut, PrintWriter log) throws IOException {
        List<String> sentences = new ArrayList<>();
        for (String name : DATA_FILES) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(ID + ": " + file + " is missing (the WordNet data files are "
                        + String.join(", ", DATA_FILES) + ")");
            }
            List<String> lines = new ArrayList<>();
            CorpusFiles.readLines(file, Integer.MAX_VALUE, Integer.MAX_VALUE, lines, log);
            int before = sentences.size();
            for (String line : lines) {
                examples(line, cut, sentences);
            }
            if (sentences.size() == before) {
                throw new IllegalArgumentException(ID + ": " + file + " holds no example sentence (\"...\" after \" | \"); is it a WordNet data file?");
            }
        }
        return sentences;
    }

    /** Adds the quoted examples of one data line's gloss; licence lines (two leading blanks) have none. */
    static void examples(String line, int cut, List<String> into) {
        if (line.startsWith("  ")) {
            return;
        }
        int bar = line.indexOf(" | ");
        if (bar < 0) {
            return;
        }
        String gloss = line.substring(bar + 3);
        int from = 0;
        while (true) {
            int open = gloss.indexOf('"', from);
            int close = open < 0 ? -1 : gloss.indexOf('"', open + 1);
            if (close < 0) {
                return;
            }
            String sentence = gloss.substring(open + 1, close).strip();
            if (!sentence.isEmpty()) {
                into.add(CorpusFiles.cut(sentence, cut));
            }
            from = close + 1;
        }
    }
}
