package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 20: one way to draw many samples in parts, equal to one draw of the total. */
class SamplesTests {
    private static GanSpec spec() {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);
        return new GanSpec(new NetworkSpec.Mlp(3, 8, 1, 2), new NetworkSpec.Mlp(2, 8, 1, 1), new ObjectiveSpec.Wgan(), adam, adam,
                new ScheduleSpec(1, 1, 4, false), 3);
    }

    @Test
    void partsOfAnySizeEqualOneDrawOfTheTotal() {
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec(), new RegularizerPartsTests.Square())) {
            float[] once;
            try (NDManager scope = trainer.manager().newSubManager()) {
                once = trainer.sample(scope, new RandomStream(9), 7).toFloatArray();
            }
            assertThat(Samples.values(trainer, new RandomStream(9), 7, 2)).containsExactly(once);
            List<Integer> starts = new ArrayList<>();
            float[] inThrees = new float[14];
            Samples.<RuntimeException>inParts(trainer, new RandomStream(9), 7, 3, (start, n, values) -> {
                starts.add(start);
                assertThat(values).hasSize(2 * n);
                System.arraycopy(values, 0, inThrees, 2 * start, values.length);
            });
            assertThat(starts).containsExactly(0, 3, 6);
            assertThat(inThrees).containsExactly(once);
            assertThatThrownBy(() -> Samples.values(trainer, new RandomStream(9), 0, 2)).hasMessageContaining("must be >= 1");
        }
    }
}
