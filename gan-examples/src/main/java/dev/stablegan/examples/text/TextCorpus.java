package dev.stablegan.examples.text;

import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.data.text.CorpusFiles;
import dev.stablegan.data.text.OneBillionWord;
import dev.stablegan.data.text.WordNetSentences;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentences for the language GAN, split into training and held-out lines, each line cut to the model's length.
 *
 * <p>{@link #open} accepts {@code wordnet} (the offline default, {@link WordNetSentences}), a One Billion Word
 * folder ({@link OneBillionWord}), or a UTF-8 text file with one sentence per line. Without a held-out set of its
 * own, a corpus is split by the seed: {@value #HELDOUT_LINES} lines (a tenth of a smaller corpus) are held out.
 *
 * @param name short identity for provenance ({@code wordnet}, {@code 1b-words:DIR}, {@code file:PATH})
 * @param skipped lines skipped as not UTF-8 or binary
 */
public record TextCorpus(String name, List<String> train, List<String> heldout, int skipped) {
    /** Held-out lines of a corpus split here. */
    public static final int HELDOUT_LINES = 2_000;

    public TextCorpus {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("corpus " + name + ": has no training lines");
        }
        if (heldout.isEmpty()) {
            throw new IllegalArgumentException("corpus " + name + ": has no held-out lines");
        }
        train = List.copyOf(train);
        heldout = List.copyOf(heldout);
    }

    /**
     * Opens {@code corpus}.
     *
     * @param cacheRoot where {@code wordnet} installs on first use
     * @param maxLines the most training lines read from a One Billion Word folder or a text file
     * @param length code points kept per line
     * @throws IllegalArgumentException for a corpus that is missing, empty, binary or too small, naming it
     */
    public static TextCorpus open(String corpus, Path cacheRoot, int maxLines, int length, long seed, PrintWriter log)
            throws IOException {
        SpecChecks.atLeast("max-lines", maxLines, 2);
        if (corpus.equals(WordNetSentences.ID)) {
            List<String> lines = WordNetSentences.read(WordNetInstall.locate(cacheRoot, log), length, log);
            return split(WordNetSentences.ID, lines, 0, seed);
        }
        Path path = Path.of(corpus);
        if (OneBillionWord.looksLike(path)) {
            OneBillionWord.Lines lines = OneBillionWord.read(path, maxLines, HELDOUT_LINES, length, log);
            String name = "1b-words:" + path;
            return lines.heldout().isEmpty() ? split(name, lines.train(), lines.skipped(), seed)
                    : new TextCorpus(name, lines.train(), lines.heldout(), lines.skipped());
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("corpus: " + path + " is a folder but not a One Billion Word layout (no "
                    + OneBillionWord.TRAINING_FOLDER + " and no news.en-NNNNN-of-00100 shards)");
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("corpus: '" + corpus + "' is neither " + WordNetSentences.ID
                    + " nor an existing file or One Billion Word folder");
        }
        List<String> lines = new ArrayList<>();
        int skipped = CorpusFiles.readLines(path, maxLines, length, lines, log);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("corpus: " + path + " holds no text line"
                    + (skipped > 0 ? " (" + skipped + " skipped as not UTF-8)" : ""));
        }
        return split("file:" + path, lines, skipped, seed);
    }

    /** Holds out {@value #HELDOUT_LINES} lines, or a tenth of a smaller corpus, chosen by {@code seed}. */
    static TextCorpus split(String name, List<String> lines, int skipped, long seed) {
        if (lines.size() < 2) {
            throw new IllegalArgumentException("corpus " + name + ": needs at least 2 lines (training and held-out), has "
                    + lines.size());
        }
        int heldoutCount = Math.max(1, Math.min(HELDOUT_LINES, lines.size() / 10));
        int[] order = RandomStream.derive(seed, "heldout-split").permutation(lines.size());
        boolean[] held = new boolean[lines.size()];
        for (int i = 0; i < heldoutCount; i++) {
            held[order[i]] = true;
        }
        List<String> train = new ArrayList<>();
        List<String> heldout = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            (held[i] ? heldout : train).add(lines.get(i));
        }
        return new TextCorpus(name, train, heldout, skipped);
    }
}
