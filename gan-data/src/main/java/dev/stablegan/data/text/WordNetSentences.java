package dev.stablegan.data.text;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example sentences of WordNet 3.0 (Princeton University, WordNet licence), the offline default corpus of
 * the language GAN: in each synset line of {@code data.noun}, {@code data.verb}, {@code data.adj} and
 * {@code data.adv}, the gloss after {@code " | "} holds definitions and, in double quotes, example sentences
 * ({@code "the pilot reported two kills during the mission"}); every quoted text is one line. About 48,000
 * sentences, median 31 characters. Debian's {@code wordnet-base} installs them in {@code /usr/share/wordnet};
 * the command line fetches them offline when missing.
 */
public final class WordNetSentences {
    public static final String ID = "wordnet";
    public static final List<String> DATA_FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");

    private WordNetSentences() {}

    /** Whether {@code dir} holds the four data files, none empty. */
    public static boolean isComplete(Path dir) throws IOException {
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
