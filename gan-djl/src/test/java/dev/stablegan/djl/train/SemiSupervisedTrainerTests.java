package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.djl.nn.GaussianNoise;
import dev.stablegan.djl.nn.SemiSupervisedNetworks;
import dev.stablegan.djl.nn.WeightNormLinear;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemiSupervisedTrainerTests {
    static final int DIM = 6;

    @Test
    void learnsTwoClassesFromFourLabelsAndTheUnlabelledRest() {
        RandomStream data = new RandomStream(4);
        try (SemiSupervisedTrainer t = new SemiSupervisedTrainer(settings(), body(), head(), generator(), batch(data, 64, null), DIM)) {
            int[] labels = {0, 1, 0, 1};
            float[] labelled = batch(data, 4, labels);
            for (int step = 0; step < 150; step++) {
                t.step(labelled, labels, batch(data, 64, null), batch(data, 64, null), 1.0);
            }
            int[] truth = new int[200];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = i % 2;
            }
            int[] predicted = t.predict(batch(data, 200, truth), 200);
            int errors = 0;
            for (int i = 0; i < truth.length; i++) {
                errors += predicted[i] == truth[i] ? 0 : 1;
            }
            assertThat(errors).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aStepReportsItsLossesAndLeavesNothingOnTheLongLivedManager() {
        RandomStream data = new RandomStream(5);
        try (SemiSupervisedTrainer t = new SemiSupervisedTrainer(settings(), body(), head(), generator(), batch(data, 16, null), DIM)) {
            int[] labels = {0, 1};
            float[] labelled = batch(data, 2, labels);
            t.step(labelled, labels, batch(data, 16, null), batch(data, 16, null), 1.0);
            int before = t.manager().getManagedArrays().size();
            Map<String, Double> scalars = null;
            for (int i = 0; i < 3; i++) {
                scalars = t.step(labelled, labels, batch(data, 16, null), batch(data, 16, null), 1.0);
            }
            assertThat(t.manager().getManagedArrays().size()).isEqualTo(before);
            assertThat(scalars).containsKeys("loss_supervised", "loss_unsupervised", "loss_generator", "train_error");
            assertThat(t.sample(3)).hasSize(3 * DIM);
        }
    }

    @Test
    void theMnistNetworksTrainTheSameUnderConstantGarbageCollection() throws InterruptedException {
        java.util.List<Object> quiet = threeMnistSteps();
        assertThat(ConstantGarbageCollection.during(SemiSupervisedTrainerTests::threeMnistSteps)).isEqualTo(quiet);
    }

    /** The scalars of three steps of the authors' MNIST networks, then predictions and samples. */
    private static java.util.List<Object> threeMnistSteps() {
        int pixels = SemiSupervisedNetworks.MNIST_PIXELS;
        float[] init = uniformRows(7, 20 * pixels);
        java.util.List<Object> out = new java.util.ArrayList<>();
        try (SemiSupervisedTrainer t = mnistTrainer(init)) {
            t.reseedLayerNoise(1);
            int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            for (int i = 0; i < 3; i++) {
                out.add(t.step(java.util.Arrays.copyOf(init, 10 * pixels), labels, init, init, 1.0));
            }
            out.add(java.util.Arrays.toString(t.predictAveraged(init, 20)));
            out.add(java.util.Arrays.toString(t.sample(2)));
        }
        return out;
    }

    /** {@code n} values uniform in {@code [0, 1)} from a stream seeded by {@code seed}. */
    private static float[] uniformRows(long seed, int n) {
        RandomStream data = new RandomStream(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) data.nextDouble();
        }
        return out;
    }

    /** The authors' MNIST networks and settings, initialized from {@code init}. */
    private static SemiSupervisedTrainer mnistTrainer(float[] init) {
        SemiSupervisedTrainer.Settings s = new SemiSupervisedTrainer.Settings(10, SemiSupervisedNetworks.LATENT_DIM, 0.003, 0.5,
                TechniquesSpec.FeatureDistance.MEAN_SQUARED, 1L, true);
        return new SemiSupervisedTrainer(s, SemiSupervisedNetworks.mnistDiscriminatorBody(), SemiSupervisedNetworks.mnistDiscriminatorHead(10),
                SemiSupervisedNetworks.mnistGenerator(), init, SemiSupervisedNetworks.MNIST_PIXELS);
    }

    @Test
    void theMnistNetworksTakeOneStep() {
        int pixels = SemiSupervisedNetworks.MNIST_PIXELS;
        float[] init = uniformRows(6, 20 * pixels);
        try (SemiSupervisedTrainer t = mnistTrainer(init)) {
            int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            Map<String, Double> scalars = t.step(java.util.Arrays.copyOf(init, 10 * pixels), labels, init, init, 1.0);
            assertThat(scalars.values()).allSatisfy(v -> assertThat(v).isFinite());
            float[] sample = t.sample(2);
            assertThat(sample).hasSize(2 * pixels);
            for (float v : sample) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(java.util.Arrays.stream(t.predict(init, 20)).boxed().toList()).hasSize(20).allSatisfy(c -> assertThat(c).isBetween(0, 9));
        }
    }

    static SemiSupervisedTrainer.Settings settings() {
        return new SemiSupervisedTrainer.Settings(2, 4, 0.003, 0.5, TechniquesSpec.FeatureDistance.MEAN_SQUARED, 3L, true);
    }

    /** Two Gaussian blobs in 6-D, at +-1 along the first axis; label null draws the class at random. */
    static float[] batch(RandomStream r, int n, int[] labels) {
        float[] out = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            int c = labels != null ? labels[i] : r.nextInt(2);
            for (int d = 0; d < DIM; d++) {
                out[i * DIM + d] = (float) (0.4 * r.nextGaussian() + (d == 0 ? (c == 0 ? -1 : 1) : 0));
            }
        }
        return out;
    }

    @Test
    void theParameterAverageIsThePlainMeanUntilTheDecayTakesOver() {
        // weight of step t's values: 1/(t+1) while that exceeds 1 - 0.9999 = 1e-4, i.e. up to t = 9999
        assertThat(SemiSupervisedTrainer.averageWeight(SemiSupervisedTrainer.Recipe.PORT_1, 0)).isEqualTo(1.0);
        assertThat(SemiSupervisedTrainer.averageWeight(SemiSupervisedTrainer.Recipe.PORT_1, 1)).isEqualTo(0.5);
        assertThat(SemiSupervisedTrainer.averageWeight(SemiSupervisedTrainer.Recipe.PORT_1, 3)).isEqualTo(0.25);
        assertThat(SemiSupervisedTrainer.averageWeight(SemiSupervisedTrainer.Recipe.PORT_1, 9999)).isEqualTo(1e-4);
        assertThat(SemiSupervisedTrainer.averageWeight(SemiSupervisedTrainer.Recipe.PORT_1, 50_000))
                .isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-15));
    }

    /** Issue 19: the authors' average moves 1e-4 of the way from zeros at every step, the first included. */
    @Test
    void theAuthorsAverageStartsFromZerosWithAConstantWeight() {
        for (long t : new long[] {1, 2, 9999, 50_000}) {
            assertThat(SemiSupervisedTrainer.averageWeight(SemiSupervisedTrainer.Recipe.AUTHORS, t))
                    .isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-15));
        }
        assertThat(SemiSupervisedTrainer.Recipe.parse(null)).isEqualTo(SemiSupervisedTrainer.Recipe.PORT_1);
        assertThat(SemiSupervisedTrainer.Recipe.parse("authors")).isEqualTo(SemiSupervisedTrainer.Recipe.AUTHORS);
    }

    /**
     * Issue 19: with the authors' recipe the generator's dense layers start Glorot-uniform, inside
     * +-sqrt(6 / (fan_in + fan_out)) and filling most of it (100 -> 500: 0.1; 500 -> 500: 0.0775), wider than PyTorch's
     * default +-1/sqrt(fan_in) (0.1 and 0.0447).
     */
    @Test
    void theAuthorsRecipeStartsTheGeneratorsDenseLayersGlorotUniform() {
        float[] rows = new float[20 * 784];
        java.util.Arrays.fill(rows, 0.5f);
        for (int i = 0; i < rows.length; i += 7) {
            rows[i] = 0.9f;
        }
        Block generator = SemiSupervisedNetworks.mnistGenerator();
        try (SemiSupervisedTrainer t = new SemiSupervisedTrainer(new SemiSupervisedTrainer.Settings(10, SemiSupervisedNetworks.LATENT_DIM,
                0.003, 0.5, TechniquesSpec.FeatureDistance.MEAN_SQUARED, 3L, true, SemiSupervisedTrainer.Recipe.AUTHORS),
                SemiSupervisedNetworks.mnistDiscriminatorBody(), SemiSupervisedNetworks.mnistDiscriminatorHead(10), generator, rows, 784)) {
            float[] first = generator.getChildren().get(0).getValue().getParameters().get("weight").getArray().toFloatArray();
            float[] second = generator.getChildren().get(3).getValue().getParameters().get("weight").getArray().toFloatArray();
            assertThat(maxAbs(first)).isLessThanOrEqualTo((float) Math.sqrt(6.0 / 600)).isGreaterThan(0.09f);
            assertThat(maxAbs(second)).isLessThanOrEqualTo((float) Math.sqrt(6.0 / 1000)).isGreaterThan(0.07f);
            assertThat(t.settings().recipe()).isEqualTo(SemiSupervisedTrainer.Recipe.AUTHORS);
        }
    }

    private static float maxAbs(float[] values) {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void theMatchedFeaturesAreTheLastHiddenLayerBeforeItsNoise() {
        SequentialBlock body = SemiSupervisedNetworks.mnistDiscriminatorBody();
        SequentialBlock head = SemiSupervisedNetworks.mnistDiscriminatorHead(10);
        var bodyLayers = body.getChildren().values();
        var last = bodyLayers.get(bodyLayers.size() - 1);
        assertThat(last).isNotInstanceOf(GaussianNoise.class);
        assertThat(bodyLayers.get(bodyLayers.size() - 2)).isInstanceOf(WeightNormLinear.class);
        assertThat(((WeightNormLinear) bodyLayers.get(bodyLayers.size() - 2)).units()).isEqualTo(250);
        assertThat(head.getChildren().values().get(0)).isInstanceOf(GaussianNoise.class);
        assertThat(((GaussianNoise) head.getChildren().values().get(0)).sigma()).isEqualTo(0.5);
        // 1 input noise + 5 x (linear, ReLU) + 4 noises between them
        assertThat(bodyLayers).hasSize(15);
    }

    static SequentialBlock body() {
        SequentialBlock b = new SequentialBlock();
        b.add(new GaussianNoise(0.1));
        b.add(new WeightNormLinear(16));
        b.add(Activation.reluBlock());
        return b;
    }

    static SequentialBlock head() {
        SequentialBlock h = new SequentialBlock();
        h.add(new WeightNormLinear(2));
        return h;
    }

    static SequentialBlock generator() {
        SequentialBlock g = new SequentialBlock();
        g.add(Linear.builder().setUnits(16).build());
        g.add(Activation.reluBlock());
        g.add(Linear.builder().setUnits(DIM).build());
        return g;
    }
}
