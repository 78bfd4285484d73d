package dev.stablegan.djl.engine;

import static dev.stablegan.djl.testing.Autograd.recording;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.stablegan.djl.testing.SmallCritic;
import dev.stablegan.djl.testing.WithInputGradients;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TorchInputGradientsTests extends WithInputGradients {


    /*
     * D(x) = sum_j x_j^3 per example: grad_x D = 3 x^2, and differentiating sum(3 x^2) again gives 6 x,
     * which exists only if the first gradient stayed in the graph (create_graph).
     */
    @Test
    void gradientOfCubesIsThreeSquaresAndCanBeDifferentiatedAgain() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new double[] {1, -2, 0.5, 3}, new Shape(2, 2));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray gradient = gradients.gradient(x.mul(x).mul(x).sum(new int[] {1}), x);

                assertThat(gradient.toDoubleArray()).containsExactly(3, 12, 0.75, 27);
                collector.backward(gradient.sum());
            }
            assertThat(x.getGradient().toDoubleArray()).containsExactly(6, -12, 3, 18);
        }
    }

    /* Central differences of D per input element in float64, h = 1e-6, on a tanh MLP. */
    @Test
    void gradientMatchesFiniteDifferencesOfTheCritic() {
        try (NDManager scope = manager.newSubManager()) {
            SmallCritic critic = SmallCritic.mlp(scope, 3);
            Shape shape = new Shape(3, 2);
            double[] point = SmallCritic.gaussians(7, 6);
            double[] gradient;
            try (NDManager step = scope.newSubManager()) {
                NDArray x = step.create(point, shape);
                x.setRequiresGradient(true);
                gradient = recording(() -> gradients.gradient(critic.apply(x), x)).toDoubleArray();
            }
            double h = 1e-6;
            for (int i = 0; i < point.length; i++) {
                int example = i / 2;
                double plus = criticValue(critic, scope, shifted(point, i, h), shape, example);
                double minus = criticValue(critic, scope, shifted(point, i, -h), shape, example);
                assertThat(gradient[i]).as("element %d", i).isCloseTo((plus - minus) / (2 * h), within(1e-8));
            }
            assertThat(Arrays.stream(gradient).map(Math::abs).max().orElse(0))
                    .as("a critic with a flat input gradient would prove nothing")
                    .isGreaterThan(1e-3);
        }
    }

    @Test
    void gradientBelongsToTheOutputsManager() {
        NDArray gradient;
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {1, 2}, new Shape(1, 2));
            x.setRequiresGradient(true);
            gradient = recording(() -> gradients.gradient(x.square().sum(new int[] {1}), x));
            assertThat(gradient.getManager()).isSameAs(step);
            assertThat(gradient.isReleased()).isFalse();
        }
        assertThat(gradient.isReleased()).isTrue();
    }

    @Test
    void repeatedCallsLeaveNothingInLongLivedManagers() {
        try (NDManager scope = manager.newSubManager()) {
            SmallCritic critic = SmallCritic.conv(scope, 2);
            int before = scope.getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                critic.zeroGradients();
                try (NDManager step = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = step.randomNormal(0, 1, new Shape(2, 1, 6, 6), DataType.FLOAT64);
                    x.setRequiresGradient(true);
                    NDArray gradient = gradients.gradient(critic.apply(x), x);
                    collector.backward(gradient.square().sum());
                }
                assertThat(scope.getManagedArrays()).as("step %d", i).hasSize(before);
            }
        }
    }

    @Test
    void refusesToRunWithoutAGradientCollector() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {1, 2}, new Shape(1, 2));
            x.setRequiresGradient(true);
            NDArray y = x.square().sum(new int[] {1});
            assertThatThrownBy(() -> gradients.gradient(y, x))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("GradientCollector");
        }
    }

    @Test
    void outputThatIgnoresTheInputHasZeroGradient() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {1, 2, 3}, new Shape(1, 3));
            NDArray other = step.create(new float[] {4, 5}, new Shape(1, 2));
            x.setRequiresGradient(true);
            other.setRequiresGradient(true);

            NDArray gradient = recording(() -> gradients.gradient(other.square().sum(new int[] {1}), x));

            assertThat(gradient.getShape()).isEqualTo(new Shape(1, 3));
            assertThat(gradient.toFloatArray()).containsOnly(0f);
        }
    }

    /* DJL reads names such as "a.b" or "x[]" as dict or list structure when calling a TorchScript module. */
    @Test
    void namesThatLookLikeStructureAreIgnoredAndKept() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {1, -2}, new Shape(1, 2));
            x.setRequiresGradient(true);
            x.setName("x[]");
            NDArray gradient = recording(() -> {
                NDArray y = x.square().sum(new int[] {1});
                y.setName("critic.score");
                NDArray result = gradients.gradient(y, x);
                assertThat(y.getName()).isEqualTo("critic.score");
                return result;
            });

            assertThat(gradient.toFloatArray()).containsExactly(2f, -4f);
            assertThat(x.getName()).isEqualTo("x[]");
        }
    }

    private static double criticValue(
            SmallCritic critic, NDManager scope, double[] point, Shape shape, int example) {
        try (NDManager step = scope.newSubManager()) {
            return critic.apply(step.create(point, shape)).toDoubleArray()[example];
        }
    }

    private static double[] shifted(double[] point, int index, double delta) {
        double[] copy = point.clone();
        copy[index] += delta;
        return copy;
    }
}
