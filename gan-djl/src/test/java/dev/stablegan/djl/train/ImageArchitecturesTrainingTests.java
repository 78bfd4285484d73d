package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.StepReport;
import dev.stablegan.djl.nn.Networks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * Autograd must own every tensor it keeps for backward: a constant over a Java buffer (DJL's {@code x.div(5f)})
     * is freed by the garbage collector at any time, and backward then reads whatever the memory holds: three steps
     * with the collector running constantly must give bit for bit the losses and weights of three undisturbed ones.
     */
    @ParameterizedTest
    @EnumSource(ImageArchitecture.class)
    void stepsDoNotDependOnTheGarbageCollector(ImageArchitecture a) throws InterruptedException {
        NetworkSpec.Normalization norm = a == ImageArchitecture.NO_NORMALIZATION ? NetworkSpec.Normalization.NONE
                : NetworkSpec.Normalization.LAYER;
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);
        GanSpec spec = new GanSpec(new NetworkSpec.ImageGenerator(a, 8, 3, 16, 8), new NetworkSpec.ImageCritic(a, 3, 16, 8, norm),
                new ObjectiveSpec.WganGp(10, false), adam, adam, new ScheduleSpec(2, 3, 16, false), 5);
        List<Object> quiet = threeSteps(spec);
        List<Object> collected = ConstantGarbageCollection.during(() -> threeSteps(spec));
        assertThat(collected).as("%s under constant garbage collection", a).isEqualTo(quiet);
    }

    /** The scalars of three steps and the final weights of both networks. */
    private static List<Object> threeSteps(GanSpec spec) {
        List<Object> out = new ArrayList<>();
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new TechniquesTrainingTests.NoiseImages(16))) {
            for (int i = 0; i < 3; i++) {
                out.add(Map.copyOf(trainer.step().scalars()));
            }
            for (var block : List.of(trainer.generator(), trainer.critic())) {
                Networks.namedParameters(block).forEach((name, p) -> out.add(name + "=" + java.util.Arrays.toString(p.getArray().toFloatArray())));
            }
        }
        return out;
    }
}
