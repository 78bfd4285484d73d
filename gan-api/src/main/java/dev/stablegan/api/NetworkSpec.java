package dev.stablegan.api;

import java.util.Arrays;
import java.util.List;

/**
 * The architecture of one player, enough to rebuild it from a checkpoint. Shapes exclude the batch axis.
 */
public sealed interface NetworkSpec {

    /** Shape of one input example (for a generator: the latent vector). */
    long[] inputShape();

    /** Shape of one output example (for a critic: {@code [1]}). */
    long[] outputShape();

    /**
     * A ReLU multilayer perceptron: {@code hiddenLayers} layers of {@code width} units, then a linear output
     * (the toy networks of WGAN-GP section 3: 3 hidden layers of 512; Figure 1b: 12 layers).
     */
    record Mlp(int inputDim, int width, int hiddenLayers, int outputDim) implements NetworkSpec {
        public Mlp {
            SpecChecks.positive("network.inputDim", inputDim);
            SpecChecks.positive("network.width", width);
            SpecChecks.positive("network.hiddenLayers", hiddenLayers);
            SpecChecks.positive("network.outputDim", outputDim);
        }

        @Override
        public long[] inputShape() {
            return new long[] {inputDim};
        }

        @Override
        public long[] outputShape() {
            return new long[] {outputDim};
        }
    }

    /**
     * DCGAN generator for 32x32 images (Radford et al. 2016): linear to {@code 4x4x4w}, batch norm and
     * ReLU, then transposed 5x5 stride-2 convolutions to {@code 2w}, {@code w}, {@code channels}, tanh.
     */
    record Dcgan32Generator(int latentDim, int channels, int width) implements NetworkSpec {
        public Dcgan32Generator {
            SpecChecks.positive("network.latentDim", latentDim);
            SpecChecks.positive("network.channels", channels);
            SpecChecks.positive("network.width", width);
        }

        @Override
        public long[] inputShape() {
            return new long[] {latentDim};
        }

        @Override
        public long[] outputShape() {
            return new long[] {channels, 32, 32};
        }
    }

    /**
     * DCGAN critic for 32x32 images without batch norm (a per-example gradient penalty forbids it):
     * 5x5 stride-2 convolutions to {@code w}, {@code 2w}, {@code 4w} with leaky ReLU 0.2, then linear to 1.
     */
    record Dcgan32Critic(int channels, int width) implements NetworkSpec {
        public Dcgan32Critic {
            SpecChecks.positive("network.channels", channels);
            SpecChecks.positive("network.width", width);
        }

        @Override
        public long[] inputShape() {
            return new long[] {channels, 32, 32};
        }

        @Override
        public long[] outputShape() {
            return new long[] {1};
        }
    }

    /**
     * The character-level generator of WGAN-GP's language model (Gulrajani et al. 2017, section 5.5 and appendix;
     * the authors' {@code gan_language.py}): linear {@code latent -> dim * length}, reshaped to {@code [dim, length]},
     * {@code blocks} residual blocks {@code x + 0.3 * conv(relu(conv(relu(x))))} of 1-D convolutions with kernel 5, a
     * 1x1 convolution to {@code vocab} channels and a softmax over the vocabulary at every position. Its output
     * {@code [vocab, length]} is a continuous relaxation of a one-hot sentence: no sampling step.
     */
    record CharResNetGenerator(int latentDim, int vocab, int length, int dim, int blocks) implements NetworkSpec {
        public CharResNetGenerator {
            SpecChecks.positive("network.latentDim", latentDim);
            SpecChecks.positive("network.vocab", vocab);
            SpecChecks.positive("network.length", length);
            SpecChecks.positive("network.dim", dim);
            SpecChecks.nonNegative("network.blocks", blocks);
        }

        @Override
        public long[] inputShape() {
            return new long[] {latentDim};
        }

        @Override
        public long[] outputShape() {
            return new long[] {vocab, length};
        }
    }

    /**
     * The critic of WGAN-GP's language model: a 1x1 convolution from {@code vocab} channels (one-hot or softmax
     * sentences {@code [vocab, length]}) to {@code dim}, {@code blocks} residual blocks as in
     * {@link CharResNetGenerator}, flatten, linear to 1. No normalization (the gradient penalty is per example).
     */
    record CharResNetCritic(int vocab, int length, int dim, int blocks) implements NetworkSpec {
        public CharResNetCritic {
            SpecChecks.positive("network.vocab", vocab);
            SpecChecks.positive("network.length", length);
            SpecChecks.positive("network.dim", dim);
            SpecChecks.nonNegative("network.blocks", blocks);
        }

        @Override
        public long[] inputShape() {
            return new long[] {vocab, length};
        }

        @Override
        public long[] outputShape() {
            return new long[] {1};
        }
    }

    /** How a critic normalizes its hidden convolutions. */
    enum Normalization {
        /** Batch norm: examples interact, so not with a per-example gradient penalty. */
        BATCH,
        /** Layer norm per example over channels and positions, with a per-channel scale and shift (WGAN-GP's choice). */
        LAYER,
        NONE
    }

    /**
     * A generator of {@code size x size} images from one {@link ImageArchitecture} family. The convolutional
     * families start from {@code 4x4} and double the resolution {@code log2(size / 4)} times with 5x5 stride-2
     * transposed convolutions, halving the channels from {@code width * size / 8} to {@code width} (the
     * constant-filter family keeps {@code width}); the last layer maps to {@code channels} with tanh.
     */
    record ImageGenerator(ImageArchitecture architecture, int latentDim, int channels, int size, int width) implements NetworkSpec {
        public ImageGenerator {
            SpecChecks.notNull("network.architecture", architecture);
            SpecChecks.positive("network.latentDim", latentDim);
            SpecChecks.positive("network.channels", channels);
            checkImageSize(size);
            SpecChecks.positive("network.width", width);
            checkResNetWidth(architecture, width);
        }

        @Override
        public long[] inputShape() {
            return new long[] {latentDim};
        }

        @Override
        public long[] outputShape() {
            return new long[] {channels, size, size};
        }
    }

    /**
     * A critic of {@code size x size} images from one {@link ImageArchitecture} family: 5x5 stride-2 convolutions
     * from {@code width} channels, doubling to {@code width * size / 8} at {@code 4x4}, the spec's normalization
     * after every convolution but the first, flatten, linear to 1. {@link ImageArchitecture#NO_NORMALIZATION}
     * requires {@link Normalization#NONE}.
     */
    record ImageCritic(ImageArchitecture architecture, int channels, int size, int width, Normalization normalization)
            implements NetworkSpec {
        public ImageCritic {
            SpecChecks.notNull("network.architecture", architecture);
            SpecChecks.positive("network.channels", channels);
            checkImageSize(size);
            SpecChecks.positive("network.width", width);
            SpecChecks.notNull("network.normalization", normalization);
            checkResNetWidth(architecture, width);
            if (architecture == ImageArchitecture.NO_NORMALIZATION && normalization != Normalization.NONE) {
                throw new IllegalArgumentException("network.normalization: the " + architecture.id()
                        + " architecture has no normalization, got " + normalization);
            }
        }

        @Override
        public long[] inputShape() {
            return new long[] {channels, size, size};
        }

        @Override
        public long[] outputShape() {
            return new long[] {1};
        }
    }

    private static void checkResNetWidth(ImageArchitecture architecture, int width) {
        if (architecture == ImageArchitecture.RESNET && width % 4 != 0) {
            throw new IllegalArgumentException("network.width: the resnet family halves it at full resolution and again inside its"
                    + " bottlenecks, so it must be a multiple of 4, got " + width);
        }
    }

    /** Image sides the 4x4-doubling networks reach: {@code 4 * 2^k}, {@code k >= 1}. */
    private static void checkImageSize(int size) {
        if (size < 8 || size % 4 != 0 || Integer.bitCount(size / 4) != 1) {
            throw new IllegalArgumentException("network.size: must be 4 times a power of two, at least 8 (e.g. 32 or 64), got " + size);
        }
    }

    /**
     * A user's own image generator, built by the public class {@code factory} (an implementation of gan-djl's
     * {@code ImageNetworkFactory} with a public no-argument constructor), for {@code size x size} images of
     * {@code channels} from a latent vector of {@code latentDim}; {@code width} is passed on for the factory to use.
     */
    record CustomImageGenerator(String factory, int latentDim, int channels, int size, int width) implements NetworkSpec {
        public CustomImageGenerator {
            checkFactoryName(factory);
            SpecChecks.positive("network.latentDim", latentDim);
            SpecChecks.positive("network.channels", channels);
            SpecChecks.positive("network.size", size);
            SpecChecks.positive("network.width", width);
        }

        @Override
        public long[] inputShape() {
            return new long[] {latentDim};
        }

        @Override
        public long[] outputShape() {
            return new long[] {channels, size, size};
        }
    }

    /** A user's own critic from the same factory class as {@link CustomImageGenerator}, told which normalization to use. */
    record CustomImageCritic(String factory, int channels, int size, int width, Normalization normalization) implements NetworkSpec {
        public CustomImageCritic {
            checkFactoryName(factory);
            SpecChecks.positive("network.channels", channels);
            SpecChecks.positive("network.size", size);
            SpecChecks.positive("network.width", width);
            SpecChecks.notNull("network.normalization", normalization);
        }

        @Override
        public long[] inputShape() {
            return new long[] {channels, size, size};
        }

        @Override
        public long[] outputShape() {
            return new long[] {1};
        }
    }

    /**
     * An application's own network for any data shape, built by its factory class (a {@code NetworkFactory} of
     * gan-djl, named by class so that checkpoints load it again) for one example of {@code inputShape} to one of
     * {@code outputShape}: a generator's input is its latent vector, a critic's output {@code [1]}.
     *
     * @param role {@code generator} or {@code critic}, passed to the factory
     */
    record Custom(String factory, String role, List<Long> input, List<Long> output) implements NetworkSpec {
        public Custom {
            checkFactoryName(factory);
            if (!"generator".equals(role) && !"critic".equals(role)) {
                throw new IllegalArgumentException("network.role: must be generator or critic, got '" + role + "'");
            }
            input = checkedShape("network.input", input);
            output = checkedShape("network.output", output);
        }

        /** A custom network from shapes as arrays. */
        public static Custom of(String factory, String role, long[] inputShape, long[] outputShape) {
            return new Custom(factory, role, Arrays.stream(inputShape).boxed().toList(), Arrays.stream(outputShape).boxed().toList());
        }

        @Override
        public long[] inputShape() {
            return input.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        public long[] outputShape() {
            return output.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static List<Long> checkedShape(String field, List<Long> shape) {
        if (shape == null || shape.isEmpty() || shape.stream().anyMatch(d -> d == null || d < 1)) {
            throw new IllegalArgumentException(field + ": must be a non-empty shape of positive sizes, got " + shape);
        }
        return List.copyOf(shape);
    }

    private static void checkFactoryName(String factory) {
        if (factory == null || !factory.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
            throw new IllegalArgumentException("network.factory: not a Java class name: '" + factory + "'");
        }
    }

    /** Readable shape, as in error messages: {@code [3, 32, 32]}. */
    static String describe(long[] shape) {
        return Arrays.toString(shape);
    }
}
