package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.stablegan.api.SpecChecks;

/**
 * A weight-normalized dense layer (Salimans and Kingma 2016): {@code y = g * (x v^T) / ||v||_row + b}, the
 * layers of the semi-supervised MNIST networks (Salimans et al. 2016, section 5.1).
 *
 * <p>{@code v} is {@code (out, in)} and starts as {@code N(0, s^2)} ({@code s = 0.05} unless given; the
 * authors' MNIST discriminator used 0.1), {@code g = 1}, {@code b = 0}; {@link #initializeFromData} then sets {@code g} and {@code b} so that the layer's outputs on a
 * batch have mean 0 and standard deviation {@code scale} (their data-dependent initialization). With
 * {@code trainScale = false} (their hidden layers) {@code g} keeps that value and only {@code v} and {@code b}
 * learn, so a layer cannot inflate its outputs by its scale.
 */
public final class WeightNormLinear extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final double DEFAULT_DIRECTION_STD = 0.05;

    private final int units;
    private final boolean trainScale;
    private double normEpsilon;
    private final Parameter direction;
    private final Parameter gain;
    private final Parameter bias;

    /** A layer whose scale {@code g} learns. */
    public WeightNormLinear(int units) {
        this(units, true);
    }

    /** @param trainScale whether {@code g} learns after its data-dependent start */
    public WeightNormLinear(int units, boolean trainScale) {
        this(units, trainScale, DEFAULT_DIRECTION_STD);
    }

    /**
     * @param trainScale whether {@code g} learns after its data-dependent start
     * @param directionStd the standard deviation of {@code v}'s initial entries; the output does not depend on it, but
     *     Adam's steps on {@code v} have a size independent of {@code ||v||}, so it sets how fast directions turn
     */
    public WeightNormLinear(int units, boolean trainScale, double directionStd) {
        super(VERSION);
        if (!(directionStd > 0) || !Double.isFinite(directionStd)) {
            throw new IllegalArgumentException("directionStd: must be a finite number > 0, got " + directionStd);
        }
        SpecChecks.atLeast("units", units, 1);
        this.units = units;
        this.trainScale = trainScale;
        this.direction = addParameter(Parameter.builder().setName("v").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer((float) directionStd)).build());
        this.gain = addParameter(Parameter.builder().setName("g").setType(Parameter.Type.GAMMA)
                .optInitializer(new ConstantInitializer(1f)).optShape(new Shape(units)).build());
        this.bias = addParameter(Parameter.builder().setName("b").setType(Parameter.Type.BIAS)
                .optInitializer(new ConstantInitializer(0f)).optShape(new Shape(units)).build());
    }

    public int units() {
        return units;
    }

    /**
     * Adds {@code epsilon} under the square root of {@code ||v||}, as the authors' {@code l2normalize} does (1e-6);
     * 0 (the start) for none.
     *
     * @return this layer
     */
    public WeightNormLinear withNormEpsilon(double epsilon) {
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("normEpsilon: must be a finite number >= 0, got " + epsilon);
        }
        this.normEpsilon = epsilon;
        return this;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        prepareDirection(inputShapes);
    }

    @Override
    public void initialize(NDManager manager, ai.djl.ndarray.types.DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        if (!trainScale) {
            gain.freeze(true);
        }
    }

    private void prepareDirection(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 2) {
            throw new IllegalArgumentException("WeightNormLinear: input must be (batch, features), got " + in);
        }
        direction.setShape(new Shape(units, in.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray v = parameterStore.getValue(direction, x.getDevice(), training);
        NDArray g = parameterStore.getValue(gain, x.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        return new NDList(apply(x, v, g, b, normEpsilon));
    }

    /**
     * The layer as a function. An op lands in its first operand's manager, so the first array derived from each
     * parameter is moved to {@code x}'s manager at once: nothing per call stays on the parameters' manager.
     */
    public static NDArray apply(NDArray x, NDArray v, NDArray g, NDArray b) {
        return apply(x, v, g, b, 0);
    }

    /** As {@link #apply(NDArray, NDArray, NDArray, NDArray)} with {@code ||v|| = sqrt(sum v^2 + normEpsilon)}. */
    public static NDArray apply(NDArray x, NDArray v, NDArray g, NDArray b, double normEpsilon) {
        NDManager m = x.getManager();
        NDArray vt = v.transpose();
        vt.attach(m);
        NDArray projected = x.matMul(vt); // (N, out)
        NDArray squares = v.square();
        squares.attach(m);
        NDArray sums = squares.sum(new int[] {1});
        NDArray norms = normEpsilon > 0 ? sums.add((float) normEpsilon).sqrt() : sums.sqrt();
        NDArray scale = g.div(norms);
        scale.attach(m);
        return projected.mul(scale).add(b);
    }

    /**
     * Sets {@code g} and {@code b} (outside autograd) so that this layer's outputs on {@code x} have per-unit mean
     * 0 and standard deviation {@code scale}, and returns those outputs.
     */
    public NDArray initializeFromData(NDArray x, double scale) {
        NDManager m = x.getManager();
        NDArray ones = m.ones(new Shape(units), x.getDataType());
        NDArray zeros = m.zeros(new Shape(units), x.getDataType());
        NDArray t = apply(x, direction.getArray(), ones, zeros, normEpsilon); // x v^T / ||v||
        NDArray mean = t.mean(new int[] {0});
        NDArray std = t.sub(mean).square().mean(new int[] {0}).sqrt().add(1e-8f);
        NDArray newGain = std.pow(-1).mul(scale);
        NDArray newBias = mean.mul(newGain).neg();
        gain.getArray().set(newGain.toFloatArray());
        bias.getArray().set(newBias.toFloatArray());
        return t.mul(newGain).add(newBias);
    }
}
