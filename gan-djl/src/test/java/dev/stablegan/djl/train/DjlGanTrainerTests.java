package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.StepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DjlGanTrainerTests {
    @TempDir
    Path dir;

    /** Points of N((1, -1), 0.1^2 I): a data source small enough for a test. */
    static final class ShiftedGaussian implements BatchSource {
        private final int dims;

        ShiftedGaussian(int dims) {
            this.dims = dims;
        }

        @Override
        public long[] exampleShape() {
            return new long[] {dims};
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int batchSize) {
            float[] values = random.gaussians(batchSize * dims);
            for (int i = 0; i < values.length; i++) {
                values[i] = 0.1f * values[i] + (i % 2 == 0 ? 1f : -1f);
            }
            return manager.create(values, new Shape(batchSize, dims));
        }

        @Override
        public String identity() {
            return "test:shifted-gaussian-" + dims + "d";
        }
    }

    static GanSpec spec(ObjectiveSpec objective, long steps) {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);
        return new GanSpec(new NetworkSpec.Mlp(4, 16, 2, 2), new NetworkSpec.Mlp(2, 16, 2, 1), objective, adam, adam,
                new ScheduleSpec(2, steps, 32, false), 11);
    }

    private static DjlGanTrainer trainer(ObjectiveSpec objective, long steps) {
        return DjlGanTrainer.create(spec(objective, steps), new ShiftedGaussian(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wgan-gp", "wgan-clip", "minimax", "lsgan", "hinge", "wgan-gp-one-sided"})
    void theSameSeedGivesTheSameLosses(String objective) {
        Map<String, Double> first;
        Map<String, Double> second;
        try (DjlGanTrainer a = trainer(ObjectiveSpec.byName(objective), 3)) {
            a.step();
            first = a.step().scalars();
        }
        try (DjlGanTrainer b = trainer(ObjectiveSpec.byName(objective), 3)) {
            b.step();
            second = b.step().scalars();
        }
        assertThat(first).isEqualTo(second).containsKeys("critic_loss", "generator_loss", "wasserstein_estimate");
        assertThat(first.values()).allMatch(Double::isFinite);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wgan-gp", "wgan-clip"})
    void aResumedRunRepeatsTheUninterruptedRun(String objective) throws IOException {
        ObjectiveSpec o = ObjectiveSpec.byName(objective);
        StepReport uninterrupted;
        try (DjlGanTrainer t = trainer(o, 6)) {
            for (int i = 0; i < 5; i++) {
                t.step();
            }
            uninterrupted = t.step();
        }
        Path checkpoint = dir.resolve("run.ckpt");
        double secondsAtCheckpoint;
        try (DjlGanTrainer first = trainer(o, 6)) {
            for (int i = 0; i < 3; i++) {
                first.step();
            }
            first.saveCheckpoint(checkpoint);
            secondsAtCheckpoint = first.trainedSeconds();
            first.step(); // work past the checkpoint that the resumed run must not see
        }
        StepReport resumed;
        try (DjlGanTrainer second = trainer(o, 6)) {
            second.resume(checkpoint);
            assertThat(second.currentStep()).isEqualTo(3);
            assertThat(second.trainedSeconds()).isPositive().isEqualTo(secondsAtCheckpoint);
            second.step();
            second.step();
            resumed = second.step();
        }
        assertThat(resumed.step()).isEqualTo(6);
        assertThat(resumed.scalars()).isEqualTo(uninterrupted.scalars());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wgan-gp", "wgan-clip", "minimax"})
    void longLivedManagersDoNotGrowBetweenSteps(String objective) {
        try (DjlGanTrainer t = trainer(ObjectiveSpec.byName(objective), 10)) {
            t.step();
            t.step();
            int before = t.manager().getManagedArrays().size();
            for (int i = 0; i < 4; i++) {
                t.step();
            }
            assertThat(t.manager().getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void weightClippingKeepsEveryCriticWeightInRange() {
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.WganClip(0.01), 3)) {
            t.step();
            t.critic().getParameters().values().forEach(p -> {
                float[] w = p.getArray().toFloatArray();
                for (float v : w) {
                    assertThat(Math.abs(v)).isLessThanOrEqualTo(0.01f);
                }
            });
        }
    }

    @Test
    void aDatasetOfTheWrongDimensionIsRejectedByName() {
        assertThatThrownBy(() -> DjlGanTrainer.create(spec(new ObjectiveSpec.Wgan(), 1), new ShiftedGaussian(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test:shifted-gaussian-3d")
                .hasMessageContaining("[3]")
                .hasMessageContaining("[2]");
    }

    @Test
    void aTruncatedCheckpointIsRejectedAndLeavesTheTrainerUntouched() throws IOException {
        Path checkpoint = dir.resolve("run.ckpt");
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.Wgan(), 4)) {
            t.step();
            t.saveCheckpoint(checkpoint);
        }
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(bytes, bytes.length / 2));
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.Wgan(), 4)) {
            float[] before = t.generator().getParameters().valueAt(0).getArray().toFloatArray();
            assertThatThrownBy(() -> t.resume(checkpoint)).isInstanceOf(IOException.class)
                    .hasMessageContaining(checkpoint.toString()).hasMessageContaining("truncated");
            assertThat(t.currentStep()).isZero();
            assertThat(t.generator().getParameters().valueAt(0).getArray().toFloatArray()).containsExactly(before);
        }
    }

    @Test
    void aForeignFileIsNotTakenForACheckpoint() throws IOException {
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "hello, this is not a checkpoint at all");
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.Wgan(), 4)) {
            assertThatThrownBy(() -> t.resume(foreign)).isInstanceOf(IOException.class)
                    .hasMessageContaining("notes.txt").hasMessageContaining("not a StableGAN checkpoint");
        }
    }

    @Test
    void aCheckpointOfAnotherRunNamesTheDifferingField() throws IOException {
        Path checkpoint = dir.resolve("run.ckpt");
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.WganGp(10, false), 4)) {
            t.saveCheckpoint(checkpoint);
        }
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.WganGp(1, false), 4)) {
            assertThatThrownBy(() -> t.resume(checkpoint)).hasMessageContaining("objective.lambda");
        }
    }

    @Test
    void aCheckpointCanBeResumedWithMoreSteps() throws IOException {
        Path checkpoint = dir.resolve("run.ckpt");
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.Wgan(), 2)) {
            t.run();
            t.saveCheckpoint(checkpoint);
        }
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.Wgan(), 4)) {
            t.resume(checkpoint);
            assertThat(t.run().steps()).isEqualTo(4);
        }
    }

    @Test
    void anApplicationDrawsTheTrainersSamplesFromTheCheckpoint() throws IOException {
        Path checkpoint = dir.resolve("run.ckpt");
        float[] expected;
        try (DjlGanTrainer t = trainer(new ObjectiveSpec.WganGp(10, false), 2)) {
            t.run();
            t.saveCheckpoint(checkpoint);
            try (NDManager m = NDManager.newBaseManager()) {
                expected = t.sample(m, new RandomStream(5), 7).toFloatArray();
            }
        }
        try (TrainedGenerator g = TrainedGenerator.load(checkpoint)) {
            assertThat(g.step()).isEqualTo(2);
            float[][] rows = g.sample(7, 5);
            assertThat(rows).hasNumberOfRows(7);
            float[] flat = new float[14];
            for (int i = 0; i < 7; i++) {
                System.arraycopy(rows[i], 0, flat, 2 * i, 2);
            }
            assertThat(flat).containsExactly(expected);
        }
    }
}
