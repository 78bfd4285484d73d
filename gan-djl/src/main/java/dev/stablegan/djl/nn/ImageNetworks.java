package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.djl.TensorConstants;

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
 * a linear layer to {@code channels*size*size} and tanh; the ResNet family is described at {@code resnetGenerator}.
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
        if (a == ImageArchitecture.RESNET) {
            return resnetGenerator(spec);
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
        if (a == ImageArchitecture.RESNET) {
            return resnetCritic(spec, kernels, kernelDims);
        }
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

    /** Plain bottleneck blocks per resolution level, and at full resolution (the authors' 6 and 5: 101 layers at 64x64). */
    static final int RESNET_BLOCKS = 6;
    static final int RESNET_BLOCKS_FULL_RESOLUTION = 5;
    /** The authors divide the ResNets' pre-tanh output and critic score by 5. */
    static final float RESNET_OUTPUT_DIVISOR = 5f;

    /**
     * {@value #RESNET_OUTPUT_DIVISOR} as a tensor libtorch owns: {@code x.div(5f)} would hand autograd a scalar over a
     * Java buffer that the garbage collector may free before backward reads it (see {@link TensorConstants}).
     */
    private static NDArray divisor(NDArray x) {
        return TensorConstants.scalar(x.getManager(), RESNET_OUTPUT_DIVISOR, x.getDataType());
    }

    private enum Resample { NONE, UP, DOWN }

    /**
     * Levels {@code i = 0..S} at {@code 4 * 2^i} pixels with {@code c_i = width * 2^(S-1-i)} channels ({@code width / 2} at
     * full resolution): linear to {@code 4*4*c_0}, 6 blocks, then per level an up-sampling block and 6 blocks (5 at full
     * resolution), a 1x1 convolution to the image channels, {@code tanh(x / 5)}.
     */
    private static Block resnetGenerator(NetworkSpec.ImageGenerator spec) {
        int stages = stages(spec.size());
        SequentialBlock net = new SequentialBlock();
        int c0 = spec.width() << (stages - 1);
        net.add(Networks.torchDefault(Linear.builder().setUnits(16L * c0).build(), spec.latentDim()));
        net.add(LambdaBlock.singleton(x -> x.reshape(-1, c0, 4, 4), "Reshape4x4"));
        int c = c0;
        for (int level = 0; level <= stages; level++) {
            int out = level == stages ? spec.width() / 2 : spec.width() << (stages - 1 - level);
            if (level > 0) {
                net.add(bottleneck(c, out, Resample.UP, NetworkSpec.Normalization.BATCH));
                c = out;
            }
            int blocks = level == stages ? RESNET_BLOCKS_FULL_RESOLUTION : RESNET_BLOCKS;
            for (int b = 0; b < blocks; b++) {
                net.add(bottleneck(c, c, Resample.NONE, NetworkSpec.Normalization.BATCH));
            }
        }
        net.add(convolution(spec.channels(), c, 1, 1, true));
        net.add(LambdaBlock.singleton(x -> Activation.tanh(x.div(divisor(x))), "TanhOfFifth"));
        return net;
    }

    /** The generator mirrored: 1x1 convolution in, 5 blocks at full resolution, down-sampling blocks, linear out, divided by 5. */
    private static Block resnetCritic(NetworkSpec.ImageCritic spec, int kernels, int kernelDims) {
        int stages = stages(spec.size());
        SequentialBlock net = new SequentialBlock();
        int c = spec.width() / 2;
        net.add(convolution(c, spec.channels(), 1, 1, true));
        for (int level = stages; level >= 0; level--) {
            if (level < stages) {
                int out = spec.width() << (stages - 1 - level);
                net.add(bottleneck(c, out, Resample.DOWN, spec.normalization()));
                c = out;
            }
            int blocks = level == stages ? RESNET_BLOCKS_FULL_RESOLUTION : RESNET_BLOCKS;
            for (int b = 0; b < blocks; b++) {
                net.add(bottleneck(c, c, Resample.NONE, spec.normalization()));
            }
        }
        net.add(Blocks.batchFlattenBlock());
        if (kernels > 0) {
            net.add(new MinibatchDiscrimination(kernels, kernelDims));
        }
        net.add(Networks.torchDefault(Linear.builder().setUnits(1).build(), 16L * c + kernels));
        net.add(LambdaBlock.singleton(x -> x.div(divisor(x)), "Fifth"));
        return net;
    }

    /**
     * The authors' {@code BottleneckResidualBlock}: {@code s(x) + 0.3 * norm(conv1x1(relu(conv3x3(relu(conv1x1(relu(x)))))))}
     * through {@code in/2} and {@code out/2} channels, the 3x3 convolution strided (down) or transposed (up) when the
     * block resamples; the shortcut is the identity, or a 1x1 convolution (strided for down, a sub-pixel convolution for
     * up) when the shape changes.
     */
    private static Block bottleneck(int in, int out, Resample resample, NetworkSpec.Normalization normalization) {
        SequentialBlock branch = new SequentialBlock();
        branch.add(Activation.reluBlock());
        branch.add(convolution(in / 2, in, 1, 1, true));
        branch.add(Activation.reluBlock());
        branch.add(switch (resample) {
            case NONE -> convolution(out / 2, in / 2, 3, 1, true);
            case DOWN -> convolution(out / 2, in / 2, 3, 2, true);
            case UP -> ConvTranspose2d.builder().setKernelShape(new Shape(3, 3)).setFilters(out / 2).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).optOutPadding(new Shape(1, 1)).build();
        });
        branch.add(Activation.reluBlock());
        boolean normalized = normalization != NetworkSpec.Normalization.NONE;
        branch.add(convolution(out, out / 2, 1, 1, !normalized));
        if (normalized) {
            branch.add(normalization == NetworkSpec.Normalization.BATCH ? Networks.batchNorm() : new ChannelLayerNorm());
        }
        Block shortcut = switch (resample) {
            case NONE -> in == out ? null : convolution(out, in, 1, 1, true);
            case DOWN -> convolution(out, in, 1, 2, true);
            case UP -> subpixel(out, in);
        };
        return new ScaledResidual(shortcut, branch, 0.3);
    }

    /** A 1x1 convolution to {@code 4 * out} channels rearranged into twice the resolution (TensorFlow's {@code depth_to_space}). */
    private static Block subpixel(int out, int in) {
        SequentialBlock block = new SequentialBlock();
        block.add(convolution(4 * out, in, 1, 1, true));
        block.add(LambdaBlock.singleton(x -> depthToSpace(x, out), "DepthToSpace"));
        return block;
    }

    /** {@code (N, 4C, H, W) -> (N, C, 2H, 2W)}: {@code y[n, c, 2h + i, 2w + j] = x[n, (2i + j) C + c, h, w]}. */
    static NDArray depthToSpace(NDArray x, int channels) {
        long n = x.getShape().get(0);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        return x.reshape(n, 2, 2, channels, h, w).transpose(0, 3, 4, 1, 5, 2).reshape(n, channels, 2 * h, 2 * w);
    }

    private static Block convolution(int out, int in, int kernel, int stride, boolean bias) {
        Block conv = Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(out).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).optBias(bias).build();
        return Networks.torchDefault(conv, (long) in * kernel * kernel);
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
