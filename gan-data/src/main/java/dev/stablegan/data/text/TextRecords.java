package dev.stablegan.data.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.List;
import java.util.Objects;

/**
 * Lines of text as a DJL dataset for the character-level language GAN: record {@code i} is line {@code i} encoded
 * by a {@link CharVocabulary} as a float32 one-hot {@code [vocabulary, length]} array (the layout the 1D-CNN critic
 * takes and {@link OneHotTextSource} gives), with no label array. Lines come from any reader:
 * {@link WordNetSentences#read}, {@link OneBillionWord#read}, {@link CorpusFiles#readLines}.
 */
public final class TextRecords extends RandomAccessDataset {
    private final int[] encoded;
    private final int lines;
    private final int vocab;
    private final int length;

    private TextRecords(Builder builder) {
        super(builder);
        Objects.requireNonNull(builder.lines, "lines: null; pass the text lines");
        Objects.requireNonNull(builder.vocabulary, "vocabulary: null; pass a CharVocabulary (CharVocabulary.of(lines, length, size))");
        if (builder.lines.isEmpty()) {
            throw new IllegalArgumentException("lines: none; a text dataset needs at least one line");
        }
        this.lines = builder.lines.size();
        this.vocab = builder.vocabulary.size();
        this.length = builder.vocabulary.length();
        this.encoded = new int[lines * length];
        for (int i = 0; i < lines; i++) {
            System.arraycopy(builder.vocabulary.encode(builder.lines.get(i)), 0, encoded, i * length, length);
        }
    }

    /** The lines encoded by {@code vocabulary}, for sampling one record at a time. */
    public static TextRecords of(List<String> lines, CharVocabulary vocabulary) {
        return builder().lines(lines).vocabulary(vocabulary).setSampling(1, false).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Record get(NDManager manager, long index) {
        if (index < 0 || index >= lines) {
            throw new IndexOutOfBoundsException("text: record " + index + " of " + lines);
        }
        float[] oneHot = new float[vocab * length];
        for (int t = 0; t < length; t++) {
            oneHot[encoded[(int) index * length + t] * length + t] = 1f;
        }
        return new Record(new NDList(manager.create(oneHot, new Shape(vocab, length))), new NDList());
    }

    @Override
    protected long availableSize() {
        return lines;
    }

    /** Nothing to prepare: the lines are encoded when built. */
    @Override
    public void prepare(Progress progress) {}

    /** Builds {@link TextRecords}; DJL's sampling settings ({@code setSampling}) are required as for every dataset. */
    public static final class Builder extends BaseBuilder<Builder> {
        private List<String> lines;
        private CharVocabulary vocabulary;

        public Builder lines(List<String> lines) {
            this.lines = lines == null ? null : List.copyOf(lines);
            return this;
        }

        public Builder vocabulary(CharVocabulary vocabulary) {
            this.vocabulary = vocabulary;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public TextRecords build() {
            return new TextRecords(this);
        }
    }
}
