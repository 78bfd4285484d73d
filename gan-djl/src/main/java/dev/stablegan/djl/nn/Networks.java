package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.Pair;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.TechniquesSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds and initializes the networks a {@link NetworkSpec} describes, as DJL blocks with PyTorch's defaults.
 *
 * <ul>
 *   <li>{@link NetworkSpec.Mlp}: {@code hiddenLayers} times (Linear to {@code width}, ReLU), then Linear to
 *       {@code outputDim} (the toy networks of WGAN-GP, Gulrajani et al. 2017, section 3 and Figure 1).
 *   <li>{@link NetworkSpec.Dcgan32Generator} (Radford et al. 2016, in the 32x32 form of WGAN-GP's CIFAR-10
 *       experiments): Linear
 *       {@code latent -> 4*4*4w}, BatchNorm, ReLU, reshape to {@code [4w, 4, 4]}, then transposed 5x5 stride-2
 *       convolutions (padding 2, output padding 1) to {@code 2w} at 8x8 and {@code w} at 16x16, each with
 *       BatchNorm and ReLU, and to {@code channels} at 32x32 with tanh.
 *   <li>{@link NetworkSpec.Dcgan32Critic}: 5x5 stride-2 convolutions (padding 2) to {@code w} at 16x16,
 *       {@code 2w} at 8x8, {@code 4w} at 4x4, each with leaky ReLU 0.2, flatten, Linear to 1; no batch norm
 *       (the gradient penalty is per example).
 *   <li>{@link NetworkSpec.CharResNetGenerator} and {@link NetworkSpec.CharResNetCritic} (WGAN-GP section 5.5):
 *       1-D convolutions over the {@code length} positions with "same" padding, kernel 5 inside the
 *       {@link ScaledResidual} blocks ({@code x + 0.3 * conv(relu(conv(relu(x))))}), kernel 1 to and from the
 *       vocabulary; the generator ends in a softmax over the vocabulary axis.
 * </ul>
 *
 * <p>{@link #buildCritic} and {@link #buildGenerator} add the Improved-GAN layers a {@link TechniquesSpec} asks for.
 *
 * <p>Initialization follows PyTorch's {@code reset_parameters}: weights and biases of Linear and
 * (transposed) convolutions are {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))} with PyTorch's fan-in
 * ({@code in}, {@code inChannels*k*k}, and {@code outChannels*k*k} for a transposed convolution); BatchNorm
 * starts at {@code gamma = 1, beta = 0} with {@code eps = 1e-5} and DJL momentum 0.9 (PyTorch's 0.1). Layers
 * followed by BatchNorm have no bias: the normalization subtracts it again, so it would get no gradient.
 * Random values come from the engine's generator: {@code Engine.getInstance().setRandomSeed(seed)} before
 * {@link #initialize} makes them reproducible.
 */
public final class Networks {

    private static final float BATCH_NORM_MOMENTUM = 0.9f; // DJL's convention: PyTorch momentum 0.1
    private static final float BATCH_NORM_EPSILON = 1e-5f;
    static final float LEAKY_SLOPE = 0.2f;
    private static final Shape KERNEL = new Shape(5, 5);
    private static final Shape STRIDE = new Shape(2, 2);
    private static final Shape PADDING = new Shape(2, 2);
    private static final int TEXT_KERNEL = 5;
    private static final double TEXT_RESIDUAL_SCALE = 0.3;

    private Networks() {}

    /** A new, uninitialized block for {@code spec}; see {@link #initialize}. */
    public static Block build(NetworkSpec spec) {
        return build(spec, 0, 0, 0);
    }

    /**
     * The critic for {@code spec} with the techniques' minibatch discrimination (if on) in front of its last linear
     * layer, whose fan-in grows by the B kernels. A {@link SequentialBlock}: see {@link #featureLayers}.
     */
    public static Block buildCritic(NetworkSpec spec, TechniquesSpec techniques) {
        return build(spec, techniques.minibatchKernels(), techniques.minibatchKernelDims(), 0);
    }

    /**
     * The generator for {@code spec}, with {@link VirtualBatchNorm} of the techniques' reference size in place of
     * every batch norm when virtual batch norm is on; such a network expects the R reference rows first: wrap it in
     * a {@link ReferenceBatch}.
     */
    public static Block buildGenerator(NetworkSpec spec, TechniquesSpec techniques) {
        return build(spec, 0, 0, techniques.virtualBatchReference());
    }

    /**
     * How many leading children of a critic from {@link #buildCritic} compute the features of feature matching: all
     * but its last linear layer and the minibatch discrimination before it.
     */
    public static int featureLayers(Block critic, TechniquesSpec techniques) {
        return critic.getChildren().size() - (techniques.minibatchDiscrimination() ? 2 : 1);
    }

    private static Block build(NetworkSpec spec, int kernels, int kernelDims, int reference) {
        if (spec instanceof NetworkSpec.Mlp mlp) {
            return mlp(mlp, kernels, kernelDims);
        } else if (spec instanceof NetworkSpec.Dcgan32Generator generator) {
            return dcgan32Generator(generator, reference);
        } else if (spec instanceof NetworkSpec.Dcgan32Critic critic) {
            return dcgan32Critic(critic, kernels, kernelDims);
        } else if (spec instanceof NetworkSpec.ImageGenerator generator) {
            if (reference > 0) {
                throw new IllegalArgumentException("techniques.virtualBatchReference: virtual batch norm replaces the batch norms"
                        + " of Dcgan32Generator only");
            }
            return ImageNetworks.generator(generator);
        } else if (spec instanceof NetworkSpec.ImageCritic critic) {
            return ImageNetworks.critic(critic, kernels, kernelDims);
        } else if (spec instanceof NetworkSpec.CustomImageGenerator g) {
            if (reference > 0) {
                throw new IllegalArgumentException("techniques.virtualBatchReference: virtual batch norm replaces the batch norms"
                        + " of Dcgan32Generator only");
            }
            return ImageNetworkFactory.load(g.factory()).generator(g.latentDim(), g.channels(), g.size(), g.width());
        } else if (spec instanceof NetworkSpec.CustomImageCritic c) {
            if (kernels > 0) {
                throw new IllegalArgumentException("techniques.minibatchKernels: minibatch discrimination cannot be inserted into a"
                        + " custom critic (" + c.factory() + ")");
            }
            return ImageNetworkFactory.load(c.factory()).critic(c.channels(), c.size(), c.width(), c.normalization());
        } else if (spec instanceof NetworkSpec.Custom c) {
            if (kernels > 0 || reference > 0) {
                throw new IllegalArgumentException("techniques: minibatch discrimination and virtual batch norm cannot be inserted into an"
                        + " application's network (" + c.factory() + ")");
            }
            return NetworkFactory.load(c.factory()).build(c.role(), c.inputShape(), c.outputShape());
        } else if (spec instanceof NetworkSpec.CharResNetGenerator generator) {
            return charResNetGenerator(generator);
        } else if (spec instanceof NetworkSpec.CharResNetCritic critic) {
            return charResNetCritic(critic, kernels, kernelDims);
        }
        throw new IllegalArgumentException("network: unsupported spec " + spec);
    }

    /**
     * Creates {@code block}'s parameters on {@code manager} (float32) for inputs of {@code spec}'s shape; the
     * batch size does not matter. Seed the engine first for reproducible values.
     */
    public static void initialize(Block block, NetworkSpec spec, NDManager manager) {
        long[] example = spec.inputShape();
        long[] withBatch = new long[example.length + 1];
        withBatch[0] = 1;
        System.arraycopy(example, 0, withBatch, 1, example.length);
        block.initialize(manager, DataType.FLOAT32, new Shape(withBatch));
        long[] out = block.getOutputShapes(new Shape[] {new Shape(withBatch)})[0].getShape();
        long[] expected = spec.outputShape();
        if (out.length != expected.length + 1 || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(out, 1, out.length), expected)) {
            throw new IllegalArgumentException("network: " + spec + " was built with output shape " + java.util.Arrays.toString(out)
                    + " for a batch of 1; the spec says " + NetworkSpec.describe(expected) + " per example");
        }
    }

    /**
     * The block's parameters by their full names (such as {@code 01Linear_weight}), sorted by name. DJL
     * numbers children with two digits, so this is also the layer order. Includes BatchNorm's running
     * statistics, which do not require a gradient.
     */
    public static Map<String, Parameter> namedParameters(Block block) {
        List<Pair<String, Parameter>> pairs = new ArrayList<>();
        block.getParameters().forEach(pairs::add);
        pairs.sort(Comparator.comparing(Pair::getKey));
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : pairs) {
            if (named.put(pair.getKey(), pair.getValue()) != null) {
                throw new IllegalStateException("network: two parameters named " + pair.getKey());
            }
        }
        return named;
    }

    /** The values of {@link #namedParameters}, in the same stable order. */
    public static List<Parameter> parameters(Block block) {
        return new ArrayList<>(namedParameters(block).values());
    }

    /** Loaded arrays are new tensors without autograd: gives the trainable ones among {@code parameters} theirs again. */
    public static void restoreGradientFlags(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
    }

    /**
     * Runs a block built from a {@link NetworkSpec.Mlp} and keeps every hidden layer's output, with a probe
     * per layer whose gradient after backward is the loss gradient of that output; see {@link MlpTrace}.
     * Inside a {@code GradientCollector} the probes take part in the graph like any input.
     */
    public static MlpTrace forwardWithActivations(
            Block mlp, ParameterStore parameterStore, NDArray input, boolean training) {
        List<Block> layers = mlpLayers(mlp);
        List<NDArray> activations = new ArrayList<>();
        List<NDArray> probes = new ArrayList<>();
        NDArray x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(parameterStore, new NDList(x), training).singletonOrThrow();
            if (i % 2 == 1) { // after each hidden layer's activation
                NDArray probe = x.getManager().zeros(x.getShape(), x.getDataType(), x.getDevice());
                probe.setRequiresGradient(true);
                x = x.add(probe);
                activations.add(x);
                probes.add(probe);
            }
        }
        return new MlpTrace(x, activations, probes);
    }

    private static List<Block> mlpLayers(Block mlp) {
        List<Block> layers = new ArrayList<>(mlp.getChildren().values());
        boolean shaped = mlp instanceof SequentialBlock && layers.size() % 2 == 1;
        for (int i = 0; shaped && i < layers.size(); i++) {
            shaped = (layers.get(i) instanceof Linear) == (i % 2 == 0);
        }
        if (!shaped) {
            throw new IllegalArgumentException(
                    "forwardWithActivations: expected a block built from NetworkSpec.Mlp, got " + mlp);
        }
        return layers;
    }

    private static Block mlp(NetworkSpec.Mlp spec, int kernels, int kernelDims) {
        SequentialBlock net = new SequentialBlock();
        long fanIn = spec.inputDim();
        for (int i = 0; i < spec.hiddenLayers(); i++) {
            net.add(torchDefault(Linear.builder().setUnits(spec.width()).build(), fanIn));
            net.add(Activation.reluBlock());
            fanIn = spec.width();
        }
        if (kernels > 0) {
            net.add(new MinibatchDiscrimination(kernels, kernelDims));
            fanIn += kernels;
        }
        net.add(torchDefault(Linear.builder().setUnits(spec.outputDim()).build(), fanIn));
        return net;
    }

    private static Block dcgan32Generator(NetworkSpec.Dcgan32Generator spec, int reference) {
        int w = spec.width();
        SequentialBlock net = new SequentialBlock();
        net.add(torchDefault(Linear.builder().setUnits(4L * 4 * 4 * w).optBias(false).build(), spec.latentDim()));
        net.add(reference > 0 ? new VirtualBatchNorm(reference) : batchNorm());
        net.add(Activation.reluBlock());
        net.add(LambdaBlock.singleton(x -> x.reshape(-1, 4L * w, 4, 4), "Reshape4x4"));
        net.add(upConvolution(2 * w, false));
        net.add(reference > 0 ? new VirtualBatchNorm(reference) : batchNorm());
        net.add(Activation.reluBlock());
        net.add(upConvolution(w, false));
        net.add(reference > 0 ? new VirtualBatchNorm(reference) : batchNorm());
        net.add(Activation.reluBlock());
        net.add(upConvolution(spec.channels(), true));
        net.add(Activation.tanhBlock());
        return net;
    }

    private static Block dcgan32Critic(NetworkSpec.Dcgan32Critic spec, int kernels, int kernelDims) {
        int w = spec.width();
        SequentialBlock net = new SequentialBlock();
        net.add(downConvolution(w, spec.channels()));
        net.add(Activation.leakyReluBlock(LEAKY_SLOPE));
        net.add(downConvolution(2 * w, w));
        net.add(Activation.leakyReluBlock(LEAKY_SLOPE));
        net.add(downConvolution(4 * w, 2 * w));
        net.add(Activation.leakyReluBlock(LEAKY_SLOPE));
        net.add(Blocks.batchFlattenBlock());
        if (kernels > 0) {
            net.add(new MinibatchDiscrimination(kernels, kernelDims));
        }
        net.add(torchDefault(Linear.builder().setUnits(1).build(), 4L * 4 * 4 * w + kernels));
        return net;
    }

    private static Block charResNetGenerator(NetworkSpec.CharResNetGenerator spec) {
        int d = spec.dim();
        int length = spec.length();
        SequentialBlock net = new SequentialBlock();
        net.add(torchDefault(Linear.builder().setUnits((long) d * length).build(), spec.latentDim()));
        net.add(LambdaBlock.singleton(x -> x.reshape(-1, d, length), "ReshapeDimLength"));
        for (int i = 0; i < spec.blocks(); i++) {
            net.add(textResidual(d));
        }
        net.add(textConvolution(spec.vocab(), d, 1));
        net.add(LambdaBlock.singleton(x -> x.softmax(1), "SoftmaxOverVocabulary"));
        return net;
    }

    private static Block charResNetCritic(NetworkSpec.CharResNetCritic spec, int kernels, int kernelDims) {
        int d = spec.dim();
        SequentialBlock net = new SequentialBlock();
        net.add(textConvolution(d, spec.vocab(), 1));
        for (int i = 0; i < spec.blocks(); i++) {
            net.add(textResidual(d));
        }
        net.add(Blocks.batchFlattenBlock());
        if (kernels > 0) {
            net.add(new MinibatchDiscrimination(kernels, kernelDims));
        }
        net.add(torchDefault(Linear.builder().setUnits(1).build(), (long) d * spec.length() + kernels));
        return net;
    }

    /** {@code x + 0.3 * conv5(relu(conv5(relu(x))))}, the authors' {@code ResBlock}. */
    private static Block textResidual(int dim) {
        SequentialBlock branch = new SequentialBlock();
        branch.add(Activation.reluBlock());
        branch.add(textConvolution(dim, dim, TEXT_KERNEL));
        branch.add(Activation.reluBlock());
        branch.add(textConvolution(dim, dim, TEXT_KERNEL));
        return new ScaledResidual(branch, TEXT_RESIDUAL_SCALE);
    }

    /** A 1-D convolution with "same" padding (odd kernels). */
    private static Block textConvolution(int outChannels, int inChannels, int kernel) {
        Block conv = Conv1d.builder()
                .setKernelShape(new Shape(kernel))
                .setFilters(outChannels)
                .optPadding(new Shape(kernel / 2))
                .build();
        return torchDefault(conv, (long) inChannels * kernel);
    }

    static Block upConvolution(int outChannels, boolean bias) {
        // ConvTranspose2d starts from PyTorch's bounds itself (fan-in outChannels * 25).
        return ConvTranspose2d.builder()
                .setKernelShape(KERNEL)
                .setFilters(outChannels)
                .optStride(STRIDE)
                .optPadding(PADDING)
                .optOutPadding(new Shape(1, 1))
                .optBias(bias)
                .build();
    }

    static Block downConvolution(int outChannels, int inChannels) {
        return downConvolution(outChannels, inChannels, true);
    }

    /** A 5x5 stride-2 convolution; without a bias when a normalization follows. */
    static Block downConvolution(int outChannels, int inChannels, boolean bias) {
        Block conv = Conv2d.builder()
                .setKernelShape(KERNEL)
                .setFilters(outChannels)
                .optStride(STRIDE)
                .optPadding(PADDING)
                .optBias(bias)
                .build();
        return torchDefault(conv, inChannels * KERNEL.size());
    }

    static Block batchNorm() {
        return BatchNorm.builder()
                .optAxis(1)
                .optMomentum(BATCH_NORM_MOMENTUM)
                .optEpsilon(BATCH_NORM_EPSILON)
                .build();
    }

    /**
     * Gives {@code layer} PyTorch's default initialization for Linear and Conv: weight and bias uniform in
     * {@code +-1/sqrt(fanIn)}. Returns {@code layer}.
     */
    public static Block torchDefault(Block layer, long fanIn) {
        UniformInitializer init = new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
        layer.setInitializer(init, Parameter.Type.WEIGHT);
        layer.setInitializer(init, Parameter.Type.BIAS);
        return layer;
    }
}
