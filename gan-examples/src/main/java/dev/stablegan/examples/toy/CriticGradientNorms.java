package dev.stablegan.examples.toy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.djl.nn.MlpTrace;
import dev.stablegan.djl.nn.Networks;
import dev.stablegan.djl.train.BatchSource;
import dev.stablegan.djl.train.DjlGanTrainer;

/**
 * Per-layer gradient norms of a WGAN critic's loss, the quantity plotted in Figure 1b of Gulrajani et al. 2017
 * ("Improved Training of Wasserstein GANs", section 3.1: weight clipping makes them explode or vanish).
 *
 * <p>For an MLP critic built from {@link dev.stablegan.api.NetworkSpec.Mlp} with hidden activations
 * {@code a_1 .. a_L} ({@code a_l = relu(W_l a_{l-1} + b_l)}, input side first) and the WGAN critic loss
 * {@code L = mean_i D(fake_i) - mean_i D(real_i)} (no gradient penalty term), the norm of layer {@code l} is
 * the Frobenius norm of {@code dL/da_l} over the whole batch: with {@code G_real} and {@code G_fake} the
 * {@code [batch, width]} gradients with respect to the activations of the real and the generated examples,
 * {@code ||dL/da_l|| = sqrt(||G_real||_F^2 + ||G_fake||_F^2)}. Because {@code L} averages over the batch, each
 * example's row carries a factor {@code 1/batch}. The sums of squares are taken in double precision, so
 * vanishing gradients far below {@code 1e-19} (whose squares underflow float32) still get a finite norm.
 *
 * <p>The backward pass also adds to the critic parameters' gradient buffers; {@link DjlGanTrainer} zeroes
 * them before each of its own steps, so measuring between or after steps does not change training.
 */
public final class CriticGradientNorms {
    private CriticGradientNorms() {}

    /**
     * The norms {@code ||dL/da_l||} for {@code l = 1..L}, input side first, for one real and one generated batch.
     *
     * @param critic a block built from {@link dev.stablegan.api.NetworkSpec.Mlp} with one output
     * @param real real examples {@code [n, inputDim]}
     * @param fake generated examples {@code [m, inputDim]}
     * @throws IllegalArgumentException if {@code critic} is not such an MLP
     */
    public static double[] measure(Block critic, NDArray real, NDArray fake) {
        try (NDManager scope = real.getManager().newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            NDArray realIn = real.stopGradient();
            NDArray fakeIn = fake.stopGradient();
            realIn.attach(scope);
            fakeIn.attach(scope);
            MlpTrace onReal;
            MlpTrace onFake;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                onReal = Networks.forwardWithActivations(critic, store, realIn, false);
                onFake = Networks.forwardWithActivations(critic, store, fakeIn, false);
                NDArray loss = onFake.output().mean().sub(onReal.output().mean());
                collector.backward(loss);
            }
            int layers = onReal.probes().size();
            double[] norms = new double[layers];
            for (int l = 0; l < layers; l++) {
                double squares = sumOfSquares(onReal.probes().get(l)) + sumOfSquares(onFake.probes().get(l));
                norms[l] = Math.sqrt(squares);
            }
            return norms;
        }
    }

    /**
     * The per-layer norms of {@link #measure(Block, NDArray, NDArray)} averaged over {@code batches} fresh pairs
     * of a real batch from {@code data} and a generated batch from {@code trainer}'s generator, each of
     * {@code batchSize} examples, drawn from streams derived from {@code seed} (the trainer's own streams are
     * not touched).
     *
     * @throws IllegalArgumentException if {@code batchSize} or {@code batches} is below 1
     */
    public static double[] measure(DjlGanTrainer trainer, BatchSource data, long seed, int batchSize, int batches) {
        SpecChecks.atLeast("batchSize", batchSize, 1);
        SpecChecks.atLeast("batches", batches, 1);
        RandomStream dataRandom = RandomStream.derive(seed, "gradient-norms-data");
        RandomStream noiseRandom = RandomStream.derive(seed, "gradient-norms-noise");
        double[] sum = null;
        try (NDManager scope = trainer.manager().newSubManager()) {
            for (int b = 0; b < batches; b++) {
                try (NDManager batchScope = scope.newSubManager()) {
                    NDArray real = data.next(batchScope, dataRandom, batchSize);
                    NDArray fake = trainer.sample(batchScope, noiseRandom, batchSize);
                    double[] norms = measure(trainer.critic(), real, fake);
                    if (sum == null) {
                        sum = new double[norms.length];
                    }
                    for (int l = 0; l < norms.length; l++) {
                        sum[l] += norms[l];
                    }
                }
            }
        }
        for (int l = 0; l < sum.length; l++) {
            sum[l] /= batches;
        }
        return sum;
    }

    /** {@code log10} of every norm; an exactly zero norm gives negative infinity. */
    public static double[] log10(double[] norms) {
        double[] out = new double[norms.length];
        for (int l = 0; l < norms.length; l++) {
            out[l] = Math.log10(norms[l]);
        }
        return out;
    }

    private static double sumOfSquares(NDArray probe) {
        double sum = 0;
        for (float g : probe.getGradient().toFloatArray()) {
            sum += (double) g * g;
        }
        return sum;
    }
}
