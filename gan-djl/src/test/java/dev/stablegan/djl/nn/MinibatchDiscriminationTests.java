package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.stablegan.djl.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

class MinibatchDiscriminationTests {
    @Test
    void oneKernelOfOneDimensionMatchesTheHandValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            // T = [[1]]: M_i = x_i. x = 0, 1, 3: o_0 = e^-1 + e^-3, o_1 = e^-1 + e^-2, o_2 = e^-3 + e^-2.
            NDArray x = m.create(new double[] {0, 1, 3}, new Shape(3, 1));
            NDArray t = m.create(new double[] {1}, new Shape(1, 1));
            double[] out = MinibatchDiscrimination.apply(x, t, 1, 1).toDoubleArray();
            assertThat(out).containsExactly(new double[] {0, Math.exp(-1) + Math.exp(-3), 1, Math.exp(-1) + Math.exp(-2), 3,
                Math.exp(-3) + Math.exp(-2)}, within(1e-15));
        }
    }

    @Test
    void distancesAreL1OverEachKernelsDimensions() {
        try (NDManager m = NDManager.newBaseManager()) {
            // A = 2, B = 2 kernels of C = 2: T maps (a, b) to kernel 0 = (a, b), kernel 1 = (2a, 0).
            NDArray x = m.create(new double[] {0, 0, 1, 2}, new Shape(2, 2));
            NDArray t = m.create(new double[] {1, 0, 2, 0, 0, 1, 0, 0}, new Shape(2, 4));
            // Kernel 0: |0-1| + |0-2| = 3; kernel 1: |0-2| + 0 = 2.
            double[] out = MinibatchDiscrimination.apply(x, t, 2, 2).toDoubleArray();
            assertThat(out).containsExactly(new double[] {0, 0, Math.exp(-3), Math.exp(-2), 1, 2, Math.exp(-3), Math.exp(-2)},
                    within(1e-15));
        }
    }

    @Test
    void aCollapsedBatchShowsAsNMinusOneInEveryKernel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {0.3, -1.2, 0.3, -1.2, 0.3, -1.2, 0.3, -1.2}, new Shape(4, 2));
            NDArray t = m.randomNormal(new Shape(2, 15)).toType(DataType.FLOAT64, false);
            NDArray o = MinibatchDiscrimination.apply(x, t, 5, 3).get(":, 2:");
            for (double v : o.toDoubleArray()) {
                assertThat(v).isCloseTo(3.0, within(1e-12));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] x = {0.2, -0.4, 0.9, 0.1, -0.3, 0.5, 0.7, -0.8, 0.05};
            double[] t = {0.3, -0.2, 0.5, 0.1, -0.6, 0.25, 0.4, 0.35, -0.15, 0.2, -0.45, 0.6, 0.1, 0.3, -0.2, 0.05, 0.7, -0.1};
            long[] xs = {3, 3};
            long[] ts = {3, 6};
            // A weighted sum of the outputs, so every output's gradient counts.
            java.util.function.Function<NDArray, NDArray> weigh = out -> out.mul(out.getManager().arange(0, 3 * 5)
                    .toType(DataType.FLOAT64, false).reshape(3, 5).add(1.0)).sum();
            NDArray tFixed = m.create(t, new Shape(ts));
            assertThat(FiniteDifferences.analytic(m, x, xs, in -> weigh.apply(MinibatchDiscrimination.apply(in, tFixed, 2, 3))))
                    .containsExactly(FiniteDifferences.numeric(m, x, xs, in -> weigh.apply(MinibatchDiscrimination.apply(in, tFixed, 2,
                            3)), 1e-6), within(1e-6));
            NDArray xFixed = m.create(x, new Shape(xs));
            assertThat(FiniteDifferences.analytic(m, t, ts, in -> weigh.apply(MinibatchDiscrimination.apply(xFixed, in, 2, 3))))
                    .containsExactly(FiniteDifferences.numeric(m, t, ts, in -> weigh.apply(MinibatchDiscrimination.apply(xFixed, in, 2,
                            3)), 1e-6), within(1e-6));
        }
    }

    @Test
    void theBlockAddsOneFeaturePerKernel() {
        try (NDManager m = NDManager.newBaseManager()) {
            MinibatchDiscrimination block = new MinibatchDiscrimination(7, 4);
            block.initialize(m, DataType.FLOAT32, new Shape(5, 10));
            assertThat(block.getParameters().get("T").getArray().getShape()).isEqualTo(new Shape(10, 28));
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(6, 10))), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(6, 17));
            assertThat(block.getOutputShapes(new Shape[] {new Shape(6, 10)})[0]).isEqualTo(new Shape(6, 17));
        }
        assertThatThrownBy(() -> new MinibatchDiscrimination(0, 3)).hasMessageContaining("kernels");
    }
}
