package dev.stablegan.eval.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.djl.Devices;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.linalg.Float64Arrays;

/**
 * Mean and sample covariance of a set of feature vectors, the statistics FID compares (Heusel et al. 2017).
 *
 * <p>{@code mu = (1/N) sum x_i}, {@code Sigma = (1/(N-1)) sum (x_i - mu)(x_i - mu)^T} (ddof 1, as NumPy's
 * {@code np.cov}), in float64.
 *
 * @param count samples behind the statistics ({@code N})
 * @param mean {@code mu}, {@code d} values
 * @param covariance {@code Sigma}, {@code d x d} row-major
 */
public record GaussianMoments(int count, double[] mean, double[] covariance) {
    public GaussianMoments {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("mean: at least one dimension is required");
        }
        if (covariance == null || covariance.length != (long) mean.length * mean.length) {
            throw new IllegalArgumentException("covariance: expected " + mean.length + " x " + mean.length + " values, got "
                    + (covariance == null ? 0 : covariance.length));
        }
        for (double v : mean) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("mean: every value must be finite, got " + v);
            }
        }
        for (double v : covariance) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("covariance: every value must be finite, got " + v);
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("count: a covariance needs at least 2 samples, got " + count);
        }
    }

    /** Feature dimension {@code d}. */
    public int dimension() {
        return mean.length;
    }

    /**
     * The statistics of the rows of {@code x}.
     *
     * @throws IllegalArgumentException with fewer than 2 samples, naming the source
     */
    public static GaussianMoments of(FeatureMatrix x) {
        x.requireRows(2, "a covariance");
        try (NDManager manager = Devices.newHostManager()) {
            NDArray data = Float64Arrays.upload(manager, x);
            NDArray mean = data.mean(new int[] {0});
            NDArray covariance = Float64Arrays.covarianceOfCentred(data.sub(mean));
            return new GaussianMoments(x.rows(), Float64Arrays.download(mean), Float64Arrays.download(covariance));
        }
    }
}
