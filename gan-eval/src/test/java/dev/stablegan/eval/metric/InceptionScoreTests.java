package dev.stablegan.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.eval.FeatureMatrix;
import org.junit.jupiter.api.Test;

class InceptionScoreTests {
    @Test
    void balancedOneHotPredictionsOverTenClassesScoreTen() {
        double[][] rows = new double[100][10];
        for (int i = 0; i < 100; i++) {
            rows[i][i % 10] = 1.0;
        }
        InceptionScore.Result r = InceptionScore.of(FeatureMatrix.of("one-hot", rows), 10);

        // Each split holds every class once: KL = log 10 per row, so exp(KL) = 10 in every split.
        assertThat(r.mean()).isCloseTo(10.0, within(1e-12));
        assertThat(r.std()).isCloseTo(0.0, within(1e-12));
        assertThat(r.splitScores()).hasSize(10);
    }

    @Test
    void constantPredictionsScoreOne() {
        double[][] rows = new double[50][];
        for (int i = 0; i < 50; i++) {
            rows[i] = new double[] {0.2, 0.3, 0.5};
        }
        assertThat(InceptionScore.of(FeatureMatrix.of("constant", rows), 5).mean()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void alternatingConfidentRowsWithOneSplitMatchTheHandValue() {
        double[][] rows = new double[10][];
        for (int i = 0; i < 10; i++) {
            rows[i] = i % 2 == 0 ? new double[] {0.9, 0.1} : new double[] {0.1, 0.9};
        }
        // p(y) = (.5, .5); KL per row = .9 ln(.9/.5) + .1 ln(.1/.5) = .9 ln 1.8 + .1 ln .2.
        InceptionScore.Result r = InceptionScore.of(FeatureMatrix.of("alternating", rows), 1);
        assertThat(r.mean()).isCloseTo(1.4449348111684153, within(1e-14));
        assertThat(r.std()).isZero();
    }

    @Test
    void splitBoundsAreFloorOfIntimesNOverS() {
        // 5 rows in 2 splits: [0, 2) and [2, 5). Split 0 is two identical rows (score 1); split 1 is one-hot over
        // three classes (score 3). Bounds i*N/s put row 2 in the second split; any other cut changes both scores.
        double[][] rows = {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        InceptionScore.Result r = InceptionScore.of(FeatureMatrix.of("rows", rows), 2);
        assertThat(r.splitScores()[0]).isCloseTo(1.0, within(1e-12));
        assertThat(r.splitScores()[1]).isCloseTo(3.0, within(1e-12));
        assertThat(r.mean()).isCloseTo(2.0, within(1e-12));
        assertThat(r.std()).isCloseTo(1.0, within(1e-12)); // population std of {1, 3}
    }

    @Test
    void softmaxOfLogitsGivesTheProbabilities() {
        FeatureMatrix p = InceptionScore.softmax(FeatureMatrix.of("logits", new double[][] {{0, Math.log(3)}, {1000, 1000}}));
        assertThat(p.row(0)).containsExactly(new double[] {0.25, 0.75}, within(1e-15));
        assertThat(p.row(1)).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
    }

    @Test
    void rowsThatAreNotDistributionsAreRefusedByRow() {
        FeatureMatrix logits = FeatureMatrix.of("P.npy", new double[][] {{0.5, 0.5}, {2.0, -1.0}});
        assertThatThrownBy(() -> InceptionScore.of(logits, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P.npy").hasMessageContaining("row 1").hasMessageContaining("--logits");
        FeatureMatrix unnormalized = FeatureMatrix.of("Q.npy", new double[][] {{0.5, 0.6}});
        assertThatThrownBy(() -> InceptionScore.of(unnormalized, 1)).hasMessageContaining("row 0 sums to 1.1");
    }

    @Test
    void splitsMustFitTheSamples() {
        FeatureMatrix p = FeatureMatrix.of("P.npy", new double[][] {{1, 0}, {0, 1}});
        assertThatThrownBy(() -> InceptionScore.of(p, 3)).hasMessageContaining("splits").hasMessageContaining("2 samples");
        assertThatThrownBy(() -> InceptionScore.of(p, 0)).hasMessageContaining("splits");
    }
}
