package dev.stablegan.djl.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;

/**
 * The two float32 parameters and five gradients of {@code scripts/optimizer_reference.py}: at step t the
 * gradient is {@code BASE * MULTIPLIER[t]} (exact binary fractions), the learning-rate factor LR_FACTOR[t].
 */
final class OptimizerFixture implements AutoCloseable {

    static final float[] P0 = {0.5f, -1f, 2f, 0f, 3f};
    static final float[] P1 = {1.5f, -0.25f, 0.75f, -2f};
    /** Holds a zero and 2^-27 (about 7.5e-9, below eps = 1e-8), where the placement of eps matters. */
    static final float[] BASE0 = {0.25f, -0.5f, 1.5f, 0f, Math.scalb(1f, -27)};
    static final float[] BASE1 = {0.125f, -3f, 0.0625f, 1f};
    static final float[] MULTIPLIER = {1f, -0.5f, 2f, 0.75f, -1.25f};
    static final double[] LR_FACTOR = {1, 1, 0.75, 0.5, 0.25};

    final NDManager manager = NDManager.newBaseManager();
    final Parameter p0 = parameter("p0", P0, new Shape(5));
    final Parameter p1 = parameter("p1", P1, new Shape(2, 2));
    final List<Parameter> parameters = List.of(p0, p1);

    private Parameter parameter(String name, float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(array).build();
    }

    /** Gives the parameters step {@code t}'s gradients (0-based) by a backward pass, in a throwaway manager. */
    void backward(int t) {
        try (NDManager step = manager.newSubManager()) {
            NDArray g0 = step.create(BASE0).mul(MULTIPLIER[t]);
            NDArray g1 = step.create(BASE1, new Shape(2, 2)).mul(MULTIPLIER[t]);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // d/dp of sum(g * p) is g exactly; g comes first so results stay in the step's manager.
                gc.backward(g0.mul(p0.getArray()).sum().add(g1.mul(p1.getArray()).sum()));
            }
        }
    }

    /** Runs steps {@code 0..count-1} of the reference schedule. */
    void run(ParameterOptimizer optimizer, int count) {
        for (int t = 0; t < count; t++) {
            backward(t);
            optimizer.step(parameters, LR_FACTOR[t]);
        }
    }

    static float[] values(Parameter p) {
        return p.getArray().toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}
