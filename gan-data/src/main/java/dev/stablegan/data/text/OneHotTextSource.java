package dev.stablegan.data.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.train.BatchSource;
import java.util.List;

/**
 * Real sentences for the language critic: lines drawn uniformly with replacement and written one-hot as
 * {@code [vocab, length]} (channel {@code v} at position {@code t} is 1 when character {@code v} stands there), the
 * layout of the generator's softmax output.
 */
public final class OneHotTextSource implements BatchSource {
    private final int[] encoded; // lines * length indices
    private final int lines;
    private final int vocab;
    private final int length;
    private final String identity;

    public OneHotTextSource(List<String> lines, CharVocabulary vocabulary, String identity) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("text source: needs at least one line");
        }
        this.lines = lines.size();
        this.vocab = vocabulary.size();
        this.length = vocabulary.length();
        this.encoded = new int[this.lines * length];
        for (int i = 0; i < this.lines; i++) {
            System.arraycopy(vocabulary.encode(lines.get(i)), 0, encoded, i * length, length);
        }
        this.identity = identity;
    }

    @Override
    public long[] exampleShape() {
        return new long[] {vocab, length};
    }

    @Override
    public NDArray next(NDManager manager, RandomStream random, int batchSize) {
        float[] oneHot = new float[batchSize * vocab * length];
        for (int b = 0; b < batchSize; b++) {
            int line = random.nextInt(lines);
            for (int t = 0; t < length; t++) {
                oneHot[(b * vocab + encoded[line * length + t]) * length + t] = 1f;
            }
        }
        return manager.create(oneHot, new Shape(batchSize, vocab, length));
    }

    @Override
    public String identity() {
        return identity;
    }
}
