package dev.stablegan.appside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.listen.JsonlMetrics;
import dev.stablegan.api.listen.PeriodicCheckpoints;
import dev.stablegan.djl.nn.GaussianNoise;
import dev.stablegan.djl.nn.WeightNormLinear;
import dev.stablegan.djl.train.BatchSource;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.djl.train.SemiSupervisedGan;
import dev.stablegan.djl.train.SemiSupervisedTrainer;
import dev.stablegan.djl.train.TrainedGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, what an application met: each case through the public API only (this package is outside the library's),
 * with the clear error or the helper it now gets.
 */
class ApplicationSideTests {
    @TempDir
    Path dir;

    /** Gaussian points in 2-D, or in float64 when asked. */
    private record Points(boolean float64) implements BatchSource {
        @Override
        public long[] exampleShape() {
            return new long[] {2};
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int batchSize) {
            NDArray a = manager.create(random.gaussians(batchSize * 2), new Shape(batchSize, 2));
            return float64 ? a.toType(DataType.FLOAT64, false) : a;
        }

        @Override
        public String identity() {
            return float64 ? "app:points-float64" : "app:points";
        }
    }

    /** Gray 8x8 noise images in [-1, 1]. */
    private record NoiseImages() implements BatchSource {
        @Override
        public long[] exampleShape() {
            return new long[] {1, 8, 8};
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int batchSize) {
            float[] v = random.uniforms(batchSize * 64);
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * v[i] - 1;
            }
            return manager.create(v, new Shape(batchSize, 1, 8, 8));
        }

        @Override
        public String identity() {
            return "app:noise-images";
        }
    }

    private static GanSpec pointsSpec() {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);
        return new GanSpec(new NetworkSpec.Mlp(4, 8, 1, 2), new NetworkSpec.Mlp(2, 8, 1, 1), new ObjectiveSpec.WganGp(10, false), adam,
                adam, new ScheduleSpec(1, 2, 8, false), 3);
    }

    @Test
    void aMissingArgumentIsNamed() {
        assertThatThrownBy(() -> DjlGanTrainer.create(null, new Points(false))).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("spec: null");
        assertThatThrownBy(() -> DjlGanTrainer.create(pointsSpec(), null)).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("data: null");
    }

    @Test
    void aFloat64DatasetIsNamedWithTheTypeTheNetworksTake() {
        try (DjlGanTrainer trainer = DjlGanTrainer.create(pointsSpec(), new Points(true))) {
            assertThatThrownBy(trainer::step).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dataset 'app:points-float64': returned a batch of float64; the networks take float32");
        }
    }

    @Test
    void sampleCountsBelowOneAreRefusedByName() throws IOException {
        Path checkpoint = dir.resolve("points.ckpt");
        try (DjlGanTrainer trainer = DjlGanTrainer.create(pointsSpec(), new Points(false))) {
            trainer.step();
            trainer.saveCheckpoint(checkpoint);
        }
        try (TrainedGenerator g = TrainedGenerator.load(checkpoint)) {
            assertThatThrownBy(() -> g.sample(0, 1L)).isInstanceOf(IllegalArgumentException.class).hasMessage("count: must be >= 1, got 0");
            assertThatThrownBy(() -> g.sample(-5, 1L)).isInstanceOf(IllegalArgumentException.class).hasMessage("count: must be >= 1, got -5");
            assertThatThrownBy(() -> g.sampleImages(4, 1L)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not images");
        }
    }

    /** Samples of an image generator come back as images: pixel = round((value + 1) * 127.5), clipped to 0..255. */
    @Test
    void anImageGeneratorsSamplesComeBackAsImages() throws IOException {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);
        GanSpec spec = new GanSpec(new NetworkSpec.ImageGenerator(ImageArchitecture.DCGAN, 8, 1, 8, 4),
                new NetworkSpec.ImageCritic(ImageArchitecture.DCGAN, 1, 8, 4, NetworkSpec.Normalization.NONE), new ObjectiveSpec.WganGp(10, false),
                adam, adam, new ScheduleSpec(1, 1, 4, false), 5);
        Path checkpoint = dir.resolve("images.ckpt");
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new NoiseImages())) {
            trainer.step();
            trainer.saveCheckpoint(checkpoint);
        }
        try (TrainedGenerator g = TrainedGenerator.load(checkpoint)) {
            List<BufferedImage> images = g.sampleImages(3, 9L);
            float[][] rows = g.sample(3, 9L);
            assertThat(images).hasSize(3);
            assertThat(images.get(0).getWidth()).isEqualTo(8);
            assertThat(images.get(0).getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            for (int n = 0; n < 3; n++) {
                for (int i : new int[] {0, 9, 63}) {
                    int expected = (int) Math.round(Math.max(0, Math.min(255, (rows[n][i] + 1) * 127.5)));
                    assertThat(images.get(n).getRaster().getSample(i % 8, i / 8, 0)).as("image %d pixel %d", n, i).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * Issue 20: the semi-supervised GAN keeps the trainers' contract, so an application's listeners (here the library's
     * JSONL metrics and periodic checkpoints) serve it as they serve a GanTrainer, and a resume continues it.
     */
    @Test
    void theSemiSupervisedGanTakesTheSameListenersAndResumes() throws IOException {
        Path metrics = dir.resolve("ssl.jsonl");
        Path checkpoint = dir.resolve("ssl.ckpt");
        try (SemiSupervisedGan gan = tinySemiSupervisedGan(2)) {
            gan.addListener(new JsonlMetrics(metrics, 1));
            gan.addListener(new PeriodicCheckpoints(gan, checkpoint, 2));
            assertThat(gan.run().steps()).isEqualTo(4);
        }
        assertThat(java.nio.file.Files.readAllLines(metrics)).hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("\"epoch\":").contains("\"loss_supervised\":"));
        try (SemiSupervisedGan gan = tinySemiSupervisedGan(3)) {
            gan.resume(checkpoint);
            gan.addListener(new JsonlMetrics(metrics, 1));
            assertThat(gan.run().steps()).isEqualTo(6);
        }
        assertThat(java.nio.file.Files.readAllLines(metrics)).hasSize(6);
    }

    /** Two classes in 3-D, 6 of 40 rows labelled, epochs of 2 steps of 10. */
    private static SemiSupervisedGan tinySemiSupervisedGan(int epochs) {
        RandomStream r = new RandomStream(21);
        float[] pool = r.gaussians(40 * 3);
        int[] classes = {0, 1, 0, 1, 0, 1};
        float[] labelled = java.util.Arrays.copyOf(pool, classes.length * 3);
        SequentialBlock body = new SequentialBlock().add(new GaussianNoise(0.1)).add(new WeightNormLinear(8)).add(Activation.reluBlock());
        SequentialBlock head = new SequentialBlock().add(new WeightNormLinear(2));
        SequentialBlock generator = new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build());
        SemiSupervisedGan.Rows rows = new SemiSupervisedGan.Rows() {
            @Override
            public int count() {
                return 40;
            }

            @Override
            public float[] rows(int[] indices, int from, int n) {
                float[] out = new float[n * 3];
                for (int k = 0; k < n; k++) {
                    System.arraycopy(pool, indices[from + k] * 3, out, k * 3, 3);
                }
                return out;
            }
        };
        return new SemiSupervisedGan(new SemiSupervisedTrainer.Settings(2, 4, 0.003, 0.5, TechniquesSpec.FeatureDistance.MEAN_SQUARED, 5L,
                true), body, head, generator, 3, new SemiSupervisedGan.Data(labelled, classes, rows),
                new SemiSupervisedGan.Schedule(10, 2, epochs, 0));
    }
}
