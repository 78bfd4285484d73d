package dev.stablegan.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.eval.FeatureMatrix;
import org.junit.jupiter.api.Test;

class PrecisionRecallDensityCoverageTests {
    /** Reals at 0, 1, 2, 3, 4 on a line. */
    private static final FeatureMatrix REAL = column("real", 0, 1, 2, 3, 4);

    @Test
    void oneDimensionalPointsMatchTheHandCount() {
        // k = 1 for all four. Real radii (nearest other real): 1 for every real.
        // Fakes at 0.5, 4.9, 10, 10.5; fake radii (nearest other fake): 4.4, 4.4, 0.5, 0.5.
        // Precision: 0.5 is within 1 of a real (<= 1), 4.9 is 0.9 from 4: yes; 10 and 10.5: no -> 2/4.
        // Recall: a real counts when within some fake's radius: every real is within 4.4 of 0.5 -> 5/5.
        // Density (k = 1, strict <): fake 0.5 is < 1 from reals 0 and 1 -> 2; 4.9 is < 1 from 4 -> 1; -> 3 / (1 * 4).
        // Coverage: real i is covered when its nearest fake is < 1 away: 0 (0.5), 1 (0.5), 4 (0.9) -> 3/5.
        FeatureMatrix fake = column("fake", 0.5, 4.9, 10, 10.5);
        PrecisionRecallDensityCoverage.Result r = PrecisionRecallDensityCoverage.between(REAL, fake, 1, 1);
        assertThat(r.precision()).isCloseTo(0.5, within(1e-15));
        assertThat(r.recall()).isCloseTo(1.0, within(1e-15));
        assertThat(r.density()).isCloseTo(0.75, within(1e-15));
        assertThat(r.coverage()).isCloseTo(0.6, within(1e-15));
    }

    @Test
    void precisionAndRecallCountTiesButDensityAndCoverageDoNot() {
        // A fake exactly on a real's radius: at 5, distance 1 from the real 4 whose radius is 1.
        FeatureMatrix fake = column("fake", 5, 6);
        PrecisionRecallDensityCoverage.Result r = PrecisionRecallDensityCoverage.between(REAL, fake, 1, 1);
        assertThat(r.precision()).isCloseTo(0.5, within(1e-15)); // 5 counts (<=), 6 does not
        assertThat(r.density()).isZero(); // 1 < 1 is false
        assertThat(r.coverage()).isZero();
    }

    @Test
    void theKthNeighbourSkipsTheSampleItself() {
        // k = 2: each real's radius is its second nearest other real: 2 for the ends (0 -> 2), 1 inside (1 -> 0 and 2).
        // A fake at -1.5 is 1.5 from 0 (radius 2): inside the real manifold only because k counts others.
        FeatureMatrix fake = column("fake", -1.5, 20, 30);
        assertThat(PrecisionRecallDensityCoverage.between(REAL, fake, 2, 2).precision()).isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void identicalSetsHaveFullPrecisionRecallAndCoverage() {
        double[][] rows = new double[60][];
        for (int i = 0; i < 60; i++) {
            rows[i] = new double[] {Math.sin(i), Math.cos(2 * i), 0.5 * Math.sin(3 * i + 1)};
        }
        FeatureMatrix x = FeatureMatrix.of("x", rows);
        PrecisionRecallDensityCoverage.Result r = PrecisionRecallDensityCoverage.between(x, x, 3, 5);
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(r.recall()).isEqualTo(1.0);
        assertThat(r.coverage()).isEqualTo(1.0);
    }

    @Test
    void tooFewSamplesForKAreRefusedByName() {
        FeatureMatrix fake = column("B.npy", 1, 2, 3);
        assertThatThrownBy(() -> PrecisionRecallDensityCoverage.between(REAL, fake, 3, 5)).hasMessageContaining("real")
                .hasMessageContaining("at least 6");
        assertThatThrownBy(() -> PrecisionRecallDensityCoverage.between(REAL, fake, 3, 1)).hasMessageContaining("B.npy")
                .hasMessageContaining("at least 4");
        assertThatThrownBy(() -> PrecisionRecallDensityCoverage.between(REAL, fake, 0, 1)).hasMessageContaining("k");
    }

    private static FeatureMatrix column(String name, double... values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
        }
        return FeatureMatrix.of(name, rows);
    }
}
