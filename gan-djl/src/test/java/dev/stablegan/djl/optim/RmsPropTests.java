package dev.stablegan.djl.optim;

import static dev.stablegan.djl.optim.AdamTests.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.api.OptimizerSpec;
import org.junit.jupiter.api.Test;

class RmsPropTests extends WithOptimizerFixture {

    @Test
    void firstStepIsLrTimesGradientOverRootOfOneMinusAlphaTimesItsSquarePlusEps() {
        // Step 1: v = (1-alpha) g^2, update lr * g / (sqrt(v) + eps). With alpha = 0.99, sqrt(v) = 0.1 |g|,
        // so |g| >> eps moves by lr * 10 * sign(g) = 0.1; g = 2^-27 moves by
        // 0.01 * 2^-27 / (0.1 * 2^-27 + 1e-8) = 0.00693.
        try (RmsProp rmsProp = new RmsProp(new OptimizerSpec.RmsProp(0.01), stateManager)) {
            fixture.run(rmsProp, 1);

            float[] p0 = OptimizerFixture.values(fixture.p0);
            for (int i = 0; i < p0.length; i++) {
                double g = OptimizerFixture.BASE0[i];
                double expected = OptimizerFixture.P0[i] - 0.01 * g / (Math.sqrt((1 - 0.99) * g * g) + 1e-8);
                assertThat((double) p0[i]).as("p0[%d]", i).isCloseTo(expected, within(5e-7));
            }
            assertThat(p0[0]).isCloseTo(0.5f - 0.1f, within(1e-6f));
            assertThat(p0[4]).isCloseTo(3f - 0.00693f, within(1e-5f));
        }
    }

    @Test
    void fiveStepsMatchTorchOptimRmspropWithItsDefaults() {
        // scripts/optimizer_reference.py, "RMSprop(lr=0.01, alpha=0.99, eps=1e-8)", torch 1.13.
        try (RmsProp rmsProp = new RmsProp(new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8), stateManager)) {
            fixture.run(rmsProp, 5);

            assertClose(OptimizerFixture.values(fixture.p0),
                    new float[] {0.375252336f, -0.875252306f, 1.87525225f, 0f, 2.98652554f});
            assertClose(OptimizerFixture.values(fixture.p1),
                    new float[] {1.37525237f, -0.125252306f, 0.625252426f, -2.12474751f});
            assertClose(rmsProp.moment(0, 0),
                    new float[] {0.00452684099f, 0.018107364f, 0.162966281f, 0f, 4.02064248e-18f});
            assertClose(rmsProp.moment(1, 0),
                    new float[] {0.00113171025f, 0.651865125f, 0.000282927562f, 0.0724294558f});
            assertThat(rmsProp.stepCount(1)).isEqualTo(5);
        }
    }

    @Test
    void fiveStepsMatchTorchOptimRmspropWithALargeEps() {
        // scripts/optimizer_reference.py, "RMSprop(lr=0.01, alpha=0.9, eps=0.1)", torch 1.13: eps of the
        // order of sqrt(v) makes its placement (after the square root) visible in every element.
        try (RmsProp rmsProp = new RmsProp(new OptimizerSpec.RmsProp(0.01, 0.9, 0.1), stateManager)) {
            fixture.run(rmsProp, 5);

            assertClose(OptimizerFixture.values(fixture.p0),
                    new float[] {0.478556335f, -0.972483575f, 1.96574926f, 0f, 3f});
            assertClose(OptimizerFixture.values(fixture.p1),
                    new float[] {1.48498964f, -0.213430002f, 0.740555286f, -2.03224039f});
        }
    }
}
