package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RandomStreamTests {
    @Test
    void sameSeedGivesSameNumbers() {
        RandomStream a = new RandomStream(42);
        RandomStream b = new RandomStream(42);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void restoringTheStateRepeatsTheFuture() {
        RandomStream a = new RandomStream(7);
        a.gaussians(13);
        long saved = a.state();
        float[] expected = a.gaussians(5);
        RandomStream b = new RandomStream(0);
        b.restore(saved);
        assertThat(b.gaussians(5)).containsExactly(expected);
    }

    @Test
    void derivedStreamsDiffer() {
        assertThat(RandomStream.derive(1, "data").nextLong()).isNotEqualTo(RandomStream.derive(1, "noise").nextLong());
    }

    @Test
    void gaussiansHaveUnitMomentsAndUniformsStayInRange() {
        RandomStream r = new RandomStream(3);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
        }
        assertThat(sum / n).isCloseTo(0.0, within(0.01));
        assertThat(sumSq / n).isCloseTo(1.0, within(0.01));
        for (float u : r.uniforms(10_000)) {
            assertThat(u).isBetween(0f, 1f);
        }
    }

    @Test
    void nextIntCoversTheRangeEvenly() {
        RandomStream r = new RandomStream(5);
        int[] counts = new int[4];
        for (int i = 0; i < 40_000; i++) {
            counts[r.nextInt(4)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500);
        }
    }

    @Test
    void permutationsAreSeededFisherYatesShuffles() {
        int[] p = new RandomStream(7).permutation(50);
        assertThat(java.util.Arrays.stream(p).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 50).toArray());
        assertThat(new RandomStream(7).permutation(50)).isEqualTo(p);
        assertThat(new RandomStream(8).permutation(50)).isNotEqualTo(p);
        // The same draws by hand: swap i with nextInt(i + 1) from the end.
        RandomStream r = new RandomStream(7);
        int[] expected = java.util.stream.IntStream.range(0, 50).toArray();
        for (int i = 49; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertThat(p).isEqualTo(expected);
        assertThat(new RandomStream(1).permutation(0)).isEmpty();
    }
}
