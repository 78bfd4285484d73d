package dev.stablegan.djl.regularizer;

import static dev.stablegan.djl.testing.Autograd.recording;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.stablegan.djl.testing.FiniteDifferences;
import dev.stablegan.djl.testing.WithInputGradients;
import org.junit.jupiter.api.Test;

/** The R1 penalty (Mescheder et al. 2018, eq. 9): golden values by hand and its parameter gradient by finite differences. */
class R1PenaltyTests extends WithInputGradients {

    /*
     * A linear critic D(x) = w.x + b has grad_x D = w at every x, so ||grad||^2 = |w|^2 = 25 for w = (3, 4) and
     * R1 = gamma / 2 * 25 = 12.5 for gamma = 1, whatever the batch. d/dw (gamma / 2 |w|^2) = gamma w = (3, 4); b does
     * not appear, so d/db = 0.
     */
    @Test
    void aLinearCriticsPenaltyIsHalfGammaTimesItsSquaredWeightNorm() {
        try (NDManager step = manager.newSubManager()) {
            NDArray w = step.create(new float[] {3f, 4f});
            NDArray b = step.create(0.5f);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray real = step.create(new float[] {0.1f, -2f, 7f, 0.3f, -1f, 1f}, new Shape(3, 2));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray penalty = R1Penalty.compute(x -> x.matMul(w).add(b), real, 1.0, gradients);
                assertThat(penalty.getShape()).isEqualTo(new Shape());
                assertThat(penalty.getFloat()).isEqualTo(12.5f);
                collector.backward(penalty);
            }
            assertThat(w.getGradient().toFloatArray()).containsExactly(new float[] {3f, 4f}, within(1e-5f));
            assertThat(b.getGradient().getFloat()).isZero();
        }
    }

    /** A nonlinear critic, sum_j tanh(x W)_j: the penalty's gradient in W by autograd (double backprop) equals central differences. */
    @Test
    void itsGradientInTheCriticsWeightsMatchesFiniteDifferences() {
        double[] real = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 0.5, 0.05};
        double[] weights = {0.4, -0.8, 0.3, 1.2, 0.7, -0.5};
        java.util.function.Function<NDArray, NDArray> r1 = w -> {
            NDArray x = w.getManager().create(real, new Shape(4, 2));
            return R1Penalty.compute(in -> in.matMul(w).tanh().sum(new int[] {1}), x, 3.0, gradients);
        };
        double[] analytic = FiniteDifferences.analytic(manager, weights, new long[] {2, 3}, r1);
        // The input gradient needs autograd recording even where nothing runs backward.
        double[] numeric = FiniteDifferences.numeric(manager, weights, new long[] {2, 3}, w -> recording(() -> r1.apply(w)), 1e-6);
        assertThat(analytic).containsExactly(numeric, within(1e-6));
        assertThat(java.util.Arrays.stream(analytic).map(Math::abs).max().orElse(0)).isGreaterThan(1e-3);
    }

    @Test
    void aNegativeGammaAndAnEmptyBatchAreNamed() {
        try (NDManager step = manager.newSubManager()) {
            NDArray real = step.create(new float[] {1f, 2f}, new Shape(1, 2));
            assertThatThrownBy(() -> R1Penalty.compute(x -> x.sum(new int[] {1}), real, -1, gradients)).hasMessageContaining("r1.gamma");
            NDArray empty = step.create(new float[0], new Shape(0, 2));
            assertThatThrownBy(() -> R1Penalty.compute(x -> x.sum(new int[] {1}), empty, 1, gradients)).hasMessageContaining("batch");
        }
    }
}
