package dev.stablegan.data.text;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The One Billion Word benchmark (Chelba et al. 2013) as the WGAN-GP language model read it: the training shards
 * {@code training-monolingual.tokenized.shuffled/news.en-NNNNN-of-00100} (one tokenized sentence per line), in
 * name order, up to a line limit (the authors' 10 million), and as held-out data the first held-out shard
 * {@code heldout-monolingual.tokenized.shuffled/news.en.heldout-00000-of-00050} when present. The folder given may
 * be the benchmark's root or its training folder.
 */
public final class OneBillionWord {
    public static final String TRAINING_FOLDER = "training-monolingual.tokenized.shuffled";
    public static final String HELDOUT_FOLDER = "heldout-monolingual.tokenized.shuffled";
    static final Pattern TRAINING_SHARD = Pattern.compile("news\\.en-\\d{5}-of-\\d{5}");
    static final Pattern HELDOUT_SHARD = Pattern.compile("news\\.en\\.heldout-\\d{5}-of-\\d{5}");

    /** Lines read and lines skipped as not UTF-8. */
    public record Lines(List<String> train, List<String> heldout, int skipped, int shards) {}

    private OneBillionWord() {}

    /** Whether {@code dir} looks like the benchmark: its root, or a folder of training shards. */
    public static boolean looksLike(Path dir) throws IOException {
        return Files.isDirectory(dir) && (Files.isDirectory(dir.resolve(TRAINING_FOLDER)) || !shards(dir, TRAINING_SHARD).isEmpty());
    }

    /**
     * Reads at most {@code maxLines} training lines and at most {@code maxHeldout} held-out lines, each cut to
     * {@code cut} code points.
     *
     * @throws IllegalArgumentException when the folder holds no training shard, naming it and the expected names
     */
    public static Lines read(Path dir, int maxLines, int maxHeldout, int cut, PrintWriter log) throws IOException {
        Path training = Files.isDirectory(dir.resolve(TRAINING_FOLDER)) ? dir.resolve(TRAINING_FOLDER) : dir;
        List<Path> shards = shards(training, TRAINING_SHARD);
        if (shards.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no One Billion Word training shard (news.en-NNNNN-of-00100) in "
                    + training);
        }
        List<String> train = new ArrayList<>();
        int skipped = 0;
        int used = 0;
        for (Path shard : shards) {
            if (train.size() >= maxLines) {
                break;
            }
            skipped += CorpusFiles.readLines(shard, maxLines - train.size(), cut, train, log);
            used++;
            log.printf("1b-words: read %s (%,d lines so far)%n", shard.getFileName(), train.size());
            log.flush();
        }
        List<String> heldout = new ArrayList<>();
        Path root = training.equals(dir) ? dir.toAbsolutePath().getParent() : dir;
        Path heldoutFolder = root == null ? null : root.resolve(HELDOUT_FOLDER);
        if (heldoutFolder != null && Files.isDirectory(heldoutFolder)) {
            List<Path> held = shards(heldoutFolder, HELDOUT_SHARD);
            if (!held.isEmpty()) {
                skipped += CorpusFiles.readLines(held.get(0), maxHeldout, cut, heldout, log);
            }
        }
        return new Lines(train, heldout, skipped, used);
    }

    private static List<Path> shards(Path dir, Pattern name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> name.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
