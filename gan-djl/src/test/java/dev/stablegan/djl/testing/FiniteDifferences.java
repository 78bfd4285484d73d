package dev.stablegan.djl.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/** Central finite differences against autograd, in float64, for gradient checks of layers and losses. */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /** {@code d f / d x} by autograd, for a scalar-valued {@code f} of a float64 array {@code x}. */
    public static double[] analytic(NDManager manager, double[] x, long[] shape, Function<NDArray, NDArray> f) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(x, new ai.djl.ndarray.types.Shape(shape));
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(f.apply(input));
            }
            return input.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** {@code (f(x + h e_i) - f(x - h e_i)) / 2h} for every coordinate. */
    public static double[] numeric(NDManager manager, double[] x, long[] shape, Function<NDArray, NDArray> f, double h) {
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            grad[i] = (value(manager, plus, shape, f) - value(manager, minus, shape, f)) / (2 * h);
        }
        return grad;
    }

    private static double value(NDManager manager, double[] x, long[] shape, Function<NDArray, NDArray> f) {
        try (NDManager scope = manager.newSubManager()) {
            return f.apply(scope.create(x, new ai.djl.ndarray.types.Shape(shape))).toType(DataType.FLOAT64, false).getDouble();
        }
    }
}
