package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.djl.testing.WithManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworksTests extends WithManager {

    private static final NetworkSpec.Mlp MLP = new NetworkSpec.Mlp(2, 16, 3, 1);
    private static final NetworkSpec.Dcgan32Generator GENERATOR = new NetworkSpec.Dcgan32Generator(8, 3, 4);
    private static final NetworkSpec.Dcgan32Critic CRITIC = new NetworkSpec.Dcgan32Critic(3, 4);
    private static final NetworkSpec.CharResNetGenerator TEXT_GENERATOR = new NetworkSpec.CharResNetGenerator(8, 7, 6, 4, 2);
    private static final NetworkSpec.CharResNetCritic TEXT_CRITIC = new NetworkSpec.CharResNetCritic(7, 6, 4, 2);


    static Stream<NetworkSpec> specs() {
        // The ResNets' bottlenecks quarter the width: at 4 a single ReLU channel may be dead for a whole batch.
        Stream<NetworkSpec> image = Stream.of(ImageArchitecture.values()).flatMap(a -> Stream.of(
                new NetworkSpec.ImageGenerator(a, 8, 3, 16, a == ImageArchitecture.RESNET ? 16 : 4),
                new NetworkSpec.ImageCritic(a, 3, 16, a == ImageArchitecture.RESNET ? 16 : 4, a == ImageArchitecture.NO_NORMALIZATION
                        ? NetworkSpec.Normalization.NONE : NetworkSpec.Normalization.LAYER)));
        return Stream.concat(Stream.of(MLP, GENERATOR, CRITIC, TEXT_GENERATOR, TEXT_CRITIC,
                new NetworkSpec.ImageCritic(ImageArchitecture.DCGAN, 1, 32, 4, NetworkSpec.Normalization.BATCH)), image);
    }

    /** The network of {@code spec}, built and initialized in the test's manager. */
    private Block initialized(NetworkSpec spec) {
        Block net = Networks.build(spec);
        Networks.initialize(net, spec, manager);
        return net;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void oneTrainingStepGivesTheSpecsOutputShapeAndAGradientToEveryTrainableParameter(NetworkSpec spec) {
        Engine.getInstance().setRandomSeed(3);
        Block net = initialized(spec);
        ParameterStore ps = new ParameterStore(manager, false);
        int arraysBefore = manager.getManagedArrays().size();
        Shape outShape;

        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.randomNormal(batchOf(4, spec.inputShape()));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = net.forward(ps, new NDList(x), true).singletonOrThrow();
                outShape = y.getShape();
                NDArray weights = step.randomNormal(y.getShape());
                gc.backward(y.mul(weights).sum());
            }
        }

        // The step's temporaries died with its manager; BatchNorm updated its running statistics in place.
        assertThat(manager.getManagedArrays()).hasSize(arraysBefore);
        assertThat(outShape).isEqualTo(batchOf(4, spec.outputShape()));
        assertThat(net.getOutputShapes(new Shape[] {batchOf(4, spec.inputShape())})[0]).isEqualTo(outShape);
        List<String> withoutGradient = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : Networks.namedParameters(net).entrySet()) {
            if (e.getValue().requiresGradient()) {
                try (NDArray g = e.getValue().getArray().getGradient()) {
                    float[] values = g.toFloatArray();
                    boolean allZero = true;
                    for (float v : values) {
                        allZero &= v == 0f;
                    }
                    if (allZero) {
                        withoutGradient.add(e.getKey());
                    }
                }
            }
        }
        assertThat(withoutGradient).isEmpty();
    }

    @Test
    void dcganParameterShapesFollowTheArchitecture() {
        Block g = initialized(GENERATOR);
        Block d = initialized(CRITIC);

        // w = 4: linear 8 -> 4*4*4w = 256 without bias (batch norm follows), then transposed convolutions
        // [in, out, 5, 5] 16 -> 8 -> 4 -> 3, only the last with a bias.
        assertThat(shapes(g)).containsExactly(
                "01Linear_weight (256, 8)",
                "02BatchNorm_beta (256)",
                "02BatchNorm_gamma (256)",
                "02BatchNorm_runningMean (256)",
                "02BatchNorm_runningVar (256)",
                "05ConvTranspose2d_weight (16, 8, 5, 5)",
                "06BatchNorm_beta (8)",
                "06BatchNorm_gamma (8)",
                "06BatchNorm_runningMean (8)",
                "06BatchNorm_runningVar (8)",
                "08ConvTranspose2d_weight (8, 4, 5, 5)",
                "09BatchNorm_beta (4)",
                "09BatchNorm_gamma (4)",
                "09BatchNorm_runningMean (4)",
                "09BatchNorm_runningVar (4)",
                "11ConvTranspose2d_bias (3)",
                "11ConvTranspose2d_weight (4, 3, 5, 5)");
        // Conv2d [out, in, 5, 5]: 3 -> 4 -> 8 -> 16 at 16, 8, 4 pixels; linear 16*4*4 = 256 -> 1.
        assertThat(shapes(d)).containsExactly(
                "01Conv2d_bias (4)",
                "01Conv2d_weight (4, 3, 5, 5)",
                "03Conv2d_bias (8)",
                "03Conv2d_weight (8, 4, 5, 5)",
                "05Conv2d_bias (16)",
                "05Conv2d_weight (16, 8, 5, 5)",
                "08Linear_bias (1)",
                "08Linear_weight (1, 256)");
    }

    @Test
    void textNetworksFollowTheLanguageModelOfWganGp() {
        Block g = initialized(TEXT_GENERATOR);
        Block d = initialized(TEXT_CRITIC);

        // dim 4, length 6, vocabulary 7, 2 residual blocks of two kernel-5 convolutions [out, in, 5].
        assertThat(shapes(g)).containsExactly(
                "01Linear_bias (24)",
                "01Linear_weight (24, 8)",
                "03ScaledResidual_01branch_02Conv1d_bias (4)",
                "03ScaledResidual_01branch_02Conv1d_weight (4, 4, 5)",
                "03ScaledResidual_01branch_04Conv1d_bias (4)",
                "03ScaledResidual_01branch_04Conv1d_weight (4, 4, 5)",
                "04ScaledResidual_01branch_02Conv1d_bias (4)",
                "04ScaledResidual_01branch_02Conv1d_weight (4, 4, 5)",
                "04ScaledResidual_01branch_04Conv1d_bias (4)",
                "04ScaledResidual_01branch_04Conv1d_weight (4, 4, 5)",
                "05Conv1d_bias (7)",
                "05Conv1d_weight (7, 4, 1)");
        assertThat(shapes(d)).containsExactly(
                "01Conv1d_bias (4)",
                "01Conv1d_weight (4, 7, 1)",
                "02ScaledResidual_01branch_02Conv1d_bias (4)",
                "02ScaledResidual_01branch_02Conv1d_weight (4, 4, 5)",
                "02ScaledResidual_01branch_04Conv1d_bias (4)",
                "02ScaledResidual_01branch_04Conv1d_weight (4, 4, 5)",
                "03ScaledResidual_01branch_02Conv1d_bias (4)",
                "03ScaledResidual_01branch_02Conv1d_weight (4, 4, 5)",
                "03ScaledResidual_01branch_04Conv1d_bias (4)",
                "03ScaledResidual_01branch_04Conv1d_weight (4, 4, 5)",
                "05Linear_bias (1)",
                "05Linear_weight (1, 24)");

        // Every position of every generated sentence is a distribution over the vocabulary.
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray sentences = g.forward(ps, new NDList(manager.randomNormal(new Shape(3, 8))), false).singletonOrThrow();
        assertThat(sentences.getShape()).isEqualTo(new Shape(3, 7, 6));
        assertThat(sentences.min().getFloat()).isGreaterThan(0f);
        assertClose(sentences.sum(new int[] {1}), manager.ones(new Shape(3, 6)), 1e-5);
    }

    @Test
    void theRobustnessFamiliesHaveTheParametersTheirLayersCount() {
        // DCGAN at 16x16, width 4, latent 8: linear 8 -> 4*4*8 without bias (1024), batch norm 8 (16 trainable),
        // transposed 8 -> 4 5x5 without bias (800), batch norm 4 (8), transposed 4 -> 3 with bias (303): 2151.
        assertThat(trainable(new NetworkSpec.ImageGenerator(ImageArchitecture.DCGAN, 8, 3, 16, 4))).isEqualTo(2151);
        // Constant filters: linear 8 -> 4*4*4 + bias (576), transposed 4 -> 4 + bias (404), 4 -> 3 + bias (303).
        assertThat(trainable(new NetworkSpec.ImageGenerator(ImageArchitecture.NO_BN_CONSTANT_FILTERS, 8, 3, 16, 4))).isEqualTo(1283);
        // Gated: every hidden layer twice as wide: 8 -> 256 (2048), BN 16 (32), 8 -> 8 (1600), BN 8 (16), 4 -> 3 (303).
        assertThat(trainable(new NetworkSpec.ImageGenerator(ImageArchitecture.GATED, 8, 3, 16, 4))).isEqualTo(3999);
        // MLP: 8 -> 512 -> 512 -> 512 -> 512 -> 3*16*16, all with biases.
        assertThat(trainable(new NetworkSpec.ImageGenerator(ImageArchitecture.MLP_GENERATOR, 8, 3, 16, 4)))
                .isEqualTo(8 * 512 + 512 + 3 * (512 * 512 + 512) + 512 * 768 + 768);
        // Critic with layer norm: 3 -> 4 5x5 + bias (304), 4 -> 8 without bias (800), layer norm 8 (16), linear 128 -> 1 (129).
        assertThat(trainable(new NetworkSpec.ImageCritic(ImageArchitecture.DCGAN, 3, 16, 4, NetworkSpec.Normalization.LAYER)))
                .isEqualTo(1249);
        assertThat(trainable(new NetworkSpec.ImageCritic(ImageArchitecture.NO_NORMALIZATION, 3, 16, 4, NetworkSpec.Normalization.NONE)))
                .isEqualTo(304 + 808 + 129);
        for (int size : new int[] {32, 64}) {
            for (ImageArchitecture a : ImageArchitecture.values()) {
                NetworkSpec.Normalization n = a == ImageArchitecture.NO_NORMALIZATION ? NetworkSpec.Normalization.NONE
                        : NetworkSpec.Normalization.LAYER;
                System.out.printf("robustness %s %dx%d width %d: generator %,d, critic %,d parameters%n", a.id(), size, size, size,
                        trainable(new NetworkSpec.ImageGenerator(a, 128, 3, size, size)),
                        trainable(new NetworkSpec.ImageCritic(a, 3, size, size, n)));
            }
        }
    }

    @Test
    void theResNetsHave101WeightLayersAt64x64() {
        // Generator: linear, 6 blocks at 4x4, then per level an up block and 6 plain (5 at 64x64): 33 blocks of 3
        // convolutions, and the output convolution: 1 + 99 + 1 (the 4 up-sampling shortcuts are not counted).
        NetworkSpec.ImageGenerator g = new NetworkSpec.ImageGenerator(ImageArchitecture.RESNET, 16, 3, 64, 8);
        NetworkSpec.ImageCritic d = new NetworkSpec.ImageCritic(ImageArchitecture.RESNET, 3, 64, 8, NetworkSpec.Normalization.LAYER);
        for (NetworkSpec spec : new NetworkSpec[] {g, d}) {
            Block net = initialized(spec);
            long weights = Networks.namedParameters(net).keySet().stream().filter(n -> n.endsWith("_weight"))
                    .filter(n -> !n.contains("shortcut")).count();
            assertThat(weights).as(spec.toString()).isEqualTo(101);
            assertThat(net.getChildren().values().stream().filter(b -> b instanceof ScaledResidual).count()).isEqualTo(33);
        }
        assertThatThrownBy(() -> new NetworkSpec.ImageGenerator(ImageArchitecture.RESNET, 16, 3, 64, 6)).hasMessageContaining("multiple of 4");
    }

    @Test
    void depthToSpaceSpreadsFourChannelsOverATwoByTwoBlock() {
        // y[0, 0, i, j] = x[0, 2i + j, 0, 0].
        NDArray x = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 4, 1, 1));
        assertClose(ImageNetworks.depthToSpace(x, 1), manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2)), 0);
        // Two output channels: channel c takes inputs c, C + c, 2C + c, 3C + c.
        NDArray x2 = manager.create(new float[] {0, 10, 1, 11, 2, 12, 3, 13}, new Shape(1, 8, 1, 1));
        assertClose(ImageNetworks.depthToSpace(x2, 2), manager.create(new float[] {0, 1, 2, 3, 10, 11, 12, 13}, new Shape(1, 2, 2, 2)), 0);
    }

    @Test
    void gatedPairsMultiplyTheSigmoidOfOneByTheTanhOfTheOther() {
        // Channels (a0, b0, a1, b1) = (0, atanh(0.5), 0, 0): sigmoid(0) * 0.5 = 0.25, then 0.5 * 0 = 0.
        NDArray x = manager.create(new float[] {0, (float) (0.5 * Math.log(3)), 0, 0}, new Shape(1, 4, 1, 1));
        assertClose(ImageNetworks.gated(x), manager.create(new float[] {0.25f, 0}, new Shape(1, 2, 1, 1)), 1e-6);
    }

    @Test
    void layerNormUsesEachExamplesOwnStatisticsAndAPerChannelScale() {
        // One example, 2 channels of 2 positions: 1, 3 | 5, 7: mean 4, variance 5.
        NDArray x = manager.create(new float[] {1, 3, 5, 7}, new Shape(1, 2, 1, 2));
        NDArray y = ChannelLayerNorm.apply(x, manager.create(new float[] {2, 1}), manager.create(new float[] {0, 1}));
        double s = Math.sqrt(5 + ChannelLayerNorm.EPSILON);
        assertClose(y, manager.create(new float[] {(float) (-6 / s), (float) (-2 / s), (float) (1 / s + 1), (float) (3 / s + 1)},
                new Shape(1, 2, 1, 2)), 1e-5);
        // An example normalizes the same alone and beside another.
        NDArray pair = x.concat(manager.randomNormal(new Shape(1, 2, 1, 2)).mul(10), 0);
        NDArray ones = manager.ones(new Shape(2));
        NDArray zeros = manager.zeros(new Shape(2));
        assertClose(ChannelLayerNorm.apply(pair, ones, zeros).get("0:1"), ChannelLayerNorm.apply(x, ones, zeros), 1e-6);
    }

    private long trainable(NetworkSpec spec) {
        Block net = initialized(spec);
        long count = 0;
        for (Parameter p : Networks.parameters(net)) {
            if (p.requiresGradient()) {
                count += p.getArray().size();
            }
        }
        return count;
    }

    @Test
    void scaledResidualAddsTheScaledBranchToItsInput() {
        // y = x + 0.3 * x^2: at x = (-2, 0, 1, 3) that is (-0.8, 0, 1.3, 5.7).
        Block block = new ScaledResidual(ai.djl.nn.LambdaBlock.singleton(x -> x.mul(x), "Square"), 0.3);
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4));
        NDArray y = block.forward(new ParameterStore(manager, false), new NDList(manager.create(new float[] {-2, 0, 1, 3},
                new Shape(1, 4))), false).singletonOrThrow();
        assertClose(y, manager.create(new float[] {-0.8f, 0, 1.3f, 5.7f}, new Shape(1, 4)), 1e-6);
        assertThatThrownBy(() -> new ScaledResidual(ai.djl.nn.Blocks.identityBlock(), Double.NaN))
                .hasMessageContaining("scale");
        Block reshaping = new ScaledResidual(ai.djl.nn.Blocks.batchFlattenBlock(), 1);
        assertThatThrownBy(() -> reshaping.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 3, 4)))
                .hasMessageContaining("must keep the shape");
    }

    @Test
    void batchNormUsesPyTorchsMomentumAndEpsilon() {
        SequentialBlock g = (SequentialBlock) Networks.build(GENERATOR);
        assertThat(g.getChildren().get(1).getValue()).isInstanceOf(BatchNorm.class);
        // DJL keeps momentum * running + (1 - momentum) * batch: 0.9 here is PyTorch's momentum=0.1.
        NDArray running = runningMeanAfterOneTrainingBatch(g);
        float[] expected = new float[256];
        java.util.Arrays.fill(expected, 0.1f * 2f);
        assertThat(running.toFloatArray()).containsExactly(expected, within(1e-6f));
    }

    @Test
    void sameSeedGivesIdenticalParametersAndAnotherSeedDifferentOnes() {
        Map<String, float[]> first = initializedValues(GENERATOR, 42);
        Map<String, float[]> again = initializedValues(GENERATOR, 42);
        Map<String, float[]> other = initializedValues(GENERATOR, 43);

        assertThat(again.keySet()).containsExactlyElementsOf(first.keySet());
        for (String name : first.keySet()) {
            assertThat(again.get(name)).as(name).containsExactly(first.get(name));
        }
        assertThat(other.get("01Linear_weight")).isNotEqualTo(first.get("01Linear_weight"));
    }

    @Test
    void linearAndConvolutionWeightsStartWithinPyTorchsFanInBounds() {
        Block d = initialized(CRITIC);
        Map<String, Parameter> p = Networks.namedParameters(d);

        // Fan-in: 3*25 = 75 for the first convolution, 16*4*4 = 256 for the linear layer.
        assertMaxAbsIn(p.get("01Conv2d_weight"), 1 / Math.sqrt(75), 0.8);
        assertMaxAbsIn(p.get("01Conv2d_bias"), 1 / Math.sqrt(75), 0);
        assertMaxAbsIn(p.get("08Linear_weight"), 1 / Math.sqrt(256), 0.8);
    }

    @Test
    void parametersAreOrderedByNameAndTheSameForEveryBuild() {
        Block a = initialized(MLP);
        Block b = initialized(MLP);

        List<String> names = new ArrayList<>(Networks.namedParameters(a).keySet());

        assertThat(names).isSorted().hasSize(8);
        assertThat(names).containsExactlyElementsOf(Networks.namedParameters(b).keySet());
        assertThat(Networks.parameters(a)).containsExactlyElementsOf(Networks.namedParameters(a).values());
    }

    @Test
    void mlpTraceKeepsEachHiddenOutputAndItsProbeGetsTheLossGradient() {
        // Mlp 3 -> 5 -> 5 -> 1 with loss = sum(output). With a2 the last hidden output,
        // d loss / d a2[i] = W3[0, :] for every example i; one layer down, the chain rule through
        // a2 = relu(W2 a1 + b2) gives d loss / d a1[i] = (1[a2[i] > 0] * W3[0, :]) W2.
        NetworkSpec.Mlp spec = new NetworkSpec.Mlp(3, 5, 2, 1);
        Engine.getInstance().setRandomSeed(5);
        Block net = initialized(spec);
        Map<String, Parameter> p = Networks.namedParameters(net);
        NDArray w1 = p.get("01Linear_weight").getArray();
        NDArray b1 = p.get("01Linear_bias").getArray();
        NDArray w2 = p.get("03Linear_weight").getArray();
        NDArray w3 = p.get("05Linear_weight").getArray();
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = manager.randomNormal(new Shape(6, 3));

        MlpTrace trace;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            trace = Networks.forwardWithActivations(net, ps, x, true);
            gc.backward(trace.output().sum());
        }

        assertThat(trace.activations()).hasSize(2);
        NDArray plain = net.forward(ps, new NDList(x), false).singletonOrThrow();
        assertThat(trace.output().toFloatArray()).containsExactly(plain.toFloatArray());
        NDArray a1 = x.matMul(w1.transpose()).add(b1).maximum(0f);
        assertClose(trace.activations().get(0), a1, 1e-6);
        NDArray a2 = trace.activations().get(1);
        NDArray g2 = w3.broadcast(6, 5);
        assertClose(trace.probes().get(1).getGradient(), g2, 1e-6);
        NDArray g1 = a2.gt(0f).toType(w3.getDataType(), false).mul(w3).matMul(w2);
        assertClose(trace.probes().get(0).getGradient(), g1, 1e-6);
        assertThat(g1.abs().sum().getFloat()).isGreaterThan(0f);
    }

    @Test
    void forwardWithActivationsRefusesOtherArchitectures() {
        Block critic = initialized(CRITIC);
        NDArray x = manager.zeros(new Shape(1, 3, 32, 32));
        ParameterStore ps = new ParameterStore(manager, false);

        assertThatThrownBy(() -> Networks.forwardWithActivations(critic, ps, x, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NetworkSpec.Mlp");
    }

    private NDArray runningMeanAfterOneTrainingBatch(SequentialBlock g) {
        Networks.initialize(g, GENERATOR, manager);
        // Make the linear layer's output 2 for every unit and example, so the batch mean is 2 and the
        // running mean moves from 0 to 0.1 * 2 (PyTorch momentum 0.1).
        Parameter linear = Networks.namedParameters(g).get("01Linear_weight");
        linear.getArray().set(new float[(int) linear.getArray().size()]);
        linear.getArray().addi(0.25f);
        NDArray z = manager.ones(new Shape(2, 8));
        g.forward(new ParameterStore(manager, false), new NDList(z), true);
        return Networks.namedParameters(g).get("02BatchNorm_runningMean").getArray();
    }

    private Map<String, float[]> initializedValues(NetworkSpec spec, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        Block net = initialized(spec);
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        Networks.namedParameters(net).forEach((name, param) -> values.put(name, param.getArray().toFloatArray()));
        return values;
    }

    private static List<String> shapes(Block net) {
        List<String> out = new ArrayList<>();
        Networks.namedParameters(net).forEach((name, p) -> out.add(name + " " + p.getArray().getShape()));
        return out;
    }

    private static Shape batchOf(long batch, long[] example) {
        long[] dims = new long[example.length + 1];
        dims[0] = batch;
        System.arraycopy(example, 0, dims, 1, example.length);
        return new Shape(dims);
    }

    private static void assertMaxAbsIn(Parameter p, double bound, double lowerFraction) {
        float max = p.getArray().abs().max().getFloat();
        assertThat((double) max).as(p.getName()).isLessThanOrEqualTo(bound).isGreaterThan(lowerFraction * bound);
    }

    private static void assertClose(NDArray actual, NDArray expected, double tolerance) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertThat((double) a[i]).as("element %d", i).isCloseTo(e[i], within(tolerance));
        }
    }
}
