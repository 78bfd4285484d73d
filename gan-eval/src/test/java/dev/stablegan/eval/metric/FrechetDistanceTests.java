package dev.stablegan.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.eval.FeatureMatrix;
import org.junit.jupiter.api.Test;

class FrechetDistanceTests {
    @Test
    void unitGaussiansOneApartInEveryDimensionAreDApart() {
        int d = 6;
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1.0);
        GaussianMoments a = new GaussianMoments(100, new double[d], identity(d));
        GaussianMoments b = new GaussianMoments(100, ones, identity(d));
        FrechetDistance.Result r = FrechetDistance.between(a, b);
        assertThat(r.value()).isCloseTo(d, within(1e-12));
        assertThat(r.meanTerm()).isCloseTo(d, within(1e-12));
        assertThat(r.traceTerm()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void correlatedAgainstDiagonalCovarianceMatchesTheHandValue() {
        // |dmu|^2 = 1 + 4 = 5; tr S1 + tr S2 = 4 + 4; S1 S2 = [[2,3],[1,6]] has trace 8 and determinant 9, so
        // tr sqrt(S1 S2) = sqrt(8 + 2 sqrt 9) = sqrt 14 and FID = 13 - 2 sqrt 14.
        GaussianMoments a = new GaussianMoments(10, new double[] {0, 0}, new double[] {2, 1, 1, 2});
        GaussianMoments b = new GaussianMoments(10, new double[] {1, 2}, new double[] {1, 0, 0, 3});
        assertThat(FrechetDistance.between(a, b).value()).isCloseTo(13 - 2 * Math.sqrt(14), within(1e-13));
        assertThat(13 - 2 * Math.sqrt(14)).isCloseTo(5.516685226452117, within(1e-15));
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredRootDifferences() {
        double[] va = {1, 4, 9, 0.25};
        double[] vb = {4, 1, 1, 2.25};
        double[] mb = {0.5, -1, 0, 2};
        double expected = 0.25 + 1 + 0 + 4; // |dmu|^2
        for (int i = 0; i < 4; i++) {
            expected += Math.pow(Math.sqrt(va[i]) - Math.sqrt(vb[i]), 2);
        }
        FrechetDistance.Result r = FrechetDistance.between(new GaussianMoments(5, new double[4], diagonal(va)),
                new GaussianMoments(5, mb, diagonal(vb)));
        assertThat(r.value()).isCloseTo(expected, within(1e-12));
        assertThat(r.factor()).startsWith("cholesky");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aSingularCovarianceIsComputedExactlyAndWarned() {
        // S1 = diag(4, 0): the Cholesky factor does not exist; the eigen factor gives the exact value.
        // With S2 = diag(1, 9): |dmu|^2 = 0, (2 - 1)^2 + (0 - 3)^2 = 10.
        FrechetDistance.Result r = FrechetDistance.between(new GaussianMoments(5, new double[2], diagonal(new double[] {4, 0})),
                new GaussianMoments(5, new double[2], diagonal(new double[] {1, 9})));
        assertThat(r.value()).isCloseTo(10.0, within(1e-12));
        assertThat(r.factor()).startsWith("eigen");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("singular"));
    }

    @Test
    void samplesWithAConstantFeatureAreExactAndWarned() {
        // 40 samples of (t, 0) and 40 of (2t', 3s): the first set's second feature is constant.
        double[][] a = new double[40][];
        double[][] b = new double[40][];
        for (int i = 0; i < 40; i++) {
            a[i] = new double[] {Math.sin(i), 0.0};
            b[i] = new double[] {2 * Math.cos(1.7 * i), 3 * Math.sin(0.3 + 2.1 * i)};
        }
        FeatureMatrix fa = FeatureMatrix.of("collapsed", a);
        FeatureMatrix fb = FeatureMatrix.of("spread", b);
        GaussianMoments ma = GaussianMoments.of(fa);
        GaussianMoments mb = GaussianMoments.of(fb);
        // Hand route for S1 = diag(s, 0): S1 S2 has eigenvalues s * S2[0][0] and 0.
        double s = ma.covariance()[0];
        double expected = squared(ma.mean(), mb.mean()) + s + mb.covariance()[0] + mb.covariance()[3]
                - 2 * Math.sqrt(s * mb.covariance()[0]);
        FrechetDistance.Result r = FrechetDistance.between(fa, fb);
        assertThat(r.value()).isCloseTo(expected, within(1e-10));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("collapsed").contains("singular"));
    }

    @Test
    void fewerSamplesThanDimensionsUseTheSamplesAsFactorAndWarn() {
        // Two samples in 3-D: rank-1 covariance. Every route must agree with the eigen factor of the moments.
        FeatureMatrix few = FeatureMatrix.of("few", new double[][] {{1, 2, 0}, {3, -1, 1}});
        double[][] many = new double[30][];
        for (int i = 0; i < 30; i++) {
            many[i] = new double[] {Math.sin(i), Math.cos(2.3 * i) * 2, Math.sin(0.7 * i + 1)};
        }
        FeatureMatrix other = FeatureMatrix.of("many", many);
        FrechetDistance.Result fromSamples = FrechetDistance.between(other, few);
        FrechetDistance.Result fromMoments = FrechetDistance.between(GaussianMoments.of(few), GaussianMoments.of(other));
        assertThat(fromSamples.factor()).isEqualTo("samples of few");
        assertThat(fromMoments.factor()).isEqualTo("eigen of real");
        assertThat(fromSamples.value()).isCloseTo(fromMoments.value(), within(1e-10));
        assertThat(fromSamples.warnings()).anySatisfy(w -> assertThat(w).contains("few").contains("2 samples in 3 dimensions"));
    }

    @Test
    void identicalSetsAreZeroApart() {
        double[][] rows = new double[50][];
        for (int i = 0; i < 50; i++) {
            rows[i] = new double[] {Math.sin(i), Math.cos(3 * i), Math.sin(0.5 * i) * Math.cos(i)};
        }
        FeatureMatrix x = FeatureMatrix.of("x", rows);
        assertThat(FrechetDistance.between(x, x).value()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void mismatchedOrTooSmallSetsAreRefusedByName() {
        FeatureMatrix a = FeatureMatrix.of("A.npy", new double[][] {{1, 2}, {3, 4}});
        FeatureMatrix b = FeatureMatrix.of("B.npy", new double[][] {{1, 2, 3}, {4, 5, 6}});
        FeatureMatrix one = FeatureMatrix.of("C.npy", new double[][] {{1, 2}});
        assertThatThrownBy(() -> FrechetDistance.between(a, b)).hasMessageContaining("A.npy has 2").hasMessageContaining("B.npy has 3");
        assertThatThrownBy(() -> FrechetDistance.between(a, one)).hasMessageContaining("C.npy").hasMessageContaining("at least 2");
    }

    static double[] identity(int d) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = 1;
        }
        return m;
    }

    static double[] diagonal(double[] v) {
        double[] m = new double[v.length * v.length];
        for (int i = 0; i < v.length; i++) {
            m[i * v.length + i] = v[i];
        }
        return m;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}
