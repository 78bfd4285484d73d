package dev.stablegan.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.api.OptimizerSpec;
import org.junit.jupiter.api.Test;

class AdamTests extends WithOptimizerFixture {

    @Test
    void firstStepMovesEachWeightByLrTimesGradientOverItsAbsoluteValuePlusEps() {
        // Step 1: m = (1-b1) g, v = (1-b2) g^2, so m / (1-b1) = g and sqrt(v / (1-b2)) = |g|: the update is
        // lr * g / (|g| + eps), whatever the betas. For |g| >> eps that is lr * sign(g) = 0.01; for g = 0 it
        // is 0; for g = 2^-27 it is 0.01 * 2^-27 / (2^-27 + 1e-8) = 0.00427.
        try (Adam adam = new Adam(new OptimizerSpec.Adam(0.01, 0.5, 0.9, 1e-8), stateManager)) {
            fixture.run(adam, 1);

            float[] p0 = OptimizerFixture.values(fixture.p0);
            for (int i = 0; i < p0.length; i++) {
                double g = OptimizerFixture.BASE0[i];
                double expected = OptimizerFixture.P0[i] - 0.01 * g / (Math.abs(g) + 1e-8);
                assertThat((double) p0[i]).as("p0[%d]", i).isCloseTo(expected, within(5e-7));
            }
            assertThat(p0[4]).isCloseTo(3f - 0.00427f, within(1e-5f));
            assertThat(adam.stepCount(0)).isEqualTo(1);
        }
    }

    /**
     * Issue 19, the authors' Adam: step 1 moves each weight by {@code lr g / sqrt(g^2 + eps)}. With eps 1e-8: for
     * |g| >> 1e-4 that is lr * sign(g); for g = 0 it is 0; for g = 2^-27 (7.45e-9) it is
     * 0.01 * 7.45e-9 / sqrt(5.55e-17 + 1e-8) = 7.45e-7, not the 0.00427 of eps after the root.
     */
    @Test
    void withEpsilonUnderTheRootTheFirstStepIsLrTimesGradientOverItsRootedSquarePlusEps() {
        try (Adam adam = new Adam(new OptimizerSpec.Adam(0.01, 0.5, 0.9, 1e-8), stateManager, true)) {
            fixture.run(adam, 1);
            float[] p0 = OptimizerFixture.values(fixture.p0);
            for (int i = 0; i < p0.length; i++) {
                double g = OptimizerFixture.BASE0[i];
                double expected = OptimizerFixture.P0[i] - 0.01 * g / Math.sqrt(g * g + 1e-8);
                assertThat((double) p0[i]).as("p0[%d]", i).isCloseTo(expected, within(5e-7));
            }
            assertThat(p0[4]).isCloseTo(3f - 7.45e-7f, within(2e-7f));
        }
    }

    @Test
    void fiveStepsMatchTorchOptimAdamWithBetasHalfAndNineTenths() {
        // scripts/optimizer_reference.py, "Adam(lr=0.01, betas=(0.5, 0.9), eps=1e-8)", torch 1.13.
        try (Adam adam = new Adam(new OptimizerSpec.Adam(0.01, 0.5, 0.9, 1e-8), stateManager)) {
            fixture.run(adam, 5);

            assertClose(OptimizerFixture.values(fixture.p0),
                    new float[] {0.480272204f, -0.980272233f, 1.98027217f, 0f, 2.99092698f});
            assertClose(OptimizerFixture.values(fixture.p1),
                    new float[] {1.48027217f, -0.230272204f, 0.730272233f, -2.01972771f});
            assertClose(adam.moment(0, 0), new float[] {-0.046875f, 0.09375f, -0.28125f, 0f, -1.39698386e-09f});
            assertClose(adam.moment(0, 1),
                    new float[] {0.0384193733f, 0.153677493f, 1.38309741f, 0f, 3.41232583e-17f});
            assertClose(adam.moment(1, 0), new float[] {-0.0234375f, 0.5625f, -0.01171875f, -0.1875f});
            assertClose(adam.moment(1, 1), new float[] {0.00960484333f, 5.53238964f, 0.00240121083f, 0.614709973f});
            assertThat(adam.stepCount(0)).isEqualTo(5);
            assertThat(adam.stepCount(1)).isEqualTo(5);
        }
    }

    @Test
    void fiveStepsMatchTorchOptimAdamWithoutFirstMomentDecay() {
        // scripts/optimizer_reference.py, "Adam(lr=0.01, betas=(0.0, 0.9), eps=1e-8)", torch 1.13
        // (the WGAN-GP setting beta1 = 0: m is the last gradient).
        try (Adam adam = new Adam(new OptimizerSpec.Adam(0.01, 0.0, 0.9, 1e-8), stateManager)) {
            fixture.run(adam, 5);

            assertClose(OptimizerFixture.values(fixture.p0),
                    new float[] {0.484891653f, -0.984891653f, 1.98489153f, 0f, 2.9922955f});
            assertClose(OptimizerFixture.values(fixture.p1),
                    new float[] {1.48489153f, -0.234891638f, 0.734891653f, -2.01510835f});
            assertClose(adam.moment(0, 0), new float[] {-0.3125f, 0.625f, -1.875f, 0f, -9.31322575e-09f});
            assertClose(adam.moment(1, 1), new float[] {0.00960484333f, 5.53238964f, 0.00240121083f, 0.614709973f});
        }
    }

    @Test
    void lrFactorScalesTheStep() {
        // First step with lrFactor 0.5: lr * 0.5 * sign(g) = 0.005.
        try (Adam adam = new Adam(new OptimizerSpec.Adam(0.01, 0.5, 0.9), stateManager)) {
            fixture.backward(0);
            adam.step(fixture.parameters, 0.5);

            assertThat(OptimizerFixture.values(fixture.p0)[0]).isCloseTo(0.5f - 0.005f, within(1e-7f));
        }
    }

    static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            // float32 values of order 1, computed in a different order than PyTorch: a few ulps apart.
            double tolerance = 1e-6 * Math.max(1, Math.abs(expected[i]));
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
