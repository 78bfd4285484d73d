package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.stablegan.djl.testing.FiniteDifferences;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class VirtualBatchNormTests {
    @Test
    void oneReferenceRowAndOneExampleMatchTheHandValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Reference {0}, example 2: mu = (0 + 2)/2 = 1, s = (0 + 4)/2 = 2, var = 1: (2 - 1)/sqrt(1 + eps).
            // The reference row uses its own statistics: (0 - 0)/sqrt(0 + eps) = 0.
            NDArray x = m.create(new double[] {0, 2}, new Shape(2, 1));
            double[] out = VirtualBatchNorm.apply(x, m.create(new double[] {1}), m.create(new double[] {0}), 1).toDoubleArray();
            assertThat(out).containsExactly(new double[] {0, 1 / Math.sqrt(1 + VirtualBatchNorm.EPSILON)}, within(1e-15));
            // gamma and beta scale and shift per channel.
            double[] scaled = VirtualBatchNorm.apply(x, m.create(new double[] {3}), m.create(new double[] {0.5}), 1).toDoubleArray();
            assertThat(scaled[1]).isCloseTo(3 / Math.sqrt(1 + VirtualBatchNorm.EPSILON) + 0.5, within(1e-15));
        }
    }

    @Test
    void anExamplesOutputDoesNotDependOnTheRestOfItsBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray reference = m.randomNormal(new Shape(4, 3, 2, 2)).toType(DataType.FLOAT64, false);
            NDArray a = m.randomNormal(new Shape(1, 3, 2, 2)).toType(DataType.FLOAT64, false);
            NDArray others = m.randomNormal(new Shape(5, 3, 2, 2)).toType(DataType.FLOAT64, false).mul(10).add(3);
            NDArray gamma = m.create(new double[] {1.5, 0.5, -1});
            NDArray beta = m.create(new double[] {0.1, 0.2, 0.3});
            NDArray alone = VirtualBatchNorm.apply(reference.concat(a, 0), gamma, beta, 4).get("4:5");
            NDArray inCrowd = VirtualBatchNorm.apply(reference.concat(others.get("0:2"), 0).concat(a, 0).concat(others.get("2:"), 0),
                    gamma, beta, 4).get("6:7");
            assertThat(inCrowd.toDoubleArray()).containsExactly(alone.toDoubleArray(), within(1e-12));
            // The reference rows themselves are normalized with their own statistics only.
            assertThat(VirtualBatchNorm.apply(reference.concat(a, 0), gamma, beta, 4).get("0:4").toDoubleArray())
                    .containsExactly(VirtualBatchNorm.apply(reference.concat(others, 0), gamma, beta, 4).get("0:4").toDoubleArray(),
                            within(1e-12));
        }
    }

    @Test
    void convolutionalInputUsesTheExamplesOwnPositions() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One channel, 1x2 images. Reference (0, 2): mu_r = 1, s_r = 2. Example (4, 6): m(x) = 5, m(x^2) = 26.
            // R = 1: mu = 3, s = 14, var = 5; outputs (4 - 3)/sqrt(5), (6 - 3)/sqrt(5).
            NDArray x = m.create(new double[] {0, 2, 4, 6}, new Shape(2, 1, 1, 2));
            double[] out = VirtualBatchNorm.apply(x, m.create(new double[] {1}), m.create(new double[] {0}), 1).toDoubleArray();
            double root = Math.sqrt(5 + VirtualBatchNorm.EPSILON);
            assertThat(out[2]).isCloseTo(1 / root, within(1e-14));
            assertThat(out[3]).isCloseTo(3 / root, within(1e-14));
            assertThat(out[0]).isCloseTo(-1 / Math.sqrt(1 + VirtualBatchNorm.EPSILON), within(1e-14));
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] x = {0.3, -1.1, 0.8, 0.2, 1.4, -0.6, -0.2, 0.9, 0.5, -0.7, 1.1, 0.1};
            long[] shape = {6, 2};
            NDArray gamma = m.create(new double[] {1.3, -0.7});
            NDArray beta = m.create(new double[] {0.2, 0.1});
            java.util.function.Function<NDArray, NDArray> f = in -> VirtualBatchNorm.apply(in, gamma, beta, 3)
                    .mul(in.getManager().arange(0, 12).toType(DataType.FLOAT64, false).reshape(6, 2).sub(4.0)).sum();
            assertThat(FiniteDifferences.analytic(m, x, shape, f)).containsExactly(FiniteDifferences.numeric(m, x, shape, f, 1e-6),
                    within(1e-6));
            NDArray fixed = m.create(x, new Shape(shape));
            java.util.function.Function<NDArray, NDArray> g = in -> VirtualBatchNorm.apply(fixed, in, beta, 3).mul(fixed).sum();
            assertThat(FiniteDifferences.analytic(m, new double[] {1.3, -0.7}, new long[] {2}, g))
                    .containsExactly(FiniteDifferences.numeric(m, new double[] {1.3, -0.7}, new long[] {2}, g, 1e-6), within(1e-6));
        }
    }

    @Test
    void theReferenceBatchWrapperHidesTheReferenceRowsAndKeepsThemAcrossSaveAndLoad() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray reference = m.randomNormal(new Shape(8, 5));
            ReferenceBatch net = new ReferenceBatch(generator(8), reference);
            net.initialize(m, DataType.FLOAT32, new Shape(3, 5));
            ParameterStore store = new ParameterStore(m, false);
            NDArray z = m.randomNormal(new Shape(3, 5));
            NDArray out = net.forward(store, new NDList(z), false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(3, 4));
            NDArray single = net.forward(store, new NDList(z.get("1:2")), false).singletonOrThrow();
            assertThat(single.toFloatArray()).containsExactly(out.get("1:2").toFloatArray(), within(1e-5f));

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveParameters(new DataOutputStream(bytes));
            ReferenceBatch other = new ReferenceBatch(generator(8), m.zeros(new Shape(8, 5)));
            other.initialize(m, DataType.FLOAT32, new Shape(3, 5));
            other.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(other.reference().toFloatArray()).containsExactly(reference.toFloatArray());
            NDArray again = other.forward(store, new NDList(z), false).singletonOrThrow();
            assertThat(again.toFloatArray()).containsExactly(out.toFloatArray(), within(1e-6f));
        }
    }

    @Test
    void anInputWithoutExampleRowsIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(2, 3));
            assertThatThrownBy(() -> VirtualBatchNorm.apply(x, m.ones(new Shape(3)), m.zeros(new Shape(3)), 2))
                    .hasMessageContaining("reference rows");
        }
    }

    private static SequentialBlock generator(int referenceSize) {
        SequentialBlock g = new SequentialBlock();
        g.add(Linear.builder().setUnits(6).build());
        g.add(new VirtualBatchNorm(referenceSize));
        g.add(ai.djl.nn.Activation.reluBlock());
        g.add(Linear.builder().setUnits(4).build());
        return g;
    }
}
