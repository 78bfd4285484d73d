package dev.stablegan.examples.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.djl.nn.Networks;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.examples.toy.CriticGradientExperiment.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CriticGradientNormsTests {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /**
     * Critic {@code D(x) = w3 . a2}, {@code a2 = relu(W2 a1)}, {@code a1 = relu(x)} (W1 = I, no biases), with
     * {@code W2 = [[1, 2], [-3, 1]]} and {@code w3 = (0.5, 2)}; loss {@code mean D(fake) - mean D(real)} with one
     * real example and two generated ones.
     *
     * <p>Layer 2: every row of {@code dL/da2} is {@code +-w3 / batch}, so the squared norm is
     * {@code |w3|^2 (1/1 + 2/4) = 4.25 * 1.5 = 6.375}.
     *
     * <p>Layer 1: a row is {@code +-W2^T (w3 * mask) / batch} with {@code mask = 1[W2 x > 0]}. Real (1, 1):
     * {@code W2 x = (3, -2)}, mask (1, 0), row {@code -(0.5, 1)}, squared 1.25. Fake (1, 4): {@code W2 x = (9, 1)},
     * both units on, {@code W2^T w3 = (-5.5, 3)}, row halved, squared {@code 39.25 / 4 = 9.8125}. Fake (2, 1):
     * {@code W2 x = (4, -5)}, row {@code (0.5, 1) / 2}, squared 0.3125. In all 11.375.
     */
    @Test
    void matchesTheHandDerivedGradientsOfATwoLayerCritic() {
        Block critic = critic(new float[] {1, 0, 0, 1}, new float[] {1, 2, -3, 1}, new float[] {0.5f, 2});
        NDArray real = manager.create(new float[] {1, 1}, new Shape(1, 2));
        NDArray fake = manager.create(new float[] {1, 4, 2, 1}, new Shape(2, 2));

        double[] norms = CriticGradientNorms.measure(critic, real, fake);

        assertThat(norms).hasSize(2);
        assertThat(norms[0]).isCloseTo(Math.sqrt(11.375), within(1e-6));
        assertThat(norms[1]).isCloseTo(Math.sqrt(6.375), within(1e-6));
    }

    @Test
    void keepsGradientsWhoseSquaresUnderflowFloat() {
        // w3 = 1e-25: every squared gradient is below float's smallest value, yet the norm is sqrt(1.5) 1e-25.
        Block critic = critic(new float[] {1, 0, 0, 1}, new float[] {1, 0, 0, 1}, new float[] {1e-25f, 0});
        NDArray real = manager.create(new float[] {1, 1}, new Shape(1, 2));
        NDArray fake = manager.create(new float[] {1, 1, 1, 1}, new Shape(2, 2));

        double[] norms = CriticGradientNorms.measure(critic, real, fake);

        assertThat(norms[1] / 1e-25).isCloseTo(Math.sqrt(1.5), within(1e-6));
        assertThat(CriticGradientNorms.log10(norms)[1]).isCloseTo(-25 + Math.log10(Math.sqrt(1.5)), within(1e-6));
    }

    @Test
    void measuringBetweenStepsDoesNotChangeTraining() {
        Settings settings = new Settings(2, 8, 16, 1, 3);
        CriticGradientExperiment.Method clip = CriticGradientExperiment.figure1bMethods().get(0);
        GanSpec spec = CriticGradientExperiment.spec(clip, settings);
        ToyBatchSource data = new ToyBatchSource(ToyDataset.SWISS_ROLL);
        try (DjlGanTrainer plain = DjlGanTrainer.create(spec, data);
                DjlGanTrainer measured = DjlGanTrainer.create(spec, data)) {
            plain.step();
            measured.step();
            double[] norms = CriticGradientNorms.measure(measured, data, 7, 16, 2);
            plain.step();
            measured.step();

            assertThat(norms).hasSize(CriticGradientExperiment.CRITIC_LAYERS);
            assertThat(Arrays.stream(norms).boxed()).allMatch(n -> n > 0 && Double.isFinite(n));
            Map<String, Parameter> a = Networks.namedParameters(plain.critic());
            Map<String, Parameter> b = Networks.namedParameters(measured.critic());
            a.forEach((name, p) -> assertThat(b.get(name).getArray().toFloatArray())
                    .as(name).containsExactly(p.getArray().toFloatArray()));
        }
    }

    @Test
    void rejectsEmptyMeasurements() {
        Settings settings = new Settings(1, 4, 4, 1, 0);
        GanSpec spec = CriticGradientExperiment.spec(CriticGradientExperiment.figure1bMethods().get(3), settings);
        ToyBatchSource data = new ToyBatchSource(ToyDataset.SWISS_ROLL);
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, data)) {
            assertThatThrownBy(() -> CriticGradientNorms.measure(trainer, data, 0, 4, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batches");
            assertThatThrownBy(() -> CriticGradientNorms.measure(trainer, data, 0, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batchSize");
        }
    }

    /** A 2-2-2-1 ReLU MLP without biases and with the given row-major weights. */
    private Block critic(float[] w1, float[] w2, float[] w3) {
        NetworkSpec.Mlp spec = new NetworkSpec.Mlp(2, 2, 2, 1);
        Block critic = Networks.build(spec);
        Networks.initialize(critic, spec, manager);
        Map<String, Parameter> params = Networks.namedParameters(critic);
        assertThat(params.keySet()).containsExactly("01Linear_bias", "01Linear_weight", "03Linear_bias",
                "03Linear_weight", "05Linear_bias", "05Linear_weight");
        List<float[]> weights = List.of(w1, w2, w3);
        for (int i = 0; i < 3; i++) {
            String layer = String.format("%02dLinear_", 2 * i + 1);
            params.get(layer + "weight").getArray().set(weights.get(i));
            NDArray bias = params.get(layer + "bias").getArray();
            bias.set(new float[(int) bias.size()]);
        }
        return critic;
    }
}
