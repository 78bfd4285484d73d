package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Nearest-neighbour upsampling of NCHW input by an integer factor, as
 * {@code torch.nn.Upsample(scale_factor=f, mode="nearest")}: {@code y[n, c, i, j] = x[n, c, i / f, j / f]}
 * (integer division), so each input pixel becomes an {@code f x f} block. Its gradient sums each block.
 *
 * <p>Built from a view of {@code x} as {@code [N, C, H, 1, W, 1]}, broadcast to {@code [N, C, H, f, W, f]}
 * and reshaped, so it needs no engine-specific operator and its backward is the broadcast's sum.
 */
public final class NearestUpsample2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int factor;

    /** An upsampling block; {@code factor >= 1}. */
    public NearestUpsample2d(int factor) {
        super(VERSION);
        if (factor < 1) {
            throw new IllegalArgumentException("NearestUpsample2d: factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    public int getFactor() {
        return factor;
    }

    /** {@code x} {@code [N, C, H, W]} upsampled to {@code [N, C, H*factor, W*factor]}. */
    public static NDArray upsample(NDArray x, int factor) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("NearestUpsample2d: expected input [N, C, H, W], got " + s);
        }
        if (factor == 1) {
            return x;
        }
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, factor, w, factor).reshape(n, c, h * factor, w * factor);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(upsample(inputs.singletonOrThrow(), factor));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("NearestUpsample2d: expected input [N, C, H, W], got " + s);
        }
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) * factor, s.get(3) * factor)};
    }
}
