package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import org.junit.jupiter.api.Test;

class SpecJsonTests {
    @Test
    void everyObjectiveAndOptimizerRoundTrips() {
        for (String name : ObjectiveSpec.NAMES) {
            GanSpec spec = new GanSpec(new NetworkSpec.Dcgan32Generator(64, 3, 16), new NetworkSpec.Dcgan32Critic(3, 16),
                    ObjectiveSpec.byName(name), new OptimizerSpec.RmsProp(5e-5), new OptimizerSpec.Adam(1e-4, 0, 0.9, 1e-7),
                    new ScheduleSpec(5, 1000, 64, true), -3);
            assertThat(SpecJson.fromJson(SpecJson.toJsonString(spec))).isEqualTo(spec);
        }
        GanSpec mlp = DjlGanTrainerTests.spec(new ObjectiveSpec.LeastSquares(-1, 1, 0), 7)
                .withObjective(new ObjectiveSpec.Minimax(true, 0.9));
        assertThat(SpecJson.fromJson(SpecJson.toJsonString(mlp))).isEqualTo(mlp);
        GanSpec text = new GanSpec(new NetworkSpec.CharResNetGenerator(128, 83, 32, 64, 5), new NetworkSpec.CharResNetCritic(83, 32, 64, 5),
                new ObjectiveSpec.WganGp(10, false), new OptimizerSpec.Adam(1e-4, 0.5, 0.9), new OptimizerSpec.Adam(1e-4, 0.5, 0.9),
                new ScheduleSpec(10, 2000, 64, false), 11);
        assertThat(SpecJson.fromJson(SpecJson.toJsonString(text))).isEqualTo(text);
        for (ImageArchitecture a : ImageArchitecture.values()) {
            GanSpec image = new GanSpec(new NetworkSpec.ImageGenerator(a, 128, 3, 64, 16), new NetworkSpec.ImageCritic(a, 3, 64, 16,
                    a == ImageArchitecture.NO_NORMALIZATION ? NetworkSpec.Normalization.NONE : NetworkSpec.Normalization.LAYER),
                    new ObjectiveSpec.WganGp(10, false), new OptimizerSpec.Adam(1e-4, 0.5, 0.9), new OptimizerSpec.Adam(1e-4, 0.5, 0.9),
                    new ScheduleSpec(5, 100, 64, false), 2);
            assertThat(SpecJson.fromJson(SpecJson.toJsonString(image))).isEqualTo(image);
        }
    }

    @Test
    void aMissingFieldIsNamed() {
        String json = SpecJson.toJsonString(DjlGanTrainerTests.spec(new ObjectiveSpec.WganGp(10, false), 5))
                .replace("\"lambda\":10.0,", "").replace(",\"lambda\":10.0", "").replace("\"lambda\":10.0", "");
        assertThatThrownBy(() -> SpecJson.fromJson(json)).hasMessageContaining("objective.lambda: missing");
    }

    @Test
    void onlyTheStepCountMayDifferWhenResuming() {
        GanSpec a = DjlGanTrainerTests.spec(new ObjectiveSpec.Wgan(), 5);
        assertThat(SpecComparison.firstDifference(a, a.withSchedule(a.schedule().withGeneratorSteps(50)))).isNull();
        assertThat(SpecComparison.firstDifference(a, a.withSeed(99))).startsWith("seed:");
    }
}
