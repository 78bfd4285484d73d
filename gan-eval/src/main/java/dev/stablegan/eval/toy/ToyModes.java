package dev.stablegan.eval.toy;

import java.util.ArrayList;
import java.util.List;

/**
 * Mode metrics for generated samples of a 2-D mixture of isotropic Gaussians with equal weights and a shared
 * standard deviation {@code sigma} (Metz et al. 2017, section 3.1; Srivastava et al. 2017, section 5.1).
 *
 * <p>A sample {@code p} is high quality when {@code min_k ||p - mu_k||_2 <= 3 sigma}; it then belongs to its
 * nearest mode (the first in centre order on a tie). With {@code H} high-quality samples and {@code K} modes,
 * mode {@code k} holding {@code h_k} of them is covered when {@code h_k >= H / (4 K)} and {@code h_k >= 1}.
 * The reports use at least 2,500 samples; fewer are accepted but the counts get noisy.
 */
public final class ToyModes {
    private final double[][] centres;
    private final double sigma;

    /**
     * @param centres mode centres {@code mu_k}, each {@code {x, y}}, finite, at least one
     * @param sigma the per-mode standard deviation of the real data, finite and {@code > 0}
     */
    public ToyModes(double[][] centres, double sigma) {
        if (centres == null || centres.length == 0) {
            throw new IllegalArgumentException("centres: at least one mode centre is required");
        }
        this.centres = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            double[] c = centres[k];
            if (c == null || c.length != 2) {
                throw new IllegalArgumentException("centres: centre " + k + " must be {x, y}");
            }
            if (!Double.isFinite(c[0]) || !Double.isFinite(c[1])) {
                throw new IllegalArgumentException("centres: centre " + k + " must be finite, got (" + c[0] + ", " + c[1] + ")");
            }
            this.centres[k] = c.clone();
        }
        if (!(Double.isFinite(sigma) && sigma > 0)) {
            throw new IllegalArgumentException("sigma: must be a finite number > 0, got " + sigma);
        }
        this.sigma = sigma;
    }

    /** A copy of the mode centres, each {@code {x, y}}. */
    public double[][] centres() {
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            copy[k] = centres[k].clone();
        }
        return copy;
    }

    /** The per-mode standard deviation {@code sigma}. */
    public double sigma() {
        return sigma;
    }

    public int modeCount() {
        return centres.length;
    }

    /**
     * Metrics for {@code samples}, each {@code {x, y}}. Infinite coordinates count as far from every mode.
     *
     * @throws IllegalArgumentException if there are no samples, a row is not {@code {x, y}} or holds NaN
     */
    public ToyModeMetrics evaluate(double[][] samples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("samples: at least one sample is required");
        }
        Counter counter = new Counter();
        for (int i = 0; i < samples.length; i++) {
            double[] p = samples[i];
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("samples: row " + i + " must be {x, y}");
            }
            counter.add(i, p[0], p[1]);
        }
        return counter.result(samples.length);
    }

    /**
     * Metrics for samples stored as {@code x0, y0, x1, y1, ...}, as a {@code [n, 2]} float tensor is laid out.
     *
     * @throws IllegalArgumentException if the length is zero or odd, or a coordinate is NaN
     */
    public ToyModeMetrics evaluate(float[] interleavedXy) {
        if (interleavedXy == null || interleavedXy.length == 0) {
            throw new IllegalArgumentException("samples: at least one sample is required");
        }
        if (interleavedXy.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "samples: interleaved x, y needs an even length, got " + interleavedXy.length);
        }
        int n = interleavedXy.length / 2;
        Counter counter = new Counter();
        for (int i = 0; i < n; i++) {
            counter.add(i, interleavedXy[2 * i], interleavedXy[2 * i + 1]);
        }
        return counter.result(n);
    }

    /** Accumulates the high-quality samples per nearest mode. */
    private final class Counter {
        private final int[] perMode = new int[centres.length];
        private final double maxSquaredDistance = 9.0 * sigma * sigma;
        private int highQuality;

        void add(int row, double x, double y) {
            if (Double.isNaN(x) || Double.isNaN(y)) {
                throw new IllegalArgumentException("samples: row " + row + " has NaN (" + x + ", " + y + ")");
            }
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centres.length; k++) {
                double dx = x - centres[k][0];
                double dy = y - centres[k][1];
                double d2 = dx * dx + dy * dy;
                if (d2 < best) {
                    best = d2;
                    nearest = k;
                }
            }
            if (nearest >= 0 && best <= maxSquaredDistance) {
                perMode[nearest]++;
                highQuality++;
            }
        }

        ToyModeMetrics result(int samples) {
            // h_k >= H / (4K), compared exactly in integers as 4 K h_k >= H.
            int covered = 0;
            List<Integer> counts = new ArrayList<>(perMode.length);
            for (int count : perMode) {
                counts.add(count);
                if (count >= 1 && 4L * perMode.length * count >= highQuality) {
                    covered++;
                }
            }
            return new ToyModeMetrics(
                    samples, highQuality, (double) highQuality / samples, covered, perMode.length, counts);
        }
    }
}
