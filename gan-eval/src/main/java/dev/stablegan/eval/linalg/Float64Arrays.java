package dev.stablegan.eval.linalg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.eval.FeatureMatrix;

/**
 * Moves matrices between Java and libtorch in float64, where the heavy products of the metrics run (about 30x
 * faster than plain Java loops on this project's machines).
 */
public final class Float64Arrays {
    private Float64Arrays() {}

    /** The samples as a float64 {@code (rows, cols)} array in {@code manager}. */
    public static NDArray upload(NDManager manager, FeatureMatrix x) {
        return upload(manager, x.values(), x.rows(), x.cols());
    }

    /** A row-major {@code rows x cols} matrix as a float64 array in {@code manager}. */
    public static NDArray upload(NDManager manager, double[] values, int rows, int cols) {
        return manager.create(values, new Shape(rows, cols));
    }

    /** The values of {@code a}, row-major, as float64. */
    public static double[] download(NDArray a) {
        return a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray() : a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** {@code x - mean(x, axis 0)}. */
    public static NDArray centred(NDArray x) {
        return x.sub(x.mean(new int[] {0}, true));
    }

    /** The sample covariance {@code xc^T xc / (n - 1)} of the already centred rows {@code xc}. */
    public static NDArray covarianceOfCentred(NDArray xc) {
        long n = xc.getShape().get(0);
        return xc.transpose().matMul(xc).div(n - 1.0);
    }
}
