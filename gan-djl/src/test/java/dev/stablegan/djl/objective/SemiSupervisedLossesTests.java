package dev.stablegan.djl.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SemiSupervisedLossesTests {
    @Test
    void logSumExpIsStableForLargeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(new double[] {0, Math.log(3), 1000, 1000}, new Shape(2, 2));
            // log(1 + 3) = log 4; 1000 + log 2.
            assertThat(SemiSupervisedLosses.logSumExp(l).toDoubleArray()).containsExactly(new double[] {Math.log(4), 1000 + Math.log(2)},
                    within(1e-12));
        }
    }

    @Test
    void supervisedLossIsTheCrossEntropyOfTheKClasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Row 0: logits (0, ln 3), label 1: p = 3/4, loss -ln(3/4). Row 1: (ln 2, 0), label 1: p = 1/3, loss ln 3.
            NDArray l = m.create(new double[] {0, Math.log(3), Math.log(2), 0}, new Shape(2, 2));
            NDArray y = m.create(new long[] {1, 1});
            double expected = (-Math.log(0.75) + Math.log(3)) / 2;
            assertThat(SemiSupervisedLosses.supervised(l, y).getDouble()).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void unsupervisedLossUsesDEqualsZOverZPlusOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Real logits (0, ln 3): Z = 4, D = 4/5, -log D = ln(5/4). Fake logits (ln 0.5, ln 0.5): Z = 1, D = 1/2,
            // -log(1 - D) = ln 2. Loss = (ln(5/4) + ln 2) / 2.
            NDArray real = m.create(new double[] {0, Math.log(3)}, new Shape(1, 2));
            NDArray fake = m.create(new double[] {Math.log(0.5), Math.log(0.5)}, new Shape(1, 2));
            assertThat(SemiSupervisedLosses.unsupervised(real, fake).getDouble()).isCloseTo((Math.log(1.25) + Math.log(2)) / 2,
                    within(1e-12));
            // Confident logits stay finite: Z = e^100 gives -log D ~ e^-100 and -log(1 - D) ~ 100.
            NDArray big = m.create(new double[] {100, 0}, new Shape(1, 2));
            double value = SemiSupervisedLosses.unsupervised(big, big).getDouble();
            assertThat(value).isCloseTo(50.0, within(1e-6));
        }
    }

    @Test
    void predictionsAreTheArgmaxOverTheKClasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(new float[] {0.1f, 2f, -1f, 5f, 0f, 1f}, new Shape(2, 3));
            assertThat(SemiSupervisedLosses.predictions(l).toLongArray()).containsExactly(1, 0);
        }
    }
}
