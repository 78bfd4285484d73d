package dev.stablegan.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NgramJensenShannonTests {
    @Test
    void equalCorporaAreZeroApartAndDisjointOnesOneBit() {
        List<String> a = List.of("abc", "hello world");
        assertThat(NgramJensenShannon.between(a, List.of("hello world", "abc"), 4).byOrder()).containsOnly(0.0);
        // Lines of 32 characters leave no pad, so "x..." and "y..." share no n-gram.
        String xs = "x".repeat(32);
        String ys = "y".repeat(32);
        assertThat(NgramJensenShannon.between(List.of(xs), List.of(ys), 3).byOrder())
                .containsExactly(new double[] {1.0, 1.0, 1.0}, within(1e-15));
    }

    @Test
    void aHalfSharedDistributionMatchesTheHandValue() {
        // p = {a: 1/2, b: 1/2}, q = {a: 1}; m = {a: 3/4, b: 1/4}.
        // KL(p||m) = 1/2 log2(2/3) + 1/2 log2(2); KL(q||m) = log2(4/3); JS = (KL(p||m) + KL(q||m)) / 2.
        double expected = 0.5 * (0.5 * log2(2.0 / 3) + 0.5 + log2(4.0 / 3));
        double js = NgramJensenShannon.divergence(Map.of("a", 16L, "b", 16L), Map.of("a", 32L));
        assertThat(js).isCloseTo(expected, within(1e-15));
        assertThat(js).isCloseTo(0.31127812445913283, within(1e-15));
    }

    @Test
    void linesAreCutOrPaddedToThirtyTwoCodePoints() {
        int[] shortLine = NgramJensenShannon.padded("hé");
        assertThat(shortLine).hasSize(32);
        assertThat(shortLine[0]).isEqualTo('h');
        assertThat(shortLine[1]).isEqualTo('é');
        assertThat(shortLine[2]).isEqualTo('`');
        String longLine = "0123456789".repeat(4);
        assertThat(new String(NgramJensenShannon.padded(longLine), 0, 32)).isEqualTo(longLine.substring(0, 32));
        // 33 - n windows per line.
        assertThat(NgramJensenShannon.counts(List.of(shortLine), 4).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(29);
    }

    @Test
    void aCountedReferenceGivesTheSameDivergencesEveryTime() {
        List<String> corpus = List.of("the cat sat", "a dog ran off", "the end");
        List<String> samples = List.of("the dog sat", "zzz");
        NgramJensenShannon.Reference reference = NgramJensenShannon.reference(corpus, 4);
        double[] direct = NgramJensenShannon.between(corpus, samples, 4).byOrder();
        assertThat(NgramJensenShannon.between(reference, samples).byOrder()).containsExactly(direct);
        assertThat(NgramJensenShannon.between(reference, List.of("the cat sat")).byOrder())
                .containsExactly(NgramJensenShannon.between(corpus, List.of("the cat sat"), 4).byOrder());
        assertThat(reference.lines()).isEqualTo(3);
        assertThat(direct[0]).isGreaterThan(0).isLessThan(direct[3]);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> NgramJensenShannon.between(List.of("a"), List.of("b"), 0)).hasMessageContaining("n:");
        assertThatThrownBy(() -> NgramJensenShannon.between(List.of(), List.of("b"), 1)).hasMessageContaining("reference");
        assertThatThrownBy(() -> NgramJensenShannon.between(List.of("a"), List.of(), 1)).hasMessageContaining("samples");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
