package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;

/**
 * Builds the {@link NetworkSpec.ImageGenerator} and {@link NetworkSpec.ImageCritic} families of WGAN-GP's
 * robustness experiment (Gulrajani et al. 2017, section 5.2, Figure 2), after the authors' {@code gan_64x64.py}.
 *
 * <p>Generator, {@code S = log2(size / 4)} stages, channels {@code c_i = width * 2^(S - 1 - i)}: linear
 * {@code latent -> 4*4*c_0}, reshape, then {@code S - 1} transposed 5x5 stride-2 convolutions {@code c_(i-1) -> c_i}
 * and a last one to the image channels with tanh. Per family: DCGAN has batch norm and ReLU after the linear layer and
 * every hidden convolution; the constant-filter family uses {@code c_i = width}, no batch norm; no-norm drops
 * batch norm; tanh replaces ReLU by tanh; gated layers produce twice the channels, batch-normalize them and
 * combine the pairs {@code (2k, 2k+1)} as {@code sigmoid(a) * tanh(b)}; the MLP family is 4 ReLU layers of 512,
 * a linear layer to {@code channels*size*size} and tanh.
 *
 * <p>Critic, channels {@code d_i = width * 2^i}: 5x5 stride-2 convolutions {@code channels -> d_0 -> ... -> d_(S-1)},
 * the spec's normalization after all but the first, leaky ReLU 0.2 (tanh for the tanh family; gated pairs for the
 * gated family), flatten, linear to 1 (minibatch discrimination in front of it when asked). Layers followed by a
 * normalization have no bias. Initialization: PyTorch's defaults ({@link Networks#torchDefault}).
 */
public final class ImageNetworks {
    /** Width of the MLP generator's hidden layers and their count (the paper's "4-layer 512-dim"). */
    static final int MLP_WIDTH = 512;
    static final int MLP_LAYERS = 4;

    private ImageNetworks() {}

    static Block generator(NetworkSpec.ImageGenerator spec) {
        ImageArchitecture a = spec.architecture();
        if (a == ImageArchitecture.MLP_GENERATOR) {
            return mlpGenerator(spec);
        }
        int stages = stages(spec.size());
        boolean bn = a == ImageArchitecture.DCGAN || a == ImageArchitecture.TANH || a == ImageArchitecture.GATED;
        int factor = a == ImageArchitecture.GATED ? 2 : 1;
        SequentialBlock net = new SequentialBlock();
        int c0 = generatorChannels(spec, 0, stages);
        net.add(Networks.torchDefault(Linear.builder().setUnits(16L * c0 * factor).optBias(!bn).build(), spec.latentDim()));
        net.add(LambdaBlock.singleton(x -> x.reshape(-1, (long) c0 * factor, 4, 4), "Reshape4x4"));
        addGeneratorActivation(net, a, bn);
        for (int i = 1; i < stages; i++) {
            net.add(Networks.upConvolution(generatorChannels(spec, i, stages) * factor, !bn));
            addGeneratorActivation(net, a, bn);
        }
        net.add(Networks.upConvolution(spec.channels(), true));
        net.add(Activation.tanhBlock());
        return net;
    }

    private static int generatorChannels(NetworkSpec.ImageGenerator spec, int stage, int stages) {
        return spec.architecture() == ImageArchitecture.NO_BN_CONSTANT_FILTERS ? spec.width() : spec.width() << (stages - 1 - stage);
    }

    private static void addGeneratorActivation(SequentialBlock net, ImageArchitecture a, boolean bn) {
        if (bn) {
            net.add(Networks.batchNorm());
        }
        switch (a) {
            case TANH -> net.add(Activation.tanhBlock());
            case GATED -> net.add(gate());
            default -> net.add(Activation.reluBlock());
        }
    }

    private static Block mlpGenerator(NetworkSpec.ImageGenerator spec) {
        SequentialBlock net = new SequentialBlock();
        long fanIn = spec.latentDim();
        for (int i = 0; i < MLP_LAYERS; i++) {
            net.add(Networks.torchDefault(Linear.builder().setUnits(MLP_WIDTH).build(), fanIn));
            net.add(Activation.reluBlock());
            fanIn = MLP_WIDTH;
        }
        long pixels = (long) spec.channels() * spec.size() * spec.size();
        net.add(Networks.torchDefault(Linear.builder().setUnits(pixels).build(), fanIn));
        net.add(Activation.tanhBlock());
        net.add(LambdaBlock.singleton(x -> x.reshape(-1, spec.channels(), spec.size(), spec.size()), "ReshapeImage"));
        return net;
    }

    static Block critic(NetworkSpec.ImageCritic spec, int kernels, int kernelDims) {
        ImageArchitecture a = spec.architecture();
        int stages = stages(spec.size());
        int factor = a == ImageArchitecture.GATED ? 2 : 1;
        SequentialBlock net = new SequentialBlock();
        int in = spec.channels();
        for (int i = 0; i < stages; i++) {
            int out = spec.width() << i;
            boolean normalized = i > 0 && spec.normalization() != NetworkSpec.Normalization.NONE;
            net.add(Networks.downConvolution(out * factor, in, !normalized));
            if (normalized) {
                net.add(spec.normalization() == NetworkSpec.Normalization.BATCH ? Networks.batchNorm() : new ChannelLayerNorm());
            }
            switch (a) {
                case TANH -> net.add(Activation.tanhBlock());
                case GATED -> net.add(gate());
                default -> net.add(Activation.leakyReluBlock(Networks.LEAKY_SLOPE));
            }
            in = out;
        }
        net.add(Blocks.batchFlattenBlock());
        if (kernels > 0) {
            net.add(new MinibatchDiscrimination(kernels, kernelDims));
        }
        net.add(Networks.torchDefault(Linear.builder().setUnits(1).build(), 16L * in + kernels));
        return net;
    }

    /** {@code log2(size / 4)}. */
    static int stages(int size) {
        return Integer.numberOfTrailingZeros(size / 4);
    }

    /**
     * The gated nonlinearity of PixelCNN (van den Oord et al. 2016) as WGAN-GP's family (4) uses it: channels in pairs
     * {@code (a, b) = (x_2k, x_2k+1)}, output {@code sigmoid(a) * tanh(b)} with half the channels.
     */
    static Block gate() {
        return LambdaBlock.singleton(ImageNetworks::gated, "GatedPairs");
    }

    static NDArray gated(NDArray x) {
        long[] dims = x.getShape().getShape();
        long[] paired = new long[dims.length + 1];
        paired[0] = dims[0];
        paired[1] = dims[1] / 2;
        paired[2] = 2;
        System.arraycopy(dims, 2, paired, 3, dims.length - 2);
        NDArray pairs = x.reshape(paired);
        NDArray a = pairs.get(":, :, 0");
        NDArray b = pairs.get(":, :, 1");
        return Activation.sigmoid(a).mul(Activation.tanh(b));
    }
}
