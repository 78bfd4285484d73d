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
 * A residual connection with a scaled branch, {@code y = x + scale * f(x)}: the block of WGAN-GP's language model
 * (Gulrajani et al. 2017, section 5.5; the authors' {@code ResBlock} uses {@code scale = 0.3}), where a small scale
 * keeps a deep stack close to the identity at the start. The branch must keep the input's shape.
 */
public final class ScaledResidual extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Block branch;
    private final double scale;

    /**
     * @param branch {@code f}, shape-preserving
     * @param scale finite
     */
    public ScaledResidual(Block branch, double scale) {
        super(VERSION);
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale: must be finite, got " + scale);
        }
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
        if (!out.equals(inputShapes[0])) {
            throw new IllegalArgumentException("residual branch: maps shape " + inputShapes[0] + " to " + out
                    + "; it must keep the shape");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray f = branch.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
        return new NDList(x.add(f.mul(TensorConstants.scalar(x.getManager(), scale, x.getDataType()))));
    }
}
