package dev.stablegan.eval.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.djl.Devices;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.linalg.Float64Arrays;
import dev.stablegan.eval.linalg.SymmetricMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Frechet distance between Gaussians fitted to two sets of features (FID, Heusel et al. 2017, section 3).
 *
 * <p>{@code FID = |mu_1 - mu_2|^2 + tr S_1 + tr S_2 - 2 tr sqrt(S_1 S_2)}, with ddof-1 covariances in float64.
 * {@code S_1 S_2} is not symmetric, so the trace of its square root is taken on a symmetric matrix with the
 * same eigenvalues: for any factor {@code S_1 = F F^T}, {@code F^T S_2 F} is symmetric positive semi-definite
 * and {@code tr sqrt(S_1 S_2) = sum_i sqrt(lambda_i(F^T S_2 F))}. The factor is the Cholesky factor of
 * {@code S_1} when it is positive definite; the centred samples {@code X_c^T / sqrt(N - 1)} themselves when
 * {@code N <= d} (then {@code F^T S_2 F} is only {@code N x N}); otherwise, for a singular covariance with
 * {@code N > d}, {@code V sqrt(Lambda)} from its eigendecomposition. All three give the exact value for the
 * given covariances, with no added epsilon; a rank-deficient covariance adds a warning, because FID is then
 * strongly biased even though it is computed exactly. Eigenvalues below zero are rounding noise and count as
 * 0 (a warning says so when one is larger than rounding).
 */
public final class FrechetDistance {
    /** Relative size of a negative eigenvalue of {@code F^T S_2 F} beyond which it is not taken for rounding. */
    static final double NEGATIVE_EIGENVALUE_TOLERANCE = 1e-9;

    private FrechetDistance() {}

    /**
     * FID and its parts.
     *
     * @param value {@code meanTerm + traceTerm}
     * @param meanTerm {@code |mu_1 - mu_2|^2}
     * @param traceTerm {@code tr S_1 + tr S_2 - 2 tr sqrt(S_1 S_2)}
     * @param realCount samples of the first set
     * @param fakeCount samples of the second set
     * @param dimension feature dimension {@code d}
     * @param factor how {@code tr sqrt(S_1 S_2)} was reduced to a symmetric problem: {@code cholesky},
     *     {@code samples} or {@code eigen}, and of which set
     * @param warnings what makes the value less trustworthy than usual (empty when nothing does)
     */
    public record Result(double value, double meanTerm, double traceTerm, int realCount, int fakeCount, int dimension,
            String factor, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * FID between the rows of {@code real} and of {@code fake}.
     *
     * @throws IllegalArgumentException with fewer than 2 samples in a set or different dimensions, naming them
     */
    public static Result between(FeatureMatrix real, FeatureMatrix fake) {
        real.requireRows(2, "FID");
        fake.requireRows(2, "FID");
        real.requireSameDimension(fake);
        int d = real.cols();
        List<String> warnings = new ArrayList<>();
        warnIfFewSamples(real, warnings);
        warnIfFewSamples(fake, warnings);
        try (NDManager manager = Devices.newHostManager()) {
            Side a = Side.of(manager, real);
            Side b = Side.of(manager, fake);
            double meanTerm = squaredDistance(a.mean, b.mean);
            // tr sqrt(S_a S_b) = tr sqrt(S_b S_a): factor the set that makes the symmetric problem smallest.
            Side first = b.count < a.count && b.count <= d ? b : a;
            Side second = first == a ? b : a;
            TraceRoot root = traceRoot(manager, first, second.covariance, d, warnings);
            double traceTerm = trace(a.covarianceValues, d) + trace(b.covarianceValues, d) - 2 * root.value;
            return new Result(meanTerm + traceTerm, meanTerm, traceTerm, real.rows(), fake.rows(), d, root.factor, warnings);
        }
    }

    /**
     * FID between two Gaussians given by their statistics (for stored reference statistics).
     *
     * @throws IllegalArgumentException for different dimensions
     */
    public static Result between(GaussianMoments real, GaussianMoments fake) {
        if (real.dimension() != fake.dimension()) {
            throw new IllegalArgumentException("feature dimensions differ: real has " + real.dimension() + ", fake has " + fake.dimension());
        }
        int d = real.dimension();
        List<String> warnings = new ArrayList<>();
        try (NDManager manager = Devices.newHostManager()) {
            Side first = new Side("real", real.count(), real.mean(), real.covariance(),
                    Float64Arrays.upload(manager, real.covariance(), d, d), null);
            NDArray second = Float64Arrays.upload(manager, fake.covariance(), d, d);
            double meanTerm = squaredDistance(real.mean(), fake.mean());
            TraceRoot root = traceRoot(manager, first, second, d, warnings);
            double traceTerm = trace(real.covariance(), d) + trace(fake.covariance(), d) - 2 * root.value;
            return new Result(meanTerm + traceTerm, meanTerm, traceTerm, real.count(), fake.count(), d, root.factor, warnings);
        }
    }

    private record TraceRoot(double value, String factor) {}

    /** One set's statistics, in Java and in libtorch; {@code centred} is null when only moments are known. */
    private record Side(String name, int count, double[] mean, double[] covarianceValues, NDArray covariance, NDArray centred) {
        static Side of(NDManager manager, FeatureMatrix x) {
            NDArray data = Float64Arrays.upload(manager, x);
            NDArray mean = data.mean(new int[] {0});
            NDArray centred = data.sub(mean);
            data.close();
            NDArray covariance = Float64Arrays.covarianceOfCentred(centred);
            return new Side(x.source(), x.rows(), Float64Arrays.download(mean), Float64Arrays.download(covariance), covariance,
                    centred);
        }
    }

    /** {@code tr sqrt(S_first S_second)} through a factor of {@code S_first}. */
    private static TraceRoot traceRoot(NDManager manager, Side first, NDArray secondCovariance, int d, List<String> warnings) {
        NDArray factor;
        String how;
        if (first.centred != null && first.count <= d) {
            factor = first.centred.transpose().div(Math.sqrt(first.count - 1.0));
            how = "samples of " + first.name;
        } else {
            Optional<double[]> lower = SymmetricMatrices.choleskyLower(first.covarianceValues, d);
            if (lower.isPresent()) {
                factor = Float64Arrays.upload(manager, lower.get(), d, d);
                how = "cholesky of " + first.name;
            } else {
                warnings.add(first.name + ": the covariance is singular (constant or linearly dependent features, for example"
                        + " from collapsed samples); FID is computed exactly through its eigendecomposition");
                factor = Float64Arrays.upload(manager, SymmetricMatrices.semidefiniteFactor(first.covarianceValues, d), d, d);
                how = "eigen of " + first.name;
            }
        }
        NDArray product = factor.transpose().matMul(secondCovariance).matMul(factor);
        int k = (int) product.getShape().get(0);
        double[] eigenvalues = SymmetricMatrices.eigenvalues(SymmetricMatrices.symmetrized(Float64Arrays.download(product), k), k);
        double largest = 0;
        double smallest = 0;
        for (double v : eigenvalues) {
            largest = Math.max(largest, Math.abs(v));
            smallest = Math.min(smallest, v);
        }
        if (smallest < -NEGATIVE_EIGENVALUE_TOLERANCE * largest) {
            warnings.add(String.format(Locale.ROOT, "the product of the covariances has an eigenvalue %.3g below zero (largest %.3g):"
                    + " a covariance is not positive semi-definite beyond rounding; negative eigenvalues were counted as 0",
                    smallest, largest));
        }
        double sum = 0;
        for (double v : eigenvalues) {
            sum += Math.sqrt(Math.max(v, 0.0));
        }
        return new TraceRoot(sum, how);
    }

    private static void warnIfFewSamples(FeatureMatrix x, List<String> warnings) {
        if (x.rows() <= x.cols()) {
            warnings.add(x.source() + ": " + x.rows() + " samples in " + x.cols() + " dimensions, so the covariance has rank at most "
                    + (x.rows() - 1) + "; FID is exact for these sample covariances but strongly biased at this size (use more"
                    + " samples than dimensions, 10,000 or more for Inception features)");
        }
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    private static double trace(double[] matrix, int d) {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += matrix[i * d + i];
        }
        return sum;
    }
}
