package dev.stablegan.eval.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ToyModesTests {
    /** Eight modes on a circle of radius 2, sigma 0.02 (as 8gaussians before its scaling). */
    private static final ToyModes RING = new ToyModes(ring(8, 2.0), 0.02);

    @Test
    void samplesAllAtOneModeCoverOnlyThatMode() {
        double[][] samples = new double[2500][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new double[] {2.0 + 0.01, 0.0}; // half a sigma from mode 0 at (2, 0)
        }
        ToyModeMetrics metrics = RING.evaluate(samples);

        assertThat(metrics.highQualityFraction()).isEqualTo(1.0);
        assertThat(metrics.modesCovered()).isEqualTo(1);
        assertThat(metrics.modesTotal()).isEqualTo(8);
        assertThat(metrics.highQualityPerMode()).containsExactly(2500, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void samplesSpreadEvenlyOverTheModesCoverEveryMode() {
        // 2504 = 8 * 313 samples, each 2 sigma from its mode in a direction that turns with i.
        double[][] centres = RING.centres();
        double[][] samples = new double[2504][];
        for (int i = 0; i < samples.length; i++) {
            double[] c = centres[i % 8];
            double angle = 0.1 * i;
            samples[i] = new double[] {c[0] + 0.04 * Math.cos(angle), c[1] + 0.04 * Math.sin(angle)};
        }
        ToyModeMetrics metrics = RING.evaluate(samples);

        assertThat(metrics.highQualitySamples()).isEqualTo(2504);
        assertThat(metrics.highQualityFraction()).isEqualTo(1.0);
        assertThat(metrics.modesCovered()).isEqualTo(8);
        assertThat(metrics.highQualityPerMode()).containsOnly(313);
    }

    @Test
    void samplesFarFromEveryModeAreNotHighQualityAndCoverNothing() {
        double[][] samples = new double[2500][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new double[] {100.0, -100.0};
        }
        ToyModeMetrics metrics = RING.evaluate(samples);

        assertThat(metrics.highQualitySamples()).isZero();
        assertThat(metrics.highQualityFraction()).isEqualTo(0.0);
        assertThat(metrics.modesCovered()).isZero();
    }

    @Test
    void sampleExactlyThreeSigmaAwayIsHighQualityAndOneJustBeyondIsNot() {
        ToyModes single = new ToyModes(new double[][] {{0, 0}}, 1.0);
        // (3, 0) and (0, -3) are at exactly 3 sigma; (3, 1e-3) at sqrt(9 + 1e-6) > 3; (0, -3.01) at 3.01.
        ToyModeMetrics metrics = single.evaluate(new double[][] {{3, 0}, {3, 1e-3}, {0, -3}, {0, -3.01}});

        assertThat(metrics.highQualitySamples()).isEqualTo(2);
        assertThat(metrics.highQualityFraction()).isEqualTo(0.5);
    }

    @Test
    void modeWithAQuarterOfItsFairShareIsCoveredAndOneBelowIsNot() {
        // Two modes, 80 high-quality samples: the fair share is 40, a quarter of it 10.
        ToyModes two = new ToyModes(new double[][] {{-1, 0}, {1, 0}}, 0.1);
        assertThat(two.evaluate(atModes(70, 10)).modesCovered()).isEqualTo(2);
        assertThat(two.evaluate(atModes(71, 9)).modesCovered()).isEqualTo(1);
    }

    @Test
    void farSamplesLowerTheFractionButNotTheFairShare() {
        // 70 + 10 high-quality samples and 20 far away: fraction 80 / 100, the quarter share still 10.
        ToyModes two = new ToyModes(new double[][] {{-1, 0}, {1, 0}}, 0.1);
        double[][] near = atModes(70, 10);
        double[][] samples = new double[100][];
        System.arraycopy(near, 0, samples, 0, near.length);
        for (int i = near.length; i < samples.length; i++) {
            samples[i] = new double[] {0, 5};
        }
        ToyModeMetrics metrics = two.evaluate(samples);

        assertThat(metrics.highQualityFraction()).isCloseTo(0.8, within(1e-12));
        assertThat(metrics.modesCovered()).isEqualTo(2);
    }

    @Test
    void interleavedFloatsGiveTheSameMetricsAsRows() {
        double[][] rows = {{2.0, 0.0}, {0.0, 2.01}, {0.0, 0.0}, {-2.0, 0.03}};
        float[] interleaved = new float[rows.length * 2];
        for (int i = 0; i < rows.length; i++) {
            interleaved[2 * i] = (float) rows[i][0];
            interleaved[2 * i + 1] = (float) rows[i][1];
        }
        ToyModeMetrics fromRows = RING.evaluate(rows);

        assertThat(RING.evaluate(interleaved)).isEqualTo(fromRows);
        assertThat(fromRows.highQualitySamples()).isEqualTo(3);
    }

    @Test
    void scalarsCarryTheMetricNames() {
        Map<String, Double> scalars = RING.evaluate(new double[][] {{2, 0}}).asScalars();
        assertThat(scalars).containsExactly(
                Map.entry("high_quality_fraction", 1.0), Map.entry("modes_covered", 1.0), Map.entry("modes_total", 8.0));
    }

    @Test
    void rejectsNaNNamingTheRow() {
        double[][] samples = {{2, 0}, {Double.NaN, 0}};
        assertThatThrownBy(() -> RING.evaluate(samples))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> RING.evaluate(new float[] {0, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void countsInfiniteCoordinatesAsFarAway() {
        ToyModeMetrics metrics = RING.evaluate(new double[][] {{Double.POSITIVE_INFINITY, 0}, {2, 0}});
        assertThat(metrics.highQualitySamples()).isEqualTo(1);
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> RING.evaluate(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> RING.evaluate(new double[][] {{1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0");
        assertThatThrownBy(() -> RING.evaluate(new float[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even length");
        assertThatThrownBy(() -> new ToyModes(new double[][] {{0, 0}}, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new ToyModes(new double[0][], 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("centres");
    }

    @Test
    void centresAreCopiedInAndOut() {
        double[][] centres = {{1, 2}};
        ToyModes modes = new ToyModes(centres, 1.0);
        centres[0][0] = 99;
        modes.centres()[0][1] = 99;
        assertThat(modes.centres()[0]).containsExactly(1, 2);
        assertThat(modes.modeCount()).isEqualTo(1);
        assertThat(modes.sigma()).isEqualTo(1.0);
    }

    private static double[][] ring(int count, double radius) {
        double[][] centres = new double[count][];
        for (int k = 0; k < count; k++) {
            double angle = 2 * Math.PI * k / count;
            centres[k] = new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
        }
        return centres;
    }

    /** {@code left} samples at (-1, 0) and {@code right} at (1, 0). */
    private static double[][] atModes(int left, int right) {
        double[][] samples = new double[left + right][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new double[] {i < left ? -1 : 1, 0};
        }
        return samples;
    }
}
