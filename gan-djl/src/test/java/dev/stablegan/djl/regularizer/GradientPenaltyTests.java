package dev.stablegan.djl.regularizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.stablegan.djl.testing.Autograd.recording;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.stablegan.djl.testing.SmallCritic;
import dev.stablegan.djl.testing.WithInputGradients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class GradientPenaltyTests extends WithInputGradients {

    private static final double LAMBDA = 10.0;


    /*
     * Golden values by hand. A linear critic D(x) = w.x + b has grad_x D = w at every x, so every example's
     * gradient norm is |w| whatever the interpolation weights. With w = (3, 4): |w| = 5, (5 - 1)^2 = 16 and
     * the penalty is lambda * 16 = 160 for lambda = 10. Its derivative in w is
     * d/dw lambda (|w| - 1)^2 = 2 lambda (|w| - 1) w / |w| = 2 * 10 * 4 * (3, 4) / 5 = (48, 64);
     * b does not appear in grad_x D, so d/db = 0.
     */
    @Test
    void linearCriticHasWeightNormAndLambdaTimesSquaredExcessOverOne() {
        try (NDManager step = manager.newSubManager()) {
            NDArray w = step.create(new float[] {3f, 4f});
            NDArray b = step.create(0.5f);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                GradientPenalty.Result result = GradientPenalty.compute(
                        x -> x.matMul(w).add(b), real(step), fake(step), eps(step), LAMBDA, false, gradients);

                assertThat(result.norms().getShape()).isEqualTo(new Shape(3));
                assertThat(result.norms().toFloatArray()).containsExactly(5f, 5f, 5f);
                assertThat(result.penalty().getShape()).isEqualTo(new Shape());
                assertThat(result.penalty().getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(result.penalty().getFloat()).isEqualTo(160f);
                collector.backward(result.penalty());
            }
            assertThat(w.getGradient().toFloatArray()).containsExactly(new float[] {48f, 64f}, within(1e-4f));
            assertThat(b.getGradient().getFloat()).isZero();
        }
    }

    /*
     * DJL turns Number arguments (x.mul(10.0)) into tensors over Java buffers and closes them at once; a
     * graph that saved one reads freed memory in backward once the garbage collector ran. Same golden
     * numbers as above, with collections and reuse of freed buffers between the penalty and backward.
     */
    @Test
    void backwardIsExactAfterGarbageCollectionBetweenPenaltyAndBackward() {
        try (NDManager step = manager.newSubManager()) {
            NDArray w = step.create(new float[] {3f, 4f});
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                GradientPenalty.Result result = GradientPenalty.compute(
                        x -> x.matMul(w), real(step), fake(step), eps(step), LAMBDA, false, gradients);
                collectGarbageAndReuseFreedBuffers(step);
                collector.backward(result.penalty());
            }
            assertThat(w.getGradient().toFloatArray()).containsExactly(new float[] {48f, 64f}, within(1e-4f));
        }
    }

    /* w = (0.3, 0.4): |w| = 0.5 < 1, so the one-sided penalty is 0; two-sided it is 10 * (0.5 - 1)^2 = 2.5. */
    @Test
    void oneSidedPenaltyIgnoresNormsBelowOne() {
        try (NDManager step = manager.newSubManager()) {
            NDArray w = step.create(new float[] {0.3f, 0.4f});
            UnaryOperator<NDArray> critic = x -> x.matMul(w);

            GradientPenalty.Result oneSided = penalty(critic, real(step), fake(step), eps(step), true);
            GradientPenalty.Result twoSided = penalty(critic, real(step), fake(step), eps(step), false);

            assertThat(oneSided.norms().toFloatArray()).containsExactly(new float[] {0.5f, 0.5f, 0.5f}, within(1e-6f));
            assertThat(oneSided.penalty().getFloat()).isZero();
            assertThat(twoSided.penalty().getFloat()).isCloseTo(2.5f, within(1e-5f));
        }
    }

    /* w = (3, 4): the norm 5 exceeds 1, where both forms are lambda * (5 - 1)^2 = 160. */
    @Test
    void oneSidedPenaltyEqualsTwoSidedAboveOne() {
        try (NDManager step = manager.newSubManager()) {
            NDArray w = step.create(new float[] {3f, 4f});

            GradientPenalty.Result result = penalty(x -> x.matMul(w), real(step), fake(step), eps(step), true);

            assertThat(result.penalty().getFloat()).isEqualTo(160f);
        }
    }

    /* Same golden numbers as above: float64 weights are cast to the examples' float32, as is the penalty. */
    @Test
    void epsOfAnotherFloatTypeFollowsTheExamplesType() {
        try (NDManager step = manager.newSubManager()) {
            NDArray w = step.create(new float[] {3f, 4f});
            NDArray eps = step.create(new double[] {0.1, 0.5, 0.9});

            GradientPenalty.Result result = penalty(x -> x.matMul(w), real(step), fake(step), eps, false);

            assertThat(result.penalty().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(result.penalty().getFloat()).isEqualTo(160f);
        }
    }

    /*
     * Images [batch, 1, 2, 2] and D(x) = sum of the four pixels: grad_x D is all ones, whose norm over every
     * non-batch axis is sqrt(4) = 2 (a norm over one axis alone would be sqrt(2)); penalty 10 * (2 - 1)^2 = 10.
     */
    @Test
    void normRunsOverAllNonBatchAxes() {
        try (NDManager step = manager.newSubManager()) {
            Shape images = new Shape(2, 1, 2, 2);
            NDArray real = step.randomUniform(-1, 1, images);
            NDArray fake = step.randomUniform(-1, 1, images);
            NDArray eps = step.create(new float[] {0.2f, 0.9f});

            GradientPenalty.Result result = penalty(x -> x.sum(new int[] {1, 2, 3}), real, fake, eps, false);

            assertThat(result.norms().getShape()).isEqualTo(new Shape(2));
            assertThat(result.norms().toFloatArray()).containsExactly(2f, 2f);
            assertThat(result.penalty().getFloat()).isEqualTo(10f);
        }
    }

    /*
     * real rows (2, 2), fake rows (-2, 6), eps (0, 0.25, 1): x_hat = eps * real + (1 - eps) * fake gives the
     * fake row, 0.25 * (2, 2) + 0.75 * (-2, 6) = (-1, 5), and the real row.
     */
    @Test
    void criticSeesInterpolatesWeightedByEpsTowardsReal() {
        List<float[]> seen = new ArrayList<>();
        try (NDManager step = manager.newSubManager()) {
            NDArray real = step.create(new float[] {2, 2, 2, 2, 2, 2}, new Shape(3, 2));
            NDArray fake = step.create(new float[] {-2, 6, -2, 6, -2, 6}, new Shape(3, 2));
            NDArray eps = step.create(new float[] {0f, 0.25f, 1f});
            UnaryOperator<NDArray> recordingCritic = x -> {
                seen.add(x.toFloatArray());
                return x.sum(new int[] {1});
            };

            penalty(recordingCritic, real, fake, eps, false);
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsExactly(-2f, 6f, -1f, 5f, 2f, 2f);
    }

    @Test
    void penaltyGradientInMlpParametersMatchesFiniteDifferences() {
        try (NDManager scope = manager.newSubManager()) {
            SmallCritic critic = SmallCritic.mlp(scope, 4);
            Batch batch = new Batch(new Shape(4, 2), 11, new double[] {0.1, 0.4, 0.7, 0.95});
            assertParameterGradientsMatchFiniteDifferences(critic, batch);
        }
    }

    @Test
    void penaltyGradientInConvParametersMatchesFiniteDifferences() {
        try (NDManager scope = manager.newSubManager()) {
            SmallCritic critic = SmallCritic.conv(scope, 3);
            Batch batch = new Batch(new Shape(3, 1, 6, 6), 12, new double[] {0.2, 0.5, 0.8});
            assertParameterGradientsMatchFiniteDifferences(critic, batch);
        }
    }

    /*
     * Gradients are linear in the loss: grad(W + P) - grad(W) must be grad(P), and grad(P) must not vanish,
     * with W = mean D(fake) - mean D(real) the Wasserstein critic loss.
     */
    @Test
    void penaltyAddsItsOwnGradientToTheCriticLossGradient() {
        try (NDManager scope = manager.newSubManager()) {
            SmallCritic critic = SmallCritic.mlp(scope, 4);
            Batch batch = new Batch(new Shape(4, 2), 13, new double[] {0.3, 0.6, 0.1, 0.8});

            Map<Parameter, double[]> lossOnly = gradientsOf(critic, batch, false, true);
            Map<Parameter, double[]> lossAndPenalty = gradientsOf(critic, batch, true, true);
            Map<Parameter, double[]> penaltyOnly = gradientsOf(critic, batch, true, false);

            double largestPenaltyGradient = 0;
            for (Parameter parameter : critic.parameters()) {
                double[] without = lossOnly.get(parameter);
                double[] with = lossAndPenalty.get(parameter);
                double[] penalty = penaltyOnly.get(parameter);
                for (int i = 0; i < with.length; i++) {
                    assertThat(with[i] - without[i])
                            .as("%s[%d]", parameter.getName(), i)
                            .isCloseTo(penalty[i], within(1e-12));
                    largestPenaltyGradient = Math.max(largestPenaltyGradient, Math.abs(penalty[i]));
                }
            }
            assertThat(largestPenaltyGradient).isGreaterThan(1e-3);
        }
    }

    @Test
    void resultsAreTheOnlyArraysLeftInTheCallersManager() {
        try (NDManager scope = manager.newSubManager();
                NDManager step = manager.newSubManager()) {
            SmallCritic critic = SmallCritic.mlp(scope, 4);
            Batch batch = new Batch(new Shape(4, 2), 14, new double[] {0.3, 0.6, 0.1, 0.8});
            NDArray real = step.create(batch.real, batch.shape);
            NDArray fake = step.create(batch.fake, batch.shape);
            NDArray eps = step.create(batch.eps);
            int before = step.getManagedArrays().size();
            GradientPenalty.Result result = penalty(critic, real, fake, eps, false);
            assertThat(step.getManagedArrays())
                    .hasSize(before + 2)
                    .contains(real, fake, eps, result.penalty(), result.norms());
        }
    }

    @Test
    void rejectsFakeOfAnotherShapeNamingBothShapes() {
        try (NDManager step = manager.newSubManager()) {
            NDArray real = step.zeros(new Shape(3, 2));
            NDArray fake = step.zeros(new Shape(3, 4));
            assertThatThrownBy(() ->
                            GradientPenalty.compute(x -> x, real, fake, eps(step), LAMBDA, false, gradients))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(3, 2)")
                    .hasMessageContaining("(3, 4)");
        }
    }

    @Test
    void rejectsEpsWhoseLengthIsNotTheBatchSize() {
        try (NDManager step = manager.newSubManager()) {
            NDArray eps = step.zeros(new Shape(2));
            assertThatThrownBy(() ->
                            GradientPenalty.compute(x -> x, real(step), fake(step), eps, LAMBDA, false, gradients))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("eps")
                    .hasMessageContaining("(2)")
                    .hasMessageContaining("(3, 2)");
        }
    }

    @Test
    void rejectsNegativeLambda() {
        try (NDManager step = manager.newSubManager()) {
            assertThatThrownBy(() ->
                            GradientPenalty.compute(x -> x, real(step), fake(step), eps(step), -1, false, gradients))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lambda");
        }
    }

    /** The penalty with lambda = 10, computed with autograd recording on and no backward. */
    private static GradientPenalty.Result penalty(
            UnaryOperator<NDArray> critic, NDArray real, NDArray fake, NDArray eps, boolean oneSided) {
        return recording(() -> GradientPenalty.compute(critic, real, fake, eps, LAMBDA, oneSided, gradients));
    }

    private static void collectGarbageAndReuseFreedBuffers(NDManager step) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 100; i++) {
                step.create(new float[] {-7f}).close();
                step.create(new double[] {-7.0}).close();
            }
        }
    }

    private static NDArray real(NDManager step) {
        return step.create(new float[] {1, 2, -3, 0.5f, 4, -1}, new Shape(3, 2));
    }

    private static NDArray fake(NDManager step) {
        return step.create(new float[] {0, -2, 1, 1, 2.5f, 3}, new Shape(3, 2));
    }

    private static NDArray eps(NDManager step) {
        return step.create(new float[] {0.1f, 0.5f, 0.9f});
    }

    /** Real and fake examples drawn from a seeded generator, with fixed interpolation weights. */
    private record Batch(Shape shape, double[] real, double[] fake, double[] eps) {
        Batch(Shape shape, long seed, double[] eps) {
            this(shape,
                    SmallCritic.gaussians(seed, Math.toIntExact(shape.size())),
                    SmallCritic.gaussians(seed + 1000, Math.toIntExact(shape.size())),
                    eps);
        }
    }

    private double penaltyValue(SmallCritic critic, Batch batch) {
        try (NDManager step = manager.newSubManager()) {
            NDArray real = step.create(batch.real, batch.shape);
            NDArray fake = step.create(batch.fake, batch.shape);
            return penalty(critic, real, fake, step.create(batch.eps), false).penalty().getDouble();
        }
    }

    /**
     * Parameter gradients, by one backward, of the two-sided penalty P, the Wasserstein critic loss
     * W = mean D(fake) - mean D(real), or their sum.
     */
    private Map<Parameter, double[]> gradientsOf(
            SmallCritic critic, Batch batch, boolean withPenalty, boolean withLoss) {
        critic.zeroGradients();
        try (NDManager step = manager.newSubManager()) {
            NDArray real = step.create(batch.real, batch.shape);
            NDArray fake = step.create(batch.fake, batch.shape);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray penalty = GradientPenalty.compute(
                                critic, real, fake, step.create(batch.eps), LAMBDA, false, gradients)
                        .penalty();
                NDArray loss = critic.apply(fake).mean().sub(critic.apply(real).mean());
                collector.backward(withPenalty && withLoss ? penalty.add(loss) : withPenalty ? penalty : loss);
            }
        }
        Map<Parameter, double[]> result = new LinkedHashMap<>();
        for (Parameter parameter : critic.parameters()) {
            result.put(parameter, SmallCritic.gradientOf(parameter));
        }
        return result;
    }

    /* Central differences in float64 with h = 1e-6: truncation about h^2 and rounding about 1e-16 / h. */
    private void assertParameterGradientsMatchFiniteDifferences(SmallCritic critic, Batch batch) {
        double h = 1e-6;
        assertThat(penaltyValue(critic, batch)).isGreaterThan(1e-4);
        Map<Parameter, double[]> analytic = gradientsOf(critic, batch, true, false);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Parameter parameter : critic.parameters()) {
            double[] gradient = analytic.get(parameter);
            for (int i = 0; i < gradient.length; i++) {
                SmallCritic.nudge(parameter, i, h);
                double plus = penaltyValue(critic, batch);
                SmallCritic.nudge(parameter, i, -2 * h);
                double minus = penaltyValue(critic, batch);
                SmallCritic.nudge(parameter, i, h);
                double numeric = (plus - minus) / (2 * h);
                if (Math.abs(numeric - gradient[i]) > 1e-7 + 1e-6 * Math.abs(numeric)) {
                    mismatches.add(parameter.getName() + "[" + i + "]: backward " + gradient[i] + ", central "
                            + numeric);
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
        assertThat(mismatches).isEmpty();
    }
}
