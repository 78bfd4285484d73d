package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.stablegan.api.NetworkSpec;
import org.junit.jupiter.api.Test;

/** A user's own architecture plugged in by class name. */
class CustomNetworksTests {
    /** A tiny MLP pair, as a user would write one. */
    public static final class TinyMlps implements ImageNetworkFactory {
        @Override
        public Block generator(int latentDim, int channels, int size, int width) {
            SequentialBlock g = new SequentialBlock();
            g.add(Linear.builder().setUnits(width).build());
            g.add(Activation.reluBlock());
            g.add(Linear.builder().setUnits((long) channels * size * size).build());
            g.add(Activation.tanhBlock());
            g.add(LambdaBlock.singleton(x -> x.reshape(-1, channels, size, size)));
            return g;
        }

        @Override
        public Block critic(int channels, int size, int width, NetworkSpec.Normalization normalization) {
            SequentialBlock d = new SequentialBlock();
            d.add(Blocks.batchFlattenBlock());
            d.add(Linear.builder().setUnits(width).build());
            d.add(Activation.reluBlock());
            d.add(Linear.builder().setUnits(1).build());
            return d;
        }
    }

    /** Builds a generator of the wrong size. */
    public static final class WrongSize implements ImageNetworkFactory {
        @Override
        public Block generator(int latentDim, int channels, int size, int width) {
            return new TinyMlps().generator(latentDim, channels, size / 2, width);
        }

        @Override
        public Block critic(int channels, int size, int width, NetworkSpec.Normalization normalization) {
            return new TinyMlps().critic(channels, size, width, normalization);
        }
    }

    @Test
    void aFactoryNamedInTheSpecBuildsBothNetworks() {
        NetworkSpec g = new NetworkSpec.CustomImageGenerator(TinyMlps.class.getName(), 8, 1, 8, 16);
        NetworkSpec d = new NetworkSpec.CustomImageCritic(TinyMlps.class.getName(), 1, 8, 16, NetworkSpec.Normalization.NONE);
        try (NDManager m = NDManager.newBaseManager()) {
            Block generator = Networks.build(g);
            Networks.initialize(generator, g, m);
            Block critic = Networks.build(d);
            Networks.initialize(critic, d, m);
            assertThat(Networks.parameters(generator)).hasSize(4);
        }
    }

    @Test
    void missingWrongAndMisshapenFactoriesAreNamed() {
        assertThatThrownBy(() -> Networks.build(new NetworkSpec.CustomImageGenerator("com.example.Missing", 8, 1, 8, 16)))
                .hasMessageContaining("com.example.Missing is not on the class path");
        assertThatThrownBy(() -> Networks.build(new NetworkSpec.CustomImageGenerator(String.class.getName(), 8, 1, 8, 16)))
                .hasMessageContaining("does not implement");
        NetworkSpec wrong = new NetworkSpec.CustomImageGenerator(WrongSize.class.getName(), 8, 1, 8, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Networks.initialize(Networks.build(wrong), wrong, m)).hasMessageContaining("[1, 8, 8] per example")
                    .hasMessageContaining("[1, 1, 4, 4]");
        }
        assertThatThrownBy(() -> new NetworkSpec.CustomImageGenerator("not a class", 8, 1, 8, 16)).hasMessageContaining("network.factory");
    }
}
