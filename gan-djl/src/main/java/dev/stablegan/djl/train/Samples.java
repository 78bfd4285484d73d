package dev.stablegan.djl.train;

import ai.djl.ndarray.NDManager;
import dev.stablegan.api.RandomStream;

/**
 * Draws many samples from a {@link SampleSource} in parts, so that memory holds one part's tensors at a time; the
 * result equals one draw of the total from the same stream.
 */
public final class Samples {
    /** The part size the experiments use: 250 images of 64x64x3 are 12 MB of activations per layer at most. */
    public static final int DEFAULT_PART = 250;

    private Samples() {}

    /** What receives each part: its first sample's index, its count, and its values flattened one sample after another. */
    @FunctionalInterface
    public interface PartConsumer<E extends Exception> {
        void accept(int start, int count, float[] values) throws E;
    }

    /**
     * Draws {@code count} samples from {@code random} in parts of at most {@code part}, handing each to {@code into}.
     *
     * @throws IllegalArgumentException when {@code count} or {@code part} is below 1
     */
    public static <E extends Exception> void inParts(SampleSource source, RandomStream random, int count, int part,
            PartConsumer<E> into) throws E {
        if (count < 1 || part < 1) {
            throw new IllegalArgumentException("samples: count and part size must be >= 1, got " + count + " and " + part);
        }
        for (int start = 0; start < count; start += part) {
            int n = Math.min(part, count - start);
            float[] values;
            try (NDManager scope = source.manager().newSubManager()) {
                values = source.sample(scope, random, n).toFloatArray();
            }
            into.accept(start, n, values);
        }
    }

    /**
     * {@code count} samples of {@code perSample} values each, flattened one after another, drawn in parts of
     * {@value #DEFAULT_PART}.
     */
    public static float[] values(SampleSource source, RandomStream random, int count, int perSample) {
        float[] out = new float[Math.multiplyExact(count, perSample)];
        Samples.<RuntimeException>inParts(source, random, count, DEFAULT_PART,
                (start, n, part) -> System.arraycopy(part, 0, out, start * perSample, part.length));
        return out;
    }
}
