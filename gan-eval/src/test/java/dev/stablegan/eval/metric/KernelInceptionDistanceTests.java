package dev.stablegan.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.api.RandomStream;
import dev.stablegan.eval.FeatureMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KernelInceptionDistanceTests {
    @Test
    void twoPointsInOneDimensionMatchTheHandValue() {
        // d = 1, k(x, y) = (xy + 1)^3. X = {0, 1}: k(0,1) = 1, off-diagonal mean 1. Y = {1, 2}: k(1,2) = 27.
        // Cross terms k(0,1) + k(0,2) + k(1,1) + k(1,2) = 1 + 1 + 8 + 27 = 37, mean 9.25.
        // MMD^2 = 1 + 27 - 2 * 9.25 = 9.5; a subset of 2 out of 2 is always the whole set, so std = 0.
        FeatureMatrix x = FeatureMatrix.of("x", new double[][] {{0}, {1}});
        FeatureMatrix y = FeatureMatrix.of("y", new double[][] {{1}, {2}});
        KernelInceptionDistance.Result r = KernelInceptionDistance.between(x, y, 3, 2, 7L);
        assertThat(r.mean()).isCloseTo(9.5, within(1e-12));
        assertThat(r.std()).isCloseTo(0.0, within(1e-12));
        assertThat(r.subsetValues()).hasSize(3);
    }

    @Test
    void theKernelDividesTheDotProductByTheDimension() {
        // d = 2, X = {(0,0), (1,1)}, Y = {(1,1), (2,2)}: x.y / 2 gives the same dot products as the 1-D case.
        FeatureMatrix x = FeatureMatrix.of("x", new double[][] {{0, 0}, {1, 1}});
        FeatureMatrix y = FeatureMatrix.of("y", new double[][] {{1, 1}, {2, 2}});
        assertThat(KernelInceptionDistance.between(x, y, 1, 2, 0L).mean()).isCloseTo(9.5, within(1e-12));
    }

    @Test
    void theSameSeedDrawsTheSameSubsetsAndAnotherSeedOthers() {
        double[][] a = new double[40][];
        double[][] b = new double[40][];
        for (int i = 0; i < 40; i++) {
            a[i] = new double[] {Math.sin(i), Math.cos(1.3 * i)};
            b[i] = new double[] {Math.sin(0.7 * i) + 0.3, Math.cos(i) * 1.2};
        }
        FeatureMatrix x = FeatureMatrix.of("x", a);
        FeatureMatrix y = FeatureMatrix.of("y", b);
        KernelInceptionDistance.Result first = KernelInceptionDistance.between(x, y, 5, 10, 11L);
        KernelInceptionDistance.Result again = KernelInceptionDistance.between(x, y, 5, 10, 11L);
        KernelInceptionDistance.Result other = KernelInceptionDistance.between(x, y, 5, 10, 12L);
        assertThat(again.subsetValues()).containsExactly(first.subsetValues());
        assertThat(other.subsetValues()).isNotEqualTo(first.subsetValues());
        double mean = Arrays.stream(first.subsetValues()).average().orElseThrow();
        assertThat(first.mean()).isCloseTo(mean, within(1e-15));
    }

    @Test
    void subsetsAreDrawnWithoutReplacement() {
        int[] order = new int[20];
        for (int i = 0; i < 20; i++) {
            order[i] = i;
        }
        RandomStream random = new RandomStream(3);
        for (int round = 0; round < 50; round++) {
            long[] drawn = KernelInceptionDistance.drawWithoutReplacement(order, 20, random);
            assertThat(Arrays.stream(drawn).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                    16, 17, 18, 19);
        }
    }

    @Test
    void identicalDistributionsGiveEstimatesAroundZeroIncludingNegativeOnes() {
        double[][] a = new double[200][];
        for (int i = 0; i < 200; i++) {
            a[i] = new double[] {Math.sin(1.1 * i), Math.cos(0.9 * i), Math.sin(0.37 * i + 2)};
        }
        FeatureMatrix x = FeatureMatrix.of("x", a);
        KernelInceptionDistance.Result r = KernelInceptionDistance.between(x, x, 20, 50, 5L);
        assertThat(Math.abs(r.mean())).isLessThan(3 * r.std() / Math.sqrt(20) + 1e-12);
        assertThat(Arrays.stream(r.subsetValues()).min().orElseThrow()).isNegative();
    }

    @Test
    void badSettingsAreRefusedByName() {
        FeatureMatrix x = FeatureMatrix.of("A.npy", new double[][] {{0}, {1}, {2}});
        FeatureMatrix y = FeatureMatrix.of("B.npy", new double[][] {{0}, {1}});
        assertThatThrownBy(() -> KernelInceptionDistance.between(x, y, 0, 2, 0)).hasMessageContaining("subsets");
        assertThatThrownBy(() -> KernelInceptionDistance.between(x, y, 1, 1, 0)).hasMessageContaining("subset-size");
        assertThatThrownBy(() -> KernelInceptionDistance.between(x, y, 1, 3, 0)).hasMessageContaining("B.npy")
                .hasMessageContaining("subset-size 3");
    }
}
