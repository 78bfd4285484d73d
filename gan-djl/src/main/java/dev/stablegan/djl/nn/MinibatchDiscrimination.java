package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.stablegan.api.SpecChecks;

/**
 * Minibatch discrimination (Salimans et al. 2016, section 3.2): lets the critic compare each example with the
 * rest of its minibatch, so a collapsed generator is easy to tell apart.
 *
 * <p>For features {@code f(x_i)} of dimension {@code A} and a learned tensor {@code T} of shape
 * {@code (A, B, C)} (stored as {@code (A, B*C)}): {@code M_i = f(x_i) T} ({@code B x C}),
 * {@code c_b(x_i, x_j) = exp(-||M_{i,b} - M_{j,b}||_1)}, {@code o(x_i)_b = sum_{j != i} c_b(x_i, x_j)} (the
 * self term, always {@code exp(0) = 1}, is left out as the authors' code does), and the output is
 * {@code [f(x_i), o(x_i)]} of dimension {@code A + B}. {@code T} starts as {@code N(0, 0.05^2)}, as in the
 * authors' code; their per-kernel bias is left to the next layer. The critic must see real and generated
 * minibatches in separate calls, so that a batch never mixes them. Memory grows as {@code N^2 B C}.
 */
public final class MinibatchDiscrimination extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Standard deviation of the initial {@code T}. */
    public static final float INIT_STD = 0.05f;

    private final int kernels;
    private final int kernelDims;
    private final Parameter tensor;

    /**
     * @param kernels {@code B}, {@code >= 1}
     * @param kernelDims {@code C}, {@code >= 1}
     */
    public MinibatchDiscrimination(int kernels, int kernelDims) {
        super(VERSION);
        SpecChecks.atLeast("kernels", kernels, 1);
        SpecChecks.atLeast("kernelDims", kernelDims, 1);
        this.kernels = kernels;
        this.kernelDims = kernelDims;
        this.tensor = addParameter(Parameter.builder().setName("T").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(INIT_STD)).build());
    }

    public int kernels() {
        return kernels;
    }

    public int kernelDims() {
        return kernelDims;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 2) {
            throw new IllegalArgumentException("MinibatchDiscrimination: input must be (batch, features), got " + in);
        }
        tensor.setShape(new Shape(in.get(1), (long) kernels * kernelDims));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1) + kernels)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray t = parameterStore.getValue(tensor, x.getDevice(), training);
        return new NDList(apply(x, t, kernels, kernelDims));
    }

    /**
     * The layer as a function: {@code x} {@code (N, A)}, {@code t} {@code (A, B*C)}; returns {@code (N, A + B)}.
     * Every intermediate lands in {@code x}'s manager.
     */
    public static NDArray apply(NDArray x, NDArray t, int kernels, int kernelDims) {
        if (x.getShape().dimension() != 2) {
            throw new IllegalArgumentException("x: must be (batch, features), got " + x.getShape());
        }
        NDManager manager = x.getManager();
        long n = x.getShape().get(0);
        NDArray m = x.matMul(t).reshape(n, kernels, kernelDims);
        NDArray distances = m.expandDims(1).sub(m.expandDims(0)).abs().sum(new int[] {3}); // (N, N, B)
        NDArray closeness = distances.neg().exp().sum(new int[] {1}); // (N, B), self term included
        NDArray withoutSelf = closeness.sub(manager.ones(new Shape(), x.getDataType()));
        return x.concat(withoutSelf, 1);
    }
}
