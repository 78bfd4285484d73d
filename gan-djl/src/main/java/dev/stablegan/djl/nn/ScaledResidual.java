package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.stablegan.djl.TensorConstants;

/**
 * A residual connection with a scaled branch, {@code y = s(x) + scale * f(x)}, {@code s} the identity unless a
 * shortcut is given: the blocks of WGAN-GP's language model and 101-layer ResNets (Gulrajani et al. 2017, sections
 * 5.2 and 5.5; the authors' {@code ResBlock} and {@code BottleneckResidualBlock} use {@code scale = 0.3}), where a
 * small scale keeps a deep stack close to the identity at the start. Shortcut and branch must agree in shape.
 */
public final class ScaledResidual extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Block shortcut; // null: the identity
    private final Block branch;
    private final double scale;

    /**
     * @param branch {@code f}, shape-preserving
     * @param scale finite
     */
    public ScaledResidual(Block branch, double scale) {
        this(null, branch, scale);
    }

    /**
     * @param shortcut {@code s}, or null for the identity (then {@code f} must keep the shape)
     * @param branch {@code f}, with the same output shape as {@code s}
     * @param scale finite
     */
    public ScaledResidual(Block shortcut, Block branch, double scale) {
        super(VERSION);
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale: must be finite, got " + scale);
        }
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.branch = addChildBlock("branch", branch);
        this.scale = scale;
    }

    public double scale() {
        return scale;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        branch.initialize(manager, dataType, inputShapes);
        Shape out = branch.getOutputShapes(inputShapes)[0];
        Shape expected = inputShapes[0];
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
            expected = shortcut.getOutputShapes(inputShapes)[0];
        }
        if (!out.equals(expected)) {
            throw new IllegalArgumentException("residual branch: maps shape " + inputShapes[0] + " to " + out
                    + (shortcut == null ? "; it must keep the shape" : ", the shortcut to " + expected + "; they must agree"));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return shortcut == null ? inputShapes : shortcut.getOutputShapes(inputShapes);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray f = branch.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
        NDArray s = shortcut == null ? x : shortcut.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
        return new NDList(s.add(f.mul(TensorConstants.scalar(x.getManager(), scale, x.getDataType()))));
    }
}
