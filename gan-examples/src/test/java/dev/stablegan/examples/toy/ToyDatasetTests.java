package dev.stablegan.examples.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.api.RandomStream;
import dev.stablegan.eval.toy.ToyModeMetrics;
import dev.stablegan.eval.toy.ToyModes;
import org.junit.jupiter.api.Test;

class ToyDatasetTests {

    @Test
    void eightGaussiansCentresAndStdAreTheScriptsAfterScaling() {
        ToyModes modes = ToyDataset.EIGHT_GAUSSIANS.modes().orElseThrow();
        // 2 (1, 0) / 1.414 = (1.41443, 0); 2 (1/sqrt2, 1/sqrt2) / 1.414 = (sqrt2/1.414, sqrt2/1.414) = (1.00015, 1.00015).
        assertThat(modes.centres()[0]).containsExactly(new double[] {2 / 1.414, 0}, within(1e-12));
        assertThat(modes.centres()[4]).containsExactly(new double[] {1.000151, 1.000151}, within(1e-6));
        assertThat(modes.centres()[7]).containsExactly(new double[] {-1.000151, -1.000151}, within(1e-6));
        assertThat(modes.sigma()).isCloseTo(0.02 / 1.414, within(1e-15));
        assertThat(modes.modeCount()).isEqualTo(8);
    }

    @Test
    void twentyFiveGaussiansCentresAndStdAreTheScriptsAfterScaling() {
        ToyModes modes = ToyDataset.TWENTY_FIVE_GAUSSIANS.modes().orElseThrow();
        // (2x, 2y) / 2.828 for x, y in -2..2: the corner (-4, -4) / 2.828 = (-1.41443, -1.41443), the middle (0, 0).
        assertThat(modes.centres()[0]).containsExactly(new double[] {-4 / 2.828, -4 / 2.828}, within(1e-12));
        assertThat(modes.centres()[12]).containsExactly(new double[] {0, 0}, within(1e-12));
        assertThat(modes.sigma()).isCloseTo(0.05 / 2.828, within(1e-15));
        assertThat(modes.modeCount()).isEqualTo(25);
    }

    @Test
    void swissRollHasNoModes() {
        assertThat(ToyDataset.SWISS_ROLL.modes()).isEmpty();
    }

    @Test
    void eightGaussiansModesHaveTheirCentreAsMeanAndSigmaAsStd() {
        checkModeStatistics(ToyDataset.EIGHT_GAUSSIANS, 16_000);
    }

    @Test
    void twentyFiveGaussiansModesHaveTheirCentreAsMeanAndSigmaAsStd() {
        checkModeStatistics(ToyDataset.TWENTY_FIVE_GAUSSIANS, 50_000);
    }

    @Test
    void realSamplesScoreFullMarksOnTheModeMetrics() {
        // 3 sigma holds 1 - e^-4.5 = 98.9% of a 2-D isotropic Gaussian.
        for (ToyDataset dataset : new ToyDataset[] {ToyDataset.EIGHT_GAUSSIANS, ToyDataset.TWENTY_FIVE_GAUSSIANS}) {
            ToyModes modes = dataset.modes().orElseThrow();
            ToyModeMetrics metrics = modes.evaluate(dataset.sample(new RandomStream(3), 2500));
            assertThat(metrics.modesCovered()).as(dataset.id()).isEqualTo(modes.modeCount());
            assertThat(metrics.highQualityFraction()).as(dataset.id()).isCloseTo(1 - Math.exp(-4.5), within(0.01));
        }
    }

    @Test
    void swissRollRadiusIsItsRollParameter() {
        // Without noise |p| * 7.5 = t with t uniform on [1.5 pi, 4.5 pi]: mean 3 pi = 9.4248, std (width / sqrt 12)
        // 3 pi / sqrt 12 = 2.7207. The noise (0.25 per axis) moves the radius by about 0.25, and its mean by
        // about 0.25^2 / (2t) < 0.01.
        int n = 20_000;
        double[][] rows = ToyDataset.SWISS_ROLL.sampleRows(new RandomStream(11), n);
        double sum = 0;
        double sumSquares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] p : rows) {
            double radius = 7.5 * Math.hypot(p[0], p[1]);
            sum += radius;
            sumSquares += radius * radius;
            min = Math.min(min, radius);
            max = Math.max(max, radius);
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSquares / n - mean * mean);
        // Standard error of the mean 2.72 / sqrt(20000) = 0.019, of the std about 0.009; tolerances about 4-5 of them.
        assertThat(mean).isCloseTo(3 * Math.PI, within(0.08));
        assertThat(std).isCloseTo(3 * Math.PI / Math.sqrt(12), within(0.05));
        assertThat(min).isBetween(1.5 * Math.PI - 1.5, 1.5 * Math.PI + 0.1);
        assertThat(max).isBetween(4.5 * Math.PI - 0.1, 4.5 * Math.PI + 1.5);
    }

    @Test
    void sameSeedGivesSameSamplesAndAnotherSeedOthers() {
        for (ToyDataset dataset : ToyDataset.values()) {
            float[] first = dataset.sample(new RandomStream(42), 64);
            assertThat(dataset.sample(new RandomStream(42), 64)).as(dataset.id()).containsExactly(first);
            assertThat(dataset.sample(new RandomStream(43), 64)).as(dataset.id()).isNotEqualTo(first);
        }
    }

    @Test
    void twoDrawsInSequenceEqualOneDrawOfBoth() {
        // A resumed run restores the stream state and must see what an uninterrupted run would have.
        for (ToyDataset dataset : ToyDataset.values()) {
            float[] whole = dataset.sample(new RandomStream(5), 30);
            RandomStream stream = new RandomStream(5);
            float[] head = dataset.sample(stream, 10);
            RandomStream resumed = new RandomStream(0);
            resumed.restore(stream.state());
            float[] tail = dataset.sample(resumed, 20);

            float[] joined = new float[60];
            System.arraycopy(head, 0, joined, 0, 20);
            System.arraycopy(tail, 0, joined, 20, 40);
            assertThat(joined).as(dataset.id()).containsExactly(whole);
        }
    }

    @Test
    void sampleRowsHoldTheSamePointsAsTheInterleavedArray() {
        float[] flat = ToyDataset.EIGHT_GAUSSIANS.sample(new RandomStream(8), 3);
        double[][] rows = ToyDataset.EIGHT_GAUSSIANS.sampleRows(new RandomStream(8), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(rows[i]).containsExactly(flat[2 * i], flat[2 * i + 1]);
        }
    }

    @Test
    void byNameFindsEveryIdIgnoringCaseAndBlanks() {
        assertThat(ToyDataset.byName("8gaussians")).isEqualTo(ToyDataset.EIGHT_GAUSSIANS);
        assertThat(ToyDataset.byName(" 25Gaussians ")).isEqualTo(ToyDataset.TWENTY_FIVE_GAUSSIANS);
        assertThat(ToyDataset.byName("SWISSROLL")).isEqualTo(ToyDataset.SWISS_ROLL);
        assertThat(ToyDataset.names()).containsExactly("8gaussians", "25gaussians", "swissroll");
    }

    @Test
    void byNameRejectsUnknownNamesListingTheAcceptedOnes() {
        assertThatThrownBy(() -> ToyDataset.byName("9gaussians"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'9gaussians'")
                .hasMessageContaining("8gaussians, 25gaussians, swissroll");
        assertThatThrownBy(() -> ToyDataset.byName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Assigns each sample to its nearest centre (modes are over 50 sigma apart, so this is exact) and checks
     * the mode frequencies, means and per-axis standard deviations, each within about 4.5 standard errors.
     */
    private static void checkModeStatistics(ToyDataset dataset, int n) {
        ToyModes modes = dataset.modes().orElseThrow();
        double[][] centres = modes.centres();
        int k = centres.length;
        double sigma = modes.sigma();
        double[][] rows = dataset.sampleRows(new RandomStream(2024), n);

        int[] count = new int[k];
        double[][] sum = new double[k][2];
        double[][] sumSquares = new double[k][2];
        for (double[] p : rows) {
            int m = nearest(centres, p);
            count[m]++;
            for (int a = 0; a < 2; a++) {
                double d = p[a] - centres[m][a];
                sum[m][a] += d;
                sumSquares[m][a] += d * d;
            }
        }
        double expectedCount = (double) n / k;
        for (int m = 0; m < k; m++) {
            // Binomial count: std sqrt(n p (1-p)).
            assertThat((double) count[m]).as("count of mode %d", m)
                    .isCloseTo(expectedCount, within(4.5 * Math.sqrt(expectedCount * (1 - 1.0 / k))));
            for (int a = 0; a < 2; a++) {
                double meanOffset = sum[m][a] / count[m];
                double std = Math.sqrt(sumSquares[m][a] / count[m] - meanOffset * meanOffset);
                assertThat(meanOffset).as("mean offset of mode %d axis %d", m, a)
                        .isCloseTo(0.0, within(4.5 * sigma / Math.sqrt(count[m])));
                assertThat(std / sigma).as("std / sigma of mode %d axis %d", m, a)
                        .isCloseTo(1.0, within(4.5 / Math.sqrt(2.0 * count[m])));
            }
        }
    }

    private static int nearest(double[][] centres, double[] p) {
        int best = 0;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int m = 0; m < centres.length; m++) {
            double d2 = Math.pow(p[0] - centres[m][0], 2) + Math.pow(p[1] - centres[m][1], 2);
            if (d2 < bestD2) {
                bestD2 = d2;
                best = m;
            }
        }
        return best;
    }
}
