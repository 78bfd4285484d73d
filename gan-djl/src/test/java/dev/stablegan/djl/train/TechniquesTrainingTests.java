package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.TechniquesSpec.FeatureDistance;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.djl.nn.Networks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Improved-GAN techniques as spec options of {@link DjlGanTrainer}. */
class TechniquesTrainingTests {
    @TempDir
    Path dir;

    /** Uniform 3 x side x side images in [-1, 1] (32 unless given): shapes are all these tests need of the data. */
    static final class NoiseImages implements BatchSource {
        private final int side;

        NoiseImages() {
            this(32);
        }

        NoiseImages(int side) {
            this.side = side;
        }

        @Override
        public long[] exampleShape() {
            return new long[] {3, side, side};
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int batchSize) {
            float[] v = random.uniforms(batchSize * 3 * side * side);
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * v[i] - 1;
            }
            return manager.create(v, new Shape(batchSize, 3, side, side));
        }

        @Override
        public String identity() {
            return side == 32 ? "test:noise-images" : "test:noise-images-" + side;
        }
    }

    static TechniquesSpec techniques(String name) {
        TechniquesSpec none = TechniquesSpec.NONE;
        return switch (name) {
            case "feature-matching" -> none.withFeatureMatching(FeatureDistance.MEAN_ABSOLUTE);
            case "historical-averaging" -> none.withHistoricalAveraging(0.1);
            case "minibatch-discrimination" -> none.withMinibatchDiscrimination(5, 3);
            case "virtual-batch-norm" -> none.withVirtualBatchNorm(4);
            case "all" -> none.withFeatureMatching(FeatureDistance.SQUARED_L2).withHistoricalAveraging(0.1)
                    .withMinibatchDiscrimination(5, 3).withVirtualBatchNorm(4);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static GanSpec dcgan(TechniquesSpec t, long steps) {
        OptimizerSpec adam = new OptimizerSpec.Adam(2e-4, 0.5, 0.999);
        return new GanSpec(new NetworkSpec.Dcgan32Generator(16, 3, 4), new NetworkSpec.Dcgan32Critic(3, 4),
                new ObjectiveSpec.Minimax(true, 0.9), adam, adam, new ScheduleSpec(1, steps, 6, false), 3, t);
    }

    static GanSpec mlp(TechniquesSpec t) {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-2, 0.5, 0.9);
        return new GanSpec(new NetworkSpec.Mlp(4, 8, 2, 2), new NetworkSpec.Mlp(2, 8, 2, 1), new ObjectiveSpec.Minimax(true, 1),
                adam, adam, new ScheduleSpec(1, 10, 16, false), 5, t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature-matching", "historical-averaging", "minibatch-discrimination", "virtual-batch-norm", "all"})
    void eachTechniqueTrainsTheDcganPairDeterministically(String name) {
        Map<String, Double> first;
        Map<String, Double> second;
        try (DjlGanTrainer a = DjlGanTrainer.create(dcgan(techniques(name), 2), new NoiseImages())) {
            a.step();
            first = a.step().scalars();
        }
        try (DjlGanTrainer b = DjlGanTrainer.create(dcgan(techniques(name), 2), new NoiseImages())) {
            b.step();
            second = b.step().scalars();
        }
        assertThat(first).isEqualTo(second).containsKeys("critic_loss", "generator_loss");
        assertThat(first.values()).allMatch(Double::isFinite);
        if (techniques(name).historicalAveraging() > 0) {
            assertThat(first).containsKeys("critic_historical_penalty", "generator_historical_penalty");
        }
    }

    @Test
    void featureMatchingReplacesTheGeneratorsObjectiveWithANonNegativeDistance() {
        try (DjlGanTrainer plain = DjlGanTrainer.create(mlp(TechniquesSpec.NONE), new DjlGanTrainerTests.ShiftedGaussian(2));
                DjlGanTrainer matched = DjlGanTrainer.create(mlp(TechniquesSpec.NONE.withFeatureMatching(FeatureDistance.MEAN_SQUARED)),
                        new DjlGanTrainerTests.ShiftedGaussian(2))) {
            double objective = plain.step().scalars().get("generator_loss");
            double distance = matched.step().scalars().get("generator_loss");
            // The same networks and first critic step; the non-saturating loss -log s(D) of a fresh critic is near
            // log 2, a squared feature distance of one step is far smaller.
            assertThat(objective).isCloseTo(Math.log(2), within(0.2));
            assertThat(distance).isGreaterThanOrEqualTo(0).isLessThan(objective / 10);
        }
    }

    @Test
    void theFeaturesAreTheInputOfTheLastLinearLayerBeforeMinibatchDiscrimination() {
        TechniquesSpec t = TechniquesSpec.NONE.withMinibatchDiscrimination(5, 3);
        var critic = Networks.buildCritic(new NetworkSpec.Mlp(2, 8, 2, 1), t);
        // Linear, ReLU, Linear, ReLU | minibatch discrimination, Linear
        assertThat(critic.getChildren().size()).isEqualTo(6);
        assertThat(Networks.featureLayers(critic, t)).isEqualTo(4);
        assertThat(Networks.featureLayers(Networks.buildCritic(new NetworkSpec.Mlp(2, 8, 2, 1), TechniquesSpec.NONE),
                TechniquesSpec.NONE)).isEqualTo(4);
    }

    /**
     * With historical averaging the first penalties are zero (the history holds only the current values) and the
     * generator's second is {@code ||theta1 - (theta0 + theta1)/2||^2 = ||theta1 - theta0||^2 / 4}.
     */
    @Test
    void theHistoricalPenaltyFollowsTheFormulaOverTheFirstSteps() {
        try (DjlGanTrainer t = DjlGanTrainer.create(mlp(TechniquesSpec.NONE.withHistoricalAveraging(0.5)),
                new DjlGanTrainerTests.ShiftedGaussian(2))) {
            List<float[]> theta0 = trainable(t);
            Map<String, Double> first = t.step().scalars();
            List<float[]> theta1 = trainable(t);
            Map<String, Double> second = t.step().scalars();
            assertThat(first.get("generator_historical_penalty")).isEqualTo(0.0);
            assertThat(first.get("critic_historical_penalty")).isEqualTo(0.0);
            double expected = 0;
            for (int p = 0; p < theta0.size(); p++) {
                for (int i = 0; i < theta0.get(p).length; i++) {
                    double d = theta1.get(p)[i] - theta0.get(p)[i];
                    expected += d * d / 4;
                }
            }
            assertThat(expected).isPositive();
            assertThat(second.get("generator_historical_penalty")).isCloseTo(expected, within(1e-6 * expected + 1e-9));
        }
    }

    private static List<float[]> trainable(DjlGanTrainer t) {
        List<float[]> values = new ArrayList<>();
        for (Parameter p : Networks.parameters(t.generator())) {
            if (p.requiresGradient()) {
                values.add(p.getArray().toFloatArray());
            }
        }
        return values;
    }

    @Test
    void withVirtualBatchNormAGeneratedImageDoesNotDependOnTheRestOfItsBatch() {
        float[] a = generatedFirstRow(techniques("virtual-batch-norm"), 1);
        float[] b = generatedFirstRow(techniques("virtual-batch-norm"), 2);
        assertThat(a).containsExactly(b);
        // With batch norm the same comparison differs: the test can tell the two apart.
        assertThat(generatedFirstRow(TechniquesSpec.NONE, 1)).isNotEqualTo(generatedFirstRow(TechniquesSpec.NONE, 2));
    }

    /** The first image of a training-mode batch whose first latent vector is fixed and the rest drawn from {@code seed}. */
    private static float[] generatedFirstRow(TechniquesSpec t, long seed) {
        try (DjlGanTrainer trainer = DjlGanTrainer.create(dcgan(t, 1), new NoiseImages());
                NDManager m = NDManager.newBaseManager()) {
            float[] z = new RandomStream(seed).gaussians(5 * 16);
            float[] fixed = new RandomStream(99).gaussians(16);
            System.arraycopy(fixed, 0, z, 0, 16);
            NDArray out = trainer.generator().forward(new ParameterStore(m, false), new NDList(m.create(z, new Shape(5, 16))), true)
                    .singletonOrThrow();
            return out.get("0").toFloatArray();
        }
    }

    @Test
    void aResumedRunWithEveryTechniqueRepeatsTheUninterruptedRun() throws IOException {
        GanSpec spec = dcgan(techniques("all"), 4);
        StepReport uninterrupted;
        try (DjlGanTrainer t = DjlGanTrainer.create(spec, new NoiseImages())) {
            t.step();
            t.step();
            t.step();
            uninterrupted = t.step();
        }
        Path checkpoint = dir.resolve("run.ckpt");
        try (DjlGanTrainer first = DjlGanTrainer.create(spec, new NoiseImages())) {
            first.step();
            first.step();
            first.saveCheckpoint(checkpoint);
        }
        StepReport resumed;
        try (DjlGanTrainer second = DjlGanTrainer.create(spec.withSeed(spec.seed()), new NoiseImages())) {
            second.resume(checkpoint);
            second.step();
            resumed = second.step();
        }
        assertThat(resumed.scalars()).isEqualTo(uninterrupted.scalars());
    }

    @Test
    void aCheckpointWithoutTheTechniquesIsNotResumedWithThem() throws IOException {
        Path checkpoint = dir.resolve("run.ckpt");
        try (DjlGanTrainer t = DjlGanTrainer.create(mlp(TechniquesSpec.NONE), new DjlGanTrainerTests.ShiftedGaussian(2))) {
            t.saveCheckpoint(checkpoint);
        }
        try (DjlGanTrainer t = DjlGanTrainer.create(mlp(TechniquesSpec.NONE.withHistoricalAveraging(1)),
                new DjlGanTrainerTests.ShiftedGaussian(2))) {
            assertThatThrownBy(() -> t.resume(checkpoint)).hasMessageContaining("techniques");
        }
    }

    @Test
    void virtualBatchNormNeedsAGeneratorWithBatchNorm() {
        assertThatThrownBy(() -> mlp(TechniquesSpec.NONE.withVirtualBatchNorm(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("techniques.virtualBatchReference")
                .hasMessageContaining("Mlp");
    }

    @Test
    void badTechniqueSettingsAreRejectedByField() {
        assertThatThrownBy(() -> TechniquesSpec.NONE.withHistoricalAveraging(-1)).hasMessageContaining("techniques.historicalAveraging");
        assertThatThrownBy(() -> TechniquesSpec.NONE.withMinibatchDiscrimination(4, 0)).hasMessageContaining("techniques.minibatchKernelDims");
        assertThatThrownBy(() -> TechniquesSpec.NONE.withVirtualBatchNorm(-2)).hasMessageContaining("techniques.virtualBatchReference");
    }

    @Test
    void techniquesRoundTripThroughJsonAndTheirAbsenceReadsAsNone() {
        GanSpec with = dcgan(techniques("all"), 4);
        assertThat(SpecJson.fromJson(SpecJson.toJsonString(with))).isEqualTo(with);
        GanSpec without = dcgan(TechniquesSpec.NONE, 4);
        assertThat(SpecJson.toJson(without).has("techniques")).isFalse();
        assertThat(SpecJson.fromJson(SpecJson.toJsonString(without))).isEqualTo(without);
        String bad = SpecJson.toJsonString(with).replace("\"squared_l2\"", "\"cosine\"");
        assertThatThrownBy(() -> SpecJson.fromJson(bad)).hasMessageContaining("techniques.featureMatching")
                .hasMessageContaining("cosine");
    }
}
