package dev.stablegan.djl.regularizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.stablegan.api.TechniquesSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImprovedGanRegularizersTests {
    @Test
    void featureMatchingComparesTheMeanFeatures() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Real means (2, 3), fake means (1, 5): difference (1, -2).
            NDArray real = m.create(new double[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray fake = m.create(new double[] {0, 4, 2, 6, 1, 5}, new Shape(3, 2));
            assertThat(FeatureMatching.loss(real, fake, TechniquesSpec.FeatureDistance.SQUARED_L2).getDouble()).isCloseTo(5.0, within(1e-15));
            assertThat(FeatureMatching.loss(real, fake, TechniquesSpec.FeatureDistance.MEAN_ABSOLUTE).getDouble()).isCloseTo(1.5,
                    within(1e-15));
            NDArray other = m.zeros(new Shape(2, 3), DataType.FLOAT64);
            assertThatThrownBy(() -> FeatureMatching.loss(real, other, TechniquesSpec.FeatureDistance.SQUARED_L2))
                    .hasMessageContaining("feature shapes differ");
        }
    }

    @Test
    void featureMatchingGradientIsTwiceTheMeanDifferenceOverTheFakeBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(new double[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray fake = m.create(new double[] {0, 4, 2, 6}, new Shape(2, 2));
            fake.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(FeatureMatching.loss(real, fake, TechniquesSpec.FeatureDistance.SQUARED_L2));
            }
            // d/dy_jk = -2 (mean_real_k - mean_fake_k) / N_fake, mean difference (1, -2), N_fake = 2.
            assertThat(fake.getGradient().toDoubleArray()).containsExactly(new double[] {-1, 2, -1, 2}, within(1e-15));
        }
    }

    @Test
    void historicalAveragingFollowsTheFormulaAfterSeveralSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear layer = Linear.builder().setUnits(2).build();
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            List<Parameter> params = new ArrayList<>(layer.getParameters().values());
            NDArray w = params.get(0).getArray();
            List<float[]> history = new ArrayList<>();
            history.add(w.toFloatArray());
            try (HistoricalAveraging averaging = new HistoricalAveraging(params, m)) {
                for (int step = 1; step <= 4; step++) {
                    w.subi(w.sub(m.randomNormal(w.getShape()))); // stand-in for an optimizer step
                    params.get(1).getArray().addi(0.5f);
                    history.add(w.toFloatArray());
                    averaging.record();
                }
                assertThat(averaging.count()).isEqualTo(5);
                float[] expected = new float[history.get(0).length];
                for (float[] snapshot : history) {
                    for (int k = 0; k < expected.length; k++) {
                        expected[k] += snapshot[k] / history.size();
                    }
                }
                assertThat(averaging.average(0).toFloatArray()).containsExactly(expected, within(1e-5f));
                // Bias: starts at 0 and gains 0.5 per step: average of 0, .5, 1, 1.5, 2 is 1; current value 2.
                assertThat(averaging.average(1).toFloatArray()).containsOnly(1.0f);

                for (Parameter p : params) {
                    p.getArray().setRequiresGradient(true);
                }
                try (NDManager warmUp = m.newSubManager()) {
                    averaging.penalty(warmUp);
                }
                int before = m.getManagedArrays().size();
                try (NDManager scope = m.newSubManager()) {
                    double expectedPenalty = 0;
                    float[] now = w.toFloatArray();
                    for (int k = 0; k < now.length; k++) {
                        expectedPenalty += Math.pow(now[k] - expected[k], 2);
                    }
                    expectedPenalty += 2 * Math.pow(2 - 1, 2);
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                        NDArray penalty = averaging.penalty(scope);
                        assertThat(penalty.getFloat()).isCloseTo((float) expectedPenalty, within(1e-4f));
                        c.backward(penalty);
                    }
                    // d/dtheta = 2 (theta - avg).
                    try (NDArray gradient = params.get(1).getArray().getGradient()) {
                        assertThat(gradient.toFloatArray()).containsOnly(2.0f);
                    }
                }
                assertThat(m.getManagedArrays().size()).as("arrays left on the long-lived manager").isEqualTo(before);
            }
        }
    }
}
