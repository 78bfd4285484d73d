package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.stablegan.djl.testing.FiniteDifferences;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WeightNormAndNoiseTests {
    @Test
    void weightNormScalesEachUnitsUnitDirection() {
        try (NDManager m = NDManager.newBaseManager()) {
            // v rows (3, 4) and (0, 2): unit directions (0.6, 0.8) and (0, 1); g = (2, -1), b = (0.5, 0).
            NDArray x = m.create(new double[] {1, 1, 2, -1}, new Shape(2, 2));
            NDArray v = m.create(new double[] {3, 4, 0, 2}, new Shape(2, 2));
            NDArray g = m.create(new double[] {2, -1});
            NDArray b = m.create(new double[] {0.5, 0});
            double[] y = WeightNormLinear.apply(x, v, g, b).toDoubleArray();
            assertThat(y).containsExactly(new double[] {2 * 1.4 + 0.5, -1, 2 * 0.4 + 0.5, 1}, within(1e-12));
        }
    }

    @Test
    void weightNormGradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] v = {0.3, -0.5, 0.8, 0.1, 0.4, -0.2};
            NDArray x = m.create(new double[] {0.5, -1, 2, 1, 0.3, -0.7}, new Shape(2, 3));
            NDArray g = m.create(new double[] {1.5, -0.4});
            NDArray b = m.create(new double[] {0.1, 0.2});
            NDArray w = m.create(new double[] {1, -2, 0.5, 3}, new Shape(2, 2));
            Function<NDArray, NDArray> f = in -> WeightNormLinear.apply(x, in, g, b).mul(w).sum();
            assertThat(FiniteDifferences.analytic(m, v, new long[] {2, 3}, f))
                    .containsExactly(FiniteDifferences.numeric(m, v, new long[] {2, 3}, f, 1e-6), within(1e-7));
        }
    }

    @Test
    void dataDependentInitGivesUnitSpreadAndAFixedScaleStaysFixed() {
        try (NDManager m = NDManager.newBaseManager()) {
            WeightNormLinear layer = new WeightNormLinear(5, false);
            layer.initialize(m, DataType.FLOAT32, new Shape(64, 8));
            NDArray x = m.randomNormal(new Shape(64, 8)).mul(3).add(1);
            NDArray out = layer.initializeFromData(x, 1.0);
            NDArray again = layer.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertThat(again.toFloatArray()).containsExactly(out.toFloatArray(), within(1e-4f));
            float[] mean = out.mean(new int[] {0}).toFloatArray();
            float[] std = out.sub(out.mean(new int[] {0})).square().mean(new int[] {0}).sqrt().toFloatArray();
            for (int k = 0; k < 5; k++) {
                assertThat(mean[k]).isCloseTo(0f, within(1e-4f));
                assertThat(std[k]).isCloseTo(1f, within(1e-3f));
            }
            assertThat(layer.getParameters().get("g").requiresGradient()).isFalse();
            assertThat(layer.getParameters().get("v").requiresGradient()).isTrue();
        }
    }

    @Test
    void gaussianNoiseIsOnlyAddedWhileTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianNoise noise = new GaussianNoise(0.5);
            noise.initialize(m, DataType.FLOAT32, new Shape(1000, 20));
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.ones(new Shape(1000, 20));
            NDArray trained = noise.forward(store, new NDList(x), true).singletonOrThrow().sub(x);
            assertThat(trained.mean().getFloat()).isCloseTo(0f, within(0.01f));
            assertThat(trained.square().mean().sqrt().getFloat()).isCloseTo(0.5f, within(0.01f));
            assertThat(noise.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray()).containsOnly(1f);
        }
    }

    /** Issue 19: the authors' l2normalize adds 1e-6 under the root: v = (3, 4), x = (1, 0), g = 1 gives 3 / sqrt(25 + 1e-6). */
    @Test
    void theNormEpsilonGoesUnderTheRoot() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray x = m.create(new double[] {1, 0}, new ai.djl.ndarray.types.Shape(1, 2));
            ai.djl.ndarray.NDArray v = m.create(new double[] {3, 4}, new ai.djl.ndarray.types.Shape(1, 2));
            ai.djl.ndarray.NDArray g = m.create(new double[] {1});
            ai.djl.ndarray.NDArray b = m.create(new double[] {0});
            assertThat(WeightNormLinear.apply(x, v, g, b, 1e-6).toDoubleArray()[0]).isCloseTo(3 / Math.sqrt(25 + 1e-6),
                    org.assertj.core.api.Assertions.within(1e-15));
            assertThat(WeightNormLinear.apply(x, v, g, b).toDoubleArray()[0]).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-15));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WeightNormLinear(2).withNormEpsilon(-1))
                .hasMessageContaining("normEpsilon");
    }
}
