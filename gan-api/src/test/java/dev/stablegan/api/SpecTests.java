package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpecTests {
    private static final NetworkSpec.Mlp G = new NetworkSpec.Mlp(2, 16, 2, 2);
    private static final NetworkSpec.Mlp D = new NetworkSpec.Mlp(2, 16, 2, 1);
    private static final OptimizerSpec.Adam ADAM = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);
    private static final ScheduleSpec SCHEDULE = new ScheduleSpec(5, 100, 64, false);

    @Test
    void atLeastNamesTheFieldTheBoundAndTheValueAndLetsTheBoundItselfThrough() {
        SpecChecks.atLeast("--count", 2, 2);
        SpecChecks.atLeast("--count", Long.MAX_VALUE, 2);
        assertThatThrownBy(() -> SpecChecks.atLeast("--count", 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--count: must be >= 2, got 1");
        assertThatThrownBy(() -> SpecChecks.atLeast("count", -5, 0)).hasMessage("count: must be >= 0, got -5");
    }

    @Test
    void everyListedObjectiveNameRoundTrips() {
        for (String name : ObjectiveSpec.NAMES) {
            assertThat(ObjectiveSpec.byName(name).name()).isEqualTo(name);
        }
    }

    @Test
    void unknownObjectiveNamesTheFieldAndTheChoices() {
        assertThatThrownBy(() -> ObjectiveSpec.byName("wgan-xx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objective")
                .hasMessageContaining("wgan-xx")
                .hasMessageContaining("wgan-gp");
    }

    @Test
    void negativeLambdaIsRejectedByName() {
        assertThatThrownBy(() -> new ObjectiveSpec.WganGp(-1, false)).hasMessageContaining("objective.lambda");
    }

    @Test
    void zeroCriticStepsIsRejectedByName() {
        assertThatThrownBy(() -> new ScheduleSpec(0, 10, 64, false)).hasMessageContaining("schedule.criticSteps");
    }

    @Test
    void adamBetaOfOneIsRejected() {
        assertThatThrownBy(() -> new OptimizerSpec.Adam(1e-4, 1.0, 0.9)).hasMessageContaining("optimizer.beta1");
    }

    @Test
    void criticInputMustMatchGeneratorOutput() {
        NetworkSpec.Mlp wrongCritic = new NetworkSpec.Mlp(3, 16, 2, 1);
        assertThatThrownBy(() -> new GanSpec(G, wrongCritic, new ObjectiveSpec.Wgan(), ADAM, ADAM, SCHEDULE, 1))
                .hasMessageContaining("critic")
                .hasMessageContaining("[3]")
                .hasMessageContaining("[2]");
    }

    @Test
    void criticMustOutputOneScore() {
        NetworkSpec.Mlp twoOutputs = new NetworkSpec.Mlp(2, 16, 2, 2);
        assertThatThrownBy(() -> new GanSpec(G, twoOutputs, new ObjectiveSpec.Wgan(), ADAM, ADAM, SCHEDULE, 1))
                .hasMessageContaining("one score");
    }

    @Test
    void linearDecayReachesZeroAtTheLastStep() {
        ScheduleSpec decay = new ScheduleSpec(1, 4, 8, true);
        assertThat(decay.learningRateFactor(0)).isEqualTo(1.0);
        assertThat(decay.learningRateFactor(2)).isEqualTo(0.5);
        assertThat(decay.learningRateFactor(4)).isEqualTo(0.0);
        assertThat(SCHEDULE.learningRateFactor(50)).isEqualTo(1.0);
    }

    @Test
    void dcganShapesChain() {
        GanSpec spec = new GanSpec(new NetworkSpec.Dcgan32Generator(128, 3, 64), new NetworkSpec.Dcgan32Critic(3, 64),
                new ObjectiveSpec.WganGp(10, false), ADAM, ADAM, SCHEDULE, 7);
        assertThat(spec.latentDim()).isEqualTo(128);
    }

    @Test
    void imageNetworksCheckTheirSizeNormalizationAndPenaltyCompatibility() {
        assertThatThrownBy(() -> new NetworkSpec.ImageGenerator(ImageArchitecture.DCGAN, 128, 3, 48, 8))
                .hasMessageContaining("network.size");
        assertThatThrownBy(() -> new NetworkSpec.ImageCritic(ImageArchitecture.NO_NORMALIZATION, 3, 32, 8, NetworkSpec.Normalization.LAYER))
                .hasMessageContaining("network.normalization");
        NetworkSpec.ImageGenerator g = new NetworkSpec.ImageGenerator(ImageArchitecture.TANH, 128, 3, 32, 8);
        NetworkSpec.ImageCritic batchNormed = new NetworkSpec.ImageCritic(ImageArchitecture.TANH, 3, 32, 8, NetworkSpec.Normalization.BATCH);
        assertThatThrownBy(() -> new GanSpec(g, batchNormed, new ObjectiveSpec.WganGp(10, false), ADAM, ADAM, SCHEDULE, 7))
                .hasMessageContaining("critic.normalization");
        assertThat(new GanSpec(g, batchNormed, new ObjectiveSpec.Minimax(true, 1), ADAM, ADAM, SCHEDULE, 7).critic()).isEqualTo(batchNormed);
        assertThat(g.outputShape()).containsExactly(3, 32, 32);
        assertThat(ImageArchitecture.byName("g-mlp")).isEqualTo(ImageArchitecture.MLP_GENERATOR);
        assertThatThrownBy(() -> ImageArchitecture.byName("resnet-9")).hasMessageContaining("dcgan, g-no-bn-constant");
    }
}
