package dev.stablegan.appside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.djl.nn.NetworkFactory;
import dev.stablegan.djl.train.BatchSource;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.djl.train.SpecJson;
import dev.stablegan.djl.train.TrainedGenerator;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, networks an application brings: its own blocks for sequences of shape [2, 16] (not images), named in the
 * spec by factory class, trained, checkpointed and sampled again, using only the public API.
 */
class OwnNetworksTests {
    @TempDir
    Path dir;

    /** The application's factory: dense networks that reshape to and from the example shape. */
    public static final class SequenceNets implements NetworkFactory {
        @Override
        public Block build(String role, long[] inputShape, long[] outputShape) {
            long out = new Shape(outputShape).size();
            SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
            net.add(Linear.builder().setUnits(32).build()).add(Activation.reluBlock()).add(Linear.builder().setUnits(out).build());
            if ("generator".equals(role)) {
                net.add(new LambdaBlock(x -> new ai.djl.ndarray.NDList(x.singletonOrThrow().tanh()
                        .reshape(new Shape(x.singletonOrThrow().getShape().get(0)).addAll(new Shape(outputShape))))));
            }
            return net;
        }
    }

    /** Two channels of 16 steps: a sine and a cosine of random phase. */
    private record Waves() implements BatchSource {
        @Override
        public long[] exampleShape() {
            return new long[] {2, 16};
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int n) {
            float[] v = new float[n * 32];
            for (int i = 0; i < n; i++) {
                double phase = 2 * Math.PI * random.nextDouble();
                for (int t = 0; t < 16; t++) {
                    v[i * 32 + t] = (float) Math.sin(phase + t / 3.0);
                    v[i * 32 + 16 + t] = (float) Math.cos(phase + t / 3.0);
                }
            }
            return manager.create(v, new Shape(n, 2, 16));
        }

        @Override
        public String identity() {
            return "app:waves";
        }
    }

    private static GanSpec spec() {
        String factory = SequenceNets.class.getName();
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);
        return new GanSpec(NetworkSpec.Custom.of(factory, "generator", new long[] {8}, new long[] {2, 16}),
                NetworkSpec.Custom.of(factory, "critic", new long[] {2, 16}, new long[] {1}), new ObjectiveSpec.WganGp(10, false),
                adam, adam, new ScheduleSpec(2, 3, 16, false), 4);
    }

    @Test
    void anApplicationsOwnNetworksTrainCheckpointAndSampleForAnyShape() throws IOException {
        GanSpec spec = spec();
        assertThat(SpecJson.fromJson(SpecJson.toJson(spec))).as("the spec survives JSON, as in a checkpoint").isEqualTo(spec);
        Path checkpoint = dir.resolve("waves.ckpt");
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new Waves())) {
            trainer.run();
            trainer.saveCheckpoint(checkpoint);
        }
        try (TrainedGenerator g = TrainedGenerator.load(checkpoint)) {
            float[][] samples = g.sample(5, 1L);
            assertThat(samples).hasNumberOfRows(5);
            assertThat(samples[0]).hasSize(32);
            assertThat(g.step()).isEqualTo(3);
        }
        try (DjlGanTrainer again = DjlGanTrainer.create(spec, new Waves())) {
            again.resume(checkpoint);
            assertThat(again.currentStep()).isEqualTo(3);
        }
    }

    @Test
    void aFactoryThatIsNotOneIsNamed() {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);
        GanSpec bad = new GanSpec(NetworkSpec.Custom.of("java.lang.String", "generator", new long[] {8}, new long[] {2, 16}),
                NetworkSpec.Custom.of(SequenceNets.class.getName(), "critic", new long[] {2, 16}, new long[] {1}),
                new ObjectiveSpec.WganGp(10, false), adam, adam, new ScheduleSpec(2, 3, 16, false), 4);
        assertThatThrownBy(() -> DjlGanTrainer.create(bad, new Waves())).hasMessageContaining("java.lang.String does not implement");
        assertThatThrownBy(() -> NetworkSpec.Custom.of("x.Y", "decoder", new long[] {8}, new long[] {1}))
                .hasMessageContaining("network.role");
    }
}
