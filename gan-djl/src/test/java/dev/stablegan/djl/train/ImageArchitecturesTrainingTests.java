package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.StepReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One training step of every robustness family, under the gradient penalty (double backprop through each layer). */
class ImageArchitecturesTrainingTests {
    @ParameterizedTest
    @EnumSource(ImageArchitecture.class)
    void aWganGpStepAndAMinimaxStepGiveFiniteLosses(ImageArchitecture a) {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);
        NetworkSpec.Normalization penaltySafe = a == ImageArchitecture.NO_NORMALIZATION ? NetworkSpec.Normalization.NONE
                : NetworkSpec.Normalization.LAYER;
        NetworkSpec.Normalization batch = a == ImageArchitecture.NO_NORMALIZATION ? NetworkSpec.Normalization.NONE
                : NetworkSpec.Normalization.BATCH;
        GanSpec gp = new GanSpec(new NetworkSpec.ImageGenerator(a, 8, 3, 16, 4), new NetworkSpec.ImageCritic(a, 3, 16, 4, penaltySafe),
                new ObjectiveSpec.WganGp(10, false), adam, adam, new ScheduleSpec(2, 1, 4, false), 3);
        GanSpec minimax = new GanSpec(gp.generator(), new NetworkSpec.ImageCritic(a, 3, 16, 4, batch), new ObjectiveSpec.Minimax(true, 1),
                adam, adam, new ScheduleSpec(1, 1, 4, false), 3);
        for (GanSpec spec : new GanSpec[] {gp, minimax}) {
            try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new TechniquesTrainingTests.NoiseImages(16))) {
                StepReport report = trainer.step();
                assertThat(report.scalars()).as("%s %s", a, spec.objective().name()).containsKeys("critic_loss", "generator_loss");
                assertThat(report.scalars().values()).allSatisfy(v -> assertThat(v).isFinite());
                if (spec == gp) {
                    assertThat(report.scalars()).containsKey("gradient_penalty");
                }
            }
        }
    }
}
