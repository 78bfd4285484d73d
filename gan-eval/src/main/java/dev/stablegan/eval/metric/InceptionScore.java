package dev.stablegan.eval.metric;

import dev.stablegan.eval.FeatureMatrix;
import java.util.Locale;

/**
 * The Inception score of class probabilities {@code p(y|x)} (Salimans et al. 2016, section 4).
 *
 * <p>The {@code N} rows are cut into {@code s} splits with bounds {@code floor(i N / s)}; per split
 * {@code IS_j = exp(mean_x KL(p(y|x) || p_j(y)))} with {@code p_j(y)} the split's mean row; the score is the
 * mean of the {@code IS_j} and their population standard deviation (ddof 0), as in the authors' code
 * ({@code openai/improved-gan}, {@code inception_score/model.py}). Computed in float64 with
 * {@code 0 log 0 = 0} (the reference would give NaN for an exact zero).
 */
public final class InceptionScore {
    /** Splits of the reference implementation. */
    public static final int DEFAULT_SPLITS = 10;
    /** How far a row's sum may stray from 1 before it is refused as not a probability vector. */
    static final double ROW_SUM_TOLERANCE = 1e-3;

    private InceptionScore() {}

    /**
     * @param mean mean of the per-split scores
     * @param std population standard deviation of the per-split scores
     * @param splitScores {@code IS_j}, in split order
     * @param samples rows scored
     * @param classes columns of each row
     */
    public record Result(double mean, double std, double[] splitScores, int samples, int classes) {}

    /**
     * Scores the rows of {@code probabilities}, each a distribution over classes.
     *
     * @throws IllegalArgumentException when {@code splits} is not in {@code [1, N]}, or a row has a negative value or
     *     does not sum to 1 (within 1e-3), naming the source and the row
     */
    public static Result of(FeatureMatrix probabilities, int splits) {
        int n = probabilities.rows();
        int k = probabilities.cols();
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("splits: must be between 1 and the " + n + " samples of " + probabilities.source()
                    + ", got " + splits);
        }
        requireDistributions(probabilities);
        double[] p = probabilities.values();
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            double[] marginal = new double[k];
            for (int i = from; i < to; i++) {
                for (int c = 0; c < k; c++) {
                    marginal[c] += p[i * k + c];
                }
            }
            for (int c = 0; c < k; c++) {
                marginal[c] /= to - from;
            }
            double klSum = 0;
            for (int i = from; i < to; i++) {
                for (int c = 0; c < k; c++) {
                    double v = p[i * k + c];
                    if (v > 0) {
                        klSum += v * (Math.log(v) - Math.log(marginal[c]));
                    }
                }
            }
            scores[s] = Math.exp(klSum / (to - from));
        }
        Spread spread = Spread.of(scores);
        return new Result(spread.mean(), spread.std(), scores, n, k);
    }

    /**
     * Row-wise softmax of logits, for scoring a classifier's raw outputs: {@code p_c = exp(l_c - max l) / sum}.
     */
    public static FeatureMatrix softmax(FeatureMatrix logits) {
        int n = logits.rows();
        int k = logits.cols();
        double[] l = logits.values();
        double[] p = new double[n * k];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, l[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[i * k + c] = Math.exp(l[i * k + c] - max);
                sum += p[i * k + c];
            }
            for (int c = 0; c < k; c++) {
                p[i * k + c] /= sum;
            }
        }
        return new FeatureMatrix(logits.source() + " (softmax)", n, k, p);
    }

    private static void requireDistributions(FeatureMatrix probabilities) {
        int k = probabilities.cols();
        double[] p = probabilities.values();
        for (int i = 0; i < probabilities.rows(); i++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double v = p[i * k + c];
                if (v < 0) {
                    throw new IllegalArgumentException(probabilities.source() + ": row " + i + " has the negative value " + v
                            + " in column " + c + "; the Inception score needs probabilities (pass logits with --logits)");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: row %d sums to %.6g, not 1; the Inception score needs"
                        + " probabilities (pass logits with --logits)", probabilities.source(), i, sum));
            }
        }
    }
}
