package dev.stablegan.examples.bench;

import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.SpecChecks;

/**
 * Analytic floating-point operation counts of one WGAN-GP generator iteration, for turning iterations per
 * second into GFLOP/s. The Python peer ({@code scripts/bench_peer.py}) counts with the same rule.
 *
 * <p>Definitions, with {@code B} the batch size and one multiply-add counted as 2 FLOPs:
 * <ul>
 *   <li>Forward FLOPs {@code F(net)} are those of the Linear and (transposed) convolution layers only:
 *       Linear {@code in -> out}: {@code 2 B in out}; Conv2d: {@code 2 B Cout Hout Wout Cin kH kW};
 *       ConvTranspose2d: {@code 2 B Cin Hin Win Cout kH kW} (its nominal cost, what libtorch's native kernel
 *       computes; our sub-pixel {@code ConvTranspose2d} does 1.44x that for 5x5 stride 2). Biases,
 *       activations, batch norm, losses and the optimizer are elementwise and not counted.
 *   <li>A backward pass costs {@code 2 F} (gradients to the input and to the weights), so forward plus
 *       backward is {@code 3 F}.
 *   <li>The gradient penalty costs {@code 6 F(D)}: the forward at {@code x_hat} ({@code F}), the input gradient
 *       with {@code create_graph} ({@code F}), and the double backward through both graphs
 *       ({@code 2 F + 2 F}).
 *   <li>A critic step: {@code G(z)} without autograd ({@code F(G)}), {@code D(real)} and {@code D(G(z))}
 *       forward and backward ({@code 2 * 3 F(D)}) and the penalty ({@code 6 F(D)}): {@code F(G) + 12 F(D)}.
 *   <li>A generator step: {@code D(G(z))} forward and backward through both: {@code 3 F(G) + 3 F(D)}.
 * </ul>
 * One generator iteration with {@code n} critic steps is therefore
 * {@code n (F(G) + 12 F(D)) + 3 F(G) + 3 F(D)}; with {@code n = 5}, {@code 8 F(G) + 63 F(D)}.
 */
public final class StepFlops {
    private static final long KERNEL_TAPS = 5 * 5; // the DCGAN-32 networks use 5x5 kernels

    private StepFlops() {}

    /**
     * Forward FLOPs {@code F} of {@code spec}'s Linear and convolution layers at {@code batch} examples, as
     * defined in the class comment.
     *
     * @throws IllegalArgumentException for a batch below 1 or an unsupported network
     */
    public static long forward(NetworkSpec spec, long batch) {
        SpecChecks.atLeast("batch", batch, 1);
        long multiplyAdds;
        if (spec instanceof NetworkSpec.Mlp mlp) {
            long w = mlp.width();
            multiplyAdds = mlp.inputDim() * w + (mlp.hiddenLayers() - 1) * w * w + w * mlp.outputDim();
        } else if (spec instanceof NetworkSpec.Dcgan32Generator g) {
            long w = g.width();
            multiplyAdds = g.latentDim() * 16 * 4 * w
                    + transposedConvolution(4 * w, 2 * w, 4)
                    + transposedConvolution(2 * w, w, 8)
                    + transposedConvolution(w, g.channels(), 16);
        } else if (spec instanceof NetworkSpec.Dcgan32Critic d) {
            long w = d.width();
            multiplyAdds = convolution(d.channels(), w, 16)
                    + convolution(w, 2 * w, 8)
                    + convolution(2 * w, 4 * w, 4)
                    + 16 * 4 * w;
        } else {
            throw new IllegalArgumentException("network: no FLOP count for " + spec);
        }
        return Math.multiplyExact(2 * batch, multiplyAdds);
    }

    /**
     * FLOPs of one generator iteration: {@code criticSteps (F(G) + 12 F(D)) + 3 F(G) + 3 F(D)} at
     * {@code batch} examples.
     */
    public static long generatorIteration(NetworkSpec generator, NetworkSpec critic, long batch, int criticSteps) {
        SpecChecks.atLeast("criticSteps", criticSteps, 1);
        long g = forward(generator, batch);
        long d = forward(critic, batch);
        return criticSteps * (g + 12 * d) + 3 * g + 3 * d;
    }

    /** Multiply-adds per example of a 5x5 transposed convolution reading {@code size x size} inputs. */
    private static long transposedConvolution(long in, long out, long size) {
        return in * size * size * out * KERNEL_TAPS;
    }

    /** Multiply-adds per example of a 5x5 convolution writing {@code size x size} outputs. */
    private static long convolution(long in, long out, long size) {
        return out * size * size * in * KERNEL_TAPS;
    }
}
