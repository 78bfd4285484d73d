package dev.stablegan.djl.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A tiny float64 critic built from DJL blocks, with helpers to read, zero and nudge its parameters' values
 * and gradients. Smooth activations (tanh, softplus) give non-zero second derivatives, so the double-backprop
 * path is really exercised.
 */
public final class SmallCritic implements UnaryOperator<NDArray> {

    private static final int SEED = 20170331;

    private final Block block;
    private final ParameterStore store;

    private SmallCritic(NDManager manager, Block block, Shape inputShape) {
        this.block = block;
        this.store = new ParameterStore(manager, false);
        Engine.getInstance().setRandomSeed(SEED);
        block.initialize(manager, DataType.FLOAT64, inputShape);
    }

    /** {@code [batch, 2] -> Linear(4) -> tanh -> Linear(1)}. */
    public static SmallCritic mlp(NDManager manager, long batch) {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(1).build());
        return new SmallCritic(manager, block, new Shape(batch, 2));
    }

    /** {@code [batch, 1, 6, 6] -> Conv2d(2 filters, 3x3) -> softplus -> flatten -> Linear(1)}. */
    public static SmallCritic conv(NDManager manager, long batch) {
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).build())
                .add(Activation.softPlusBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
        return new SmallCritic(manager, block, new Shape(batch, 1, 6, 6));
    }

    @Override
    public NDArray apply(NDArray input) {
        return block.forward(store, new NDList(input), true).singletonOrThrow();
    }

    public List<Parameter> parameters() {
        return block.getParameters().values();
    }

    /** DJL accumulates gradients; call outside a collector before each backward. */
    public void zeroGradients() {
        for (Parameter parameter : parameters()) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                gradient.subi(gradient);
            }
        }
    }

    /**
     * The parameter's gradient as float64. A parameter that backward did not reach has no gradient, and DJL
     * then hands out float32 zeros.
     */
    public static double[] gradientOf(Parameter parameter) {
        try (NDArray gradient = parameter.getArray().getGradient();
                NDArray asDouble = gradient.toType(DataType.FLOAT64, true)) {
            return asDouble.toDoubleArray();
        }
    }

    /** {@code count} standard normal draws from a seeded generator, for reproducible test data. */
    public static double[] gaussians(long seed, int count) {
        Random random = new Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    /** Adds {@code delta} to one element of the parameter, in place (outside a collector). */
    public static void nudge(Parameter parameter, int element, double delta) {
        NDArray value = parameter.getArray();
        double[] oneHot = new double[Math.toIntExact(value.size())];
        oneHot[element] = delta;
        try (NDArray step = value.getManager().create(oneHot, value.getShape())) {
            value.addi(step);
        }
    }
}
