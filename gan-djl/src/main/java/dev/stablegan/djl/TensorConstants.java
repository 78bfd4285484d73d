package dev.stablegan.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar constants that are safe to use inside an autograd graph.
 *
 * <p>DJL's {@code x.mul(0.5)} wraps the 0.5 in a tensor over a Java direct buffer and closes it right after
 * the op, yet the autograd graph keeps that tensor for backward; once the buffer is garbage-collected,
 * backward reads freed memory and returns wrong or NaN gradients. {@code x.mul(TensorConstants.scalar(m, 0.5,
 * x.getDataType()))} uses a tensor whose memory libtorch owns. A 0-dimensional constant of the same data type
 * never promotes {@code x} (a float32 tensor times a float64 scalar tensor would become float64).
 */
public final class TensorConstants {
    private TensorConstants() {}

    /** A 0-dimensional tensor of {@code type} holding {@code value}, attached to {@code manager}. */
    public static NDArray scalar(NDManager manager, double value, DataType type) {
        return manager.ones(new Shape(), type).muli(value);
    }
}
