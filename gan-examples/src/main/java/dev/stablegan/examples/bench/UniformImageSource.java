package dev.stablegan.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.train.BatchSource;
import java.util.Arrays;

/**
 * Stand-in real data for benchmarks: every value uniform in {@code [-1, 1)}, {@code 2u - 1} with {@code u}
 * from the given {@link RandomStream}, in a fixed example shape (such as {@code [3, 32, 32]}).
 */
public final class UniformImageSource implements BatchSource {
    private final long[] shape;
    private final int exampleSize;

    public UniformImageSource(long... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("shape: needs positive extents, got " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.exampleSize = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
    }

    @Override
    public long[] exampleShape() {
        return shape.clone();
    }

    @Override
    public NDArray next(NDManager manager, RandomStream random, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize: must be > 0, got " + batchSize);
        }
        float[] values = random.uniforms(Math.multiplyExact(batchSize, exampleSize));
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * values[i] - 1;
        }
        long[] withBatch = new long[shape.length + 1];
        withBatch[0] = batchSize;
        System.arraycopy(shape, 0, withBatch, 1, shape.length);
        return manager.create(values, new Shape(withBatch));
    }

    /** {@code uniform:} and the shape, such as {@code uniform:3x32x32}. */
    @Override
    public String identity() {
        StringBuilder id = new StringBuilder("uniform:");
        for (int i = 0; i < shape.length; i++) {
            id.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return id.toString();
    }
}
