package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.stablegan.djl.testing.WithManager;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvTranspose2dTests extends WithManager {


    @Test
    void strideEqualToKernelPlacesTheKernelScaledByEachInputPixelInItsOwnBlock() {
        // x = [[1, -1], [10, 0.5]], kernel [[1, 2], [3, 4]], stride 2: block (i, j) of the 4x4 output is
        // x[i, j] * kernel, and the bias 0.25 is added everywhere.
        NDArray x = manager.create(new float[] {1, -1, 10, 0.5f}, new Shape(1, 1, 2, 2));
        NDArray w = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        NDArray b = manager.create(new float[] {0.25f});

        NDArray y = ConvTranspose2d.convTranspose2d(x, w, b, new Shape(2, 2), new Shape(0, 0), new Shape(0, 0));

        float[] expected = {
            1, 2, -1, -2,
            3, 4, -3, -4,
            10, 20, 0.5f, 1,
            30, 40, 1.5f, 2
        };
        for (int i = 0; i < expected.length; i++) {
            expected[i] += 0.25f;
        }
        assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
        assertThat(y.toFloatArray()).containsExactly(expected);
    }

    @ParameterizedTest(name = "padding {0}, output padding {1}")
    @CsvSource({
        // x = [1, 2], kernel [1, 1, 1], stride 2: the uncropped output is
        // [1, 1, 1+2, 2, 2] = [1, 1, 3, 2, 2] (taps of neighbouring pixels overlap at index 2);
        // padding crops p from both ends, output padding appends zeros (bias only) at the end.
        "0, 0, '1 1 3 2 2'",
        "1, 0, '1 3 2'",
        "1, 1, '1 3 2 2'",
        "0, 1, '1 1 3 2 2 0'",
    })
    void overlappingTapsAddUpAndPaddingCropsBothEnds(int padding, int outPadding, String expected) {
        NDArray x = manager.create(new float[] {1, 2}, new Shape(1, 1, 1, 2));
        NDArray w = manager.create(new float[] {1, 1, 1}, new Shape(1, 1, 1, 3));
        NDArray b = manager.create(new float[] {0.5f});

        NDArray y = ConvTranspose2d.convTranspose2d(
                x, w, b, new Shape(1, 2), new Shape(0, padding), new Shape(0, outPadding));

        String[] parts = expected.split(" ");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]) + 0.5f;
        }
        assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 1, values.length));
        assertThat(y.toFloatArray()).containsExactly(values);
    }

    @ParameterizedTest(name = "kernel {0}x{1}, stride {2}x{3}, padding {4}x{5}, conv input {6}x{7}")
    @CsvSource({
        "5, 5, 2, 2, 2, 2, 8, 8", // DCGAN layer: 8x8 -> 4x4 and back
        "3, 3, 1, 1, 1, 1, 5, 5",
        "4, 4, 2, 2, 1, 1, 8, 8",
        "3, 3, 3, 3, 0, 0, 9, 9",
        "2, 2, 3, 3, 0, 0, 7, 7", // stride above kernel: some output phases get no tap at all
        "5, 5, 2, 2, 0, 0, 9, 9",
        "3, 3, 2, 2, 1, 1, 7, 8", // odd and even sizes need different output paddings
        "3, 2, 2, 1, 1, 0, 7, 6", // non-square kernel, stride and padding
        "3, 3, 2, 2, 4, 4, 9, 9", // padding beyond the kernel: the input itself is cropped
    })
    void isTheAdjointOfTheStridedConvolutionWithTheSameWeight(
            int kH, int kW, int sH, int sW, int pH, int pW, int h, int w) {
        // <conv2d(x; W), y> == <convT(y; W), x> for every x and y, because convT is conv2d's transpose.
        Random random = new Random(7);
        long convInC = 3;
        long convOutC = 2;
        Shape stride = new Shape(sH, sW);
        Shape padding = new Shape(pH, pW);
        NDArray x = gaussian(random, new Shape(2, convInC, h, w));
        NDArray weight = gaussian(random, new Shape(convOutC, convInC, kH, kW));
        NDArray conv = Conv2d.conv2d(x, weight, null, stride, padding).singletonOrThrow();
        Shape cs = conv.getShape();
        NDArray y = gaussian(random, cs);
        // The output padding that makes the transposed output exactly h x w.
        Shape outPadding = new Shape((h + 2L * pH - kH) % sH, (w + 2L * pW - kW) % sW);

        NDArray back = ConvTranspose2d.convTranspose2d(y, weight, null, stride, padding, outPadding);

        assertThat(back.getShape()).isEqualTo(x.getShape());
        double left = conv.mul(y).sum().getDouble();
        double right = back.mul(x).sum().getDouble();
        assertThat(right).isCloseTo(left, within(1e-9 * (1 + Math.abs(left))));
        // Guards against a vacuous pass (both sides zero).
        assertThat(Math.abs(left)).isGreaterThan(1e-3);
    }

    @ParameterizedTest(name = "H={0}, k={1}, s={2}, p={3}, op={4}")
    @CsvSource({
        "4, 5, 2, 2, 1", // DCGAN: 4 -> 8
        "8, 5, 2, 2, 1", // 8 -> 16
        "4, 4, 2, 1, 0", // 4 -> 8
        "3, 3, 1, 0, 0", // 3 -> 5
        "3, 2, 3, 0, 2", // 3 -> 10
        "5, 3, 2, 1, 1", // 5 -> 10
    })
    void outputExtentIsInputMinusOneTimesStrideMinusTwicePaddingPlusKernelPlusOutputPadding(
            int in, int k, int s, int p, int op) {
        long expected = (long) (in - 1) * s - 2L * p + k + op;
        ConvTranspose2d block = ConvTranspose2d.builder()
                .setKernelShape(new Shape(k, k))
                .setFilters(3)
                .optStride(new Shape(s, s))
                .optPadding(new Shape(p, p))
                .optOutPadding(new Shape(op, op))
                .build();
        Shape input = new Shape(2, 4, in, in);
        block.initialize(manager, DataType.FLOAT32, input);

        NDArray y = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false)
                .singletonOrThrow();

        assertThat(y.getShape()).isEqualTo(new Shape(2, 3, expected, expected));
        assertThat(block.getOutputShapes(new Shape[] {input})[0]).isEqualTo(y.getShape());
        assertThat(block.getParameters().get("weight").getArray().getShape()).isEqualTo(new Shape(4, 3, k, k));
    }

    @Test
    void gradientsOfInputWeightAndBiasMatchCentralDifferences() {
        // Tiny float64 case with overlap, cropping and output padding: 2 -> 2 channels, 3x3 kernel,
        // stride 2, padding 1, output padding 1 (3x3 -> 6x6). Loss = sum(y * r) for a fixed r.
        Random random = new Random(11);
        ConvTranspose2d block = ConvTranspose2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(2)
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1))
                .optOutPadding(new Shape(1, 1))
                .build();
        Shape inShape = new Shape(1, 2, 3, 3);
        block.initialize(manager, DataType.FLOAT64, inShape);
        Parameter weight = block.getParameters().get("weight");
        Parameter bias = block.getParameters().get("bias");
        double[] x = gaussianValues(random, (int) inShape.size());
        double[] r = gaussianValues(random, 2 * 6 * 6);
        ParameterStore ps = new ParameterStore(manager, false);

        DoubleSupplier loss = () -> {
            try (NDManager step = manager.newSubManager()) {
                NDArray in = step.create(x, inShape);
                NDArray y = block.forward(ps, new NDList(in), false).singletonOrThrow();
                return y.mul(step.create(r, y.getShape())).sum().getDouble();
            }
        };

        double[] gradX;
        try (NDManager step = manager.newSubManager()) {
            NDArray in = step.create(x, inShape);
            in.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(ps, new NDList(in), true).singletonOrThrow();
                gc.backward(y.mul(step.create(r, y.getShape())).sum());
            }
            gradX = in.getGradient().toDoubleArray();
        }
        double[] gradW = gradientOf(weight);
        double[] gradB = gradientOf(bias);

        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double up = loss.getAsDouble();
            x[i] = keep - h;
            double down = loss.getAsDouble();
            x[i] = keep;
            assertThat(gradX[i]).as("d/dx[%d]", i).isCloseTo((up - down) / (2 * h), within(1e-7));
        }
        checkParameterAgainstDifferences(weight, gradW, loss, h);
        checkParameterAgainstDifferences(bias, gradB, loss, h);
        assertThat(gradB).as("bias gradient is the sum of r per channel").containsExactly(
                new double[] {sum(r, 0, 36), sum(r, 36, 72)}, within(1e-9));
    }

    @Test
    void forwardAndBackwardLeaveNoArraysInTheParametersManager() {
        ConvTranspose2d block = ConvTranspose2d.builder()
                .setKernelShape(new Shape(5, 5))
                .setFilters(4)
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(2, 2))
                .optOutPadding(new Shape(1, 1))
                .build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 4, 4));
        ParameterStore ps = new ParameterStore(manager, false);
        int before = manager.getManagedArrays().size();

        for (int i = 0; i < 3; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.ones(new Shape(2, 3, 4, 4));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = block.forward(ps, new NDList(x), true).singletonOrThrow();
                    gc.backward(y.sum());
                }
            }
        }

        assertThat(manager.getManagedArrays()).hasSize(before);
    }

    /**
     * The libtorch operator (through TorchScript) and the conv2d construction agree in value and in the gradients of
     * input, weight and bias, over strides, paddings and output paddings, with and without bias.
     */
    @Test
    void theLibtorchOperatorAndTheConvolutionConstructionAgreeInValuesAndGradients() {
        // The construction's convolutions go through oneDNN unless the guard turns it off (its input gradients were
        // wrong for such few channels: docs/onednn-convolution-bug.md).
        dev.stablegan.djl.EngineSetup.guardNativeMemory();
        int[][] cases = {{2, 2, 1, 5}, {2, 1, 0, 4}, {1, 0, 0, 3}, {3, 1, 2, 3}, {2, 2, 0, 5}};
        for (int[] c : cases) {
            for (boolean withBias : new boolean[] {true, false}) {
                Shape stride = new Shape(c[0], c[0]);
                Shape padding = new Shape(c[1], c[1]);
                Shape outPadding = new Shape(c[2], c[2]);
                float[][] grads = new float[2][];
                float[][] values = new float[2][];
                Random random = new Random(7);
                float[] input = new float[2 * 3 * 4 * 5];
                for (int i = 0; i < input.length; i++) {
                    input[i] = (float) random.nextGaussian();
                }
                for (int way = 0; way < 2; way++) {
                    try (NDManager m = manager.newSubManager()) {
                        NDArray x = m.create(input, new Shape(2, 3, 4, 5));
                        NDArray w = m.arange(3f * 2 * c[3] * c[3]).reshape(3, 2, c[3], c[3]).div(50f).sub(0.3f);
                        NDArray b = withBias ? m.create(new float[] {0.5f, -0.25f}) : null;
                        x.setRequiresGradient(true);
                        w.setRequiresGradient(true);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray y = way == 0 ? ConvTranspose2d.convTranspose2d(x, w, b, stride, padding, outPadding)
                                    : ConvTranspose2d.byConvolution(x, w, b, stride, padding, outPadding);
                            values[way] = y.toFloatArray();
                            gc.backward(y.mul(y).sum());
                        }
                        grads[way] = ai.djl.ndarray.NDArrays.concat(new NDList(x.getGradient().flatten(), w.getGradient().flatten()))
                                .toFloatArray();
                    }
                }
                assertThat(values[0]).as("values %s bias %s", java.util.Arrays.toString(c), withBias).containsExactly(values[1],
                        org.assertj.core.data.Offset.offset(1e-4f));
                assertThat(grads[0]).as("gradients %s bias %s", java.util.Arrays.toString(c), withBias).containsExactly(grads[1],
                        org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void weightAndBiasStartInPyTorchsFanInBounds() {
        // PyTorch: U(-1/sqrt(f), 1/sqrt(f)) with f = weight.size(1) * kH * kW = outChannels * 25 = 200.
        ConvTranspose2d block = ConvTranspose2d.builder()
                .setKernelShape(new Shape(5, 5))
                .setFilters(8)
                .build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 16, 4, 4));
        double bound = 1 / Math.sqrt(200);

        float[] w = block.getParameters().get("weight").getArray().toFloatArray();
        float[] b = block.getParameters().get("bias").getArray().toFloatArray();

        assertThat(maxAbs(w)).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound); // 3200 draws
        assertThat(maxAbs(b)).isLessThanOrEqualTo(bound).isGreaterThan(0);
    }

    @Test
    void withoutBiasHasOnlyAWeight() {
        ConvTranspose2d block = ConvTranspose2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(2)
                .optBias(false)
                .build();
        assertThat(block.getParameters().keys()).containsExactly("weight");
        assertThat(block.isIncludeBias()).isFalse();
    }

    @Test
    void rejectsOutputPaddingNotBelowTheStride() {
        assertThatThrownBy(() -> ConvTranspose2d.builder()
                        .setKernelShape(new Shape(5, 5))
                        .setFilters(2)
                        .optStride(new Shape(2, 2))
                        .optOutPadding(new Shape(2, 2))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outPadding");
        assertThatThrownBy(() -> ConvTranspose2d.builder().setFilters(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernelShape");
    }

    private void checkParameterAgainstDifferences(
            Parameter parameter, double[] analytic, DoubleSupplier loss, double h) {
        NDArray array = parameter.getArray();
        double[] values = array.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            double keep = values[i];
            values[i] = keep + h;
            array.set(values);
            double up = loss.getAsDouble();
            values[i] = keep - h;
            array.set(values);
            double down = loss.getAsDouble();
            values[i] = keep;
            array.set(values);
            assertThat(analytic[i])
                    .as("d/d%s[%d]", parameter.getName(), i)
                    .isCloseTo((up - down) / (2 * h), within(1e-7));
        }
    }

    private static double[] gradientOf(Parameter parameter) {
        try (NDArray gradient = parameter.getArray().getGradient()) {
            return gradient.toDoubleArray();
        }
    }

    private NDArray gaussian(Random random, Shape shape) {
        return manager.create(gaussianValues(random, (int) shape.size()), shape);
    }

    private static double[] gaussianValues(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double sum(double[] values, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s;
    }

    private static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
