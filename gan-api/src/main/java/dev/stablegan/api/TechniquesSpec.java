package dev.stablegan.api;

/**
 * The stabilizing techniques of Salimans et al. 2016 (section 3) a {@link GanSpec} switches on; {@link #NONE} by
 * default. One-sided label smoothing (section 3.4) is part of the objective: {@link ObjectiveSpec.Minimax} with
 * {@code realLabel < 1}.
 *
 * <ul>
 *   <li>{@code featureMatching} (section 3.1): when not null, the generator's loss is
 *       {@code d(mean_x f(x), mean_z f(G(z)))} on the activations {@code f} that enter the critic's last linear
 *       layer (before minibatch discrimination, if on), instead of the objective's generator loss.
 *   <li>{@code historicalAveraging} (section 3.3): weight {@code w >= 0} of
 *       {@code w || theta - (1/t) sum_{i=1..t} theta[i] ||^2}, added to both players' losses (0: off).
 *   <li>{@code minibatchKernels}, {@code minibatchKernelDims} (section 3.2): B kernels of C dimensions of
 *       minibatch discrimination in front of the critic's last linear layer (0 kernels: off).
 *   <li>{@code virtualBatchReference} (section 3.5): R, the size of the fixed reference batch of latent vectors
 *       with which virtual batch norm replaces every batch norm of the generator (0: off).
 * </ul>
 */
public record TechniquesSpec(FeatureDistance featureMatching, double historicalAveraging, int minibatchKernels,
        int minibatchKernelDims, int virtualBatchReference) {

    /** No technique: the objective alone. */
    public static final TechniquesSpec NONE = new TechniquesSpec(null, 0, 0, 0, 0);

    /** How feature matching compares the two mean feature vectors {@code m_r} and {@code m_g}. */
    public enum FeatureDistance {
        /** {@code || m_r - m_g ||_2^2}, the paper's objective. */
        SQUARED_L2,
        /** {@code mean_k (m_r - m_g)_k^2}, what the authors' MNIST script minimizes. */
        MEAN_SQUARED,
        /** {@code mean_k |m_r - m_g|_k}, what the authors' CIFAR-10 and SVHN scripts minimize. */
        MEAN_ABSOLUTE
    }

    public TechniquesSpec {
        SpecChecks.nonNegative("techniques.historicalAveraging", historicalAveraging);
        SpecChecks.nonNegative("techniques.minibatchKernels", (long) minibatchKernels);
        SpecChecks.nonNegative("techniques.minibatchKernelDims", (long) minibatchKernelDims);
        SpecChecks.nonNegative("techniques.virtualBatchReference", (long) virtualBatchReference);
        if (minibatchKernels > 0 && minibatchKernelDims == 0) {
            throw new IllegalArgumentException("techniques.minibatchKernelDims: must be >= 1 when minibatchKernels is "
                    + minibatchKernels);
        }
        if (minibatchKernels == 0 && minibatchKernelDims != 0) {
            throw new IllegalArgumentException("techniques.minibatchKernelDims: must be 0 when minibatch discrimination is off");
        }
    }

    public boolean minibatchDiscrimination() {
        return minibatchKernels > 0;
    }

    public boolean virtualBatchNorm() {
        return virtualBatchReference > 0;
    }

    public boolean isNone() {
        return equals(NONE);
    }

    public TechniquesSpec withFeatureMatching(FeatureDistance distance) {
        return new TechniquesSpec(distance, historicalAveraging, minibatchKernels, minibatchKernelDims, virtualBatchReference);
    }

    public TechniquesSpec withHistoricalAveraging(double weight) {
        return new TechniquesSpec(featureMatching, weight, minibatchKernels, minibatchKernelDims, virtualBatchReference);
    }

    public TechniquesSpec withMinibatchDiscrimination(int kernels, int kernelDims) {
        return new TechniquesSpec(featureMatching, historicalAveraging, kernels, kernelDims, virtualBatchReference);
    }

    public TechniquesSpec withVirtualBatchNorm(int referenceSize) {
        return new TechniquesSpec(featureMatching, historicalAveraging, minibatchKernels, minibatchKernelDims, referenceSize);
    }
}
