package dev.stablegan.djl.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Every loss at the shared logits of {@link WithSharedLogits}, each expectation derived by hand. */
class LossesTests extends WithSharedLogits {
    /** float32 inputs: about 1e-7 relative error per operation on values of size up to about 40. */
    private static final double TOLERANCE = 1e-5;


    @Test
    void wassersteinCriticLossIsMeanFakeMinusMeanReal() {
        // 3.125 - 2.9 = 0.225
        assertThat(value(Losses.wassersteinCriticLoss(real, fake))).isCloseTo(0.225, within(TOLERANCE));
    }

    @Test
    void wassersteinGeneratorLossIsMinusMeanFake() {
        // -(10.0 + 4.4 - 5.5 + 3.6) / 4 = -12.5 / 4 = -3.125
        assertThat(value(Losses.wassersteinGeneratorLoss(fake))).isCloseTo(-3.125, within(TOLERANCE));
    }

    @Test
    void minimaxCriticLossMatchesBinaryCrossEntropyInDoublePrecision() {
        // Real term: mean softplus(-r) = (5.006715 + 0.220417 + 0.000004 + 0.065042) / 4 = 1.323045;
        // fake term: mean softplus(f) = (10.000045 + 4.412200 + 0.004078 + 3.626951) / 4 = 4.510821.
        double expected = mean(REAL, r -> softplus(-r)) + mean(FAKE, LossesTests::softplus);
        assertThat(expected).isCloseTo(5.833866, within(1e-6));
        assertThat(value(Losses.minimaxCriticLoss(real, fake, 1.0))).isCloseTo(expected, within(TOLERANCE));
    }

    @Test
    void labelSmoothingChangesOnlyTheRealTerm() {
        // With target y the real term is y softplus(-r) + (1-y) softplus(r); since softplus(r) - softplus(-r) = r
        // it equals softplus(-r) + (1-y) r. So y = 0.9 adds 0.1 * mean(r) = 0.1 * 2.9 = 0.29: 5.833866 -> 6.123866.
        double smoothed = value(Losses.minimaxCriticLoss(real, fake, 0.9));
        double plain = value(Losses.minimaxCriticLoss(real, fake, 1.0));
        assertThat(smoothed - plain).isCloseTo(0.29, within(TOLERANCE));
        assertThat(smoothed).isCloseTo(6.123866, within(TOLERANCE));

        // The fake term is untouched: with identical real logits, changing only the fakes moves both losses alike.
        NDArray otherFake = column(new double[] {0.0, 0.0, 0.0, 0.0});
        double smoothedShift = smoothed - value(Losses.minimaxCriticLoss(real, otherFake, 0.9));
        double plainShift = plain - value(Losses.minimaxCriticLoss(real, otherFake, 1.0));
        assertThat(smoothedShift).isCloseTo(plainShift, within(TOLERANCE));
    }

    @Test
    void nonSaturatingGeneratorLossIsMinusMeanLogSigmoidOfFakes() {
        // softplus(-f) = softplus(f) - f, so the loss is 4.510821 - 3.125 = 1.385821.
        double expected = mean(FAKE, f -> softplus(-f));
        assertThat(expected).isCloseTo(1.385821, within(1e-6));
        assertThat(value(Losses.nonSaturatingGeneratorLoss(fake))).isCloseTo(expected, within(TOLERANCE));
    }

    @Test
    void saturatingGeneratorLossIsMeanLogOneMinusSigmoidOfFakes() {
        // log(1 - s(f)) = -softplus(f): the negated fake term of the critic loss, -4.510821.
        double expected = -mean(FAKE, LossesTests::softplus);
        assertThat(expected).isCloseTo(-4.510821, within(1e-6));
        assertThat(value(Losses.saturatingGeneratorLoss(fake))).isCloseTo(expected, within(TOLERANCE));
    }

    @Test
    void saturatingAndNonSaturatingGeneratorLossesDifferByTheMeanFakeLogit() {
        // softplus(-f) - softplus(f) = -f, so nonSaturating - (-saturating) = -mean(f) = -3.125.
        double nonSaturating = value(Losses.nonSaturatingGeneratorLoss(fake));
        double saturating = value(Losses.saturatingGeneratorLoss(fake));
        assertThat(nonSaturating + saturating).isCloseTo(-3.125, within(TOLERANCE));
    }

    @Test
    void leastSquaresLossesMatchHandComputation() {
        // a=0, b=1: (r-1)^2 = 36 + 0.16 + 132.25 + 2.89 = 171.3, mean 42.825; f^2 = 100 + 19.36 + 30.25 + 12.96
        // = 162.57, mean 40.6425; D = (42.825 + 40.6425) / 2 = 41.73375.
        // c=1: (f-1)^2 = 81 + 11.56 + 42.25 + 6.76 = 141.57, mean 35.3925; G = 17.69625.
        assertThat(value(Losses.leastSquaresCriticLoss(real, fake, 0, 1))).isCloseTo(41.73375, within(1e-4));
        assertThat(value(Losses.leastSquaresGeneratorLoss(fake, 1))).isCloseTo(17.69625, within(1e-4));
    }

    @Test
    void leastSquaresTargetsMoveTheMinimum() {
        // With a=-1, b=1 and logits exactly on target, both terms are zero.
        NDArray onTargetReal = column(new double[] {1, 1});
        NDArray onTargetFake = column(new double[] {-1, -1, -1});
        assertThat(value(Losses.leastSquaresCriticLoss(onTargetReal, onTargetFake, -1, 1))).isCloseTo(0, within(1e-7));
        // c=0 at f: 162.57 / 4 / 2 = 20.32125.
        assertThat(value(Losses.leastSquaresGeneratorLoss(fake, 0))).isCloseTo(20.32125, within(1e-4));
    }

    @Test
    void hingeLossesMatchHandComputation() {
        // max(0, 1-r) = [6, 0, 0, 0], mean 1.5; max(0, 1+f) = [11, 5.4, 0, 4.6], mean 5.25; D = 6.75.
        assertThat(value(Losses.hingeCriticLoss(real, fake))).isCloseTo(6.75, within(TOLERANCE));
        assertThat(value(Losses.hingeGeneratorLoss(fake))).isCloseTo(-3.125, within(TOLERANCE));
    }

    @Test
    void acceptsScoresOfShapeBatchAndBatchByOne() {
        NDArray flatReal = manager.create(toFloats(REAL));
        NDArray flatFake = manager.create(toFloats(FAKE));
        assertThat(flatReal.getShape()).isEqualTo(new Shape(4));
        assertThat(value(Losses.wassersteinCriticLoss(flatReal, flatFake)))
                .isCloseTo(value(Losses.wassersteinCriticLoss(real, fake)), within(1e-7));
        assertThat(value(Losses.minimaxCriticLoss(flatReal, flatFake, 0.9)))
                .isCloseTo(value(Losses.minimaxCriticLoss(real, fake, 0.9)), within(1e-7));
        assertThat(Losses.hingeCriticLoss(flatReal, flatFake).getShape()).isEqualTo(new Shape());
    }

    @Test
    void everyLossKeepsTheInputDataType() {
        NDArray[] losses = {
            Losses.wassersteinCriticLoss(real, fake), Losses.wassersteinGeneratorLoss(fake),
            Losses.minimaxCriticLoss(real, fake, 0.9), Losses.nonSaturatingGeneratorLoss(fake),
            Losses.saturatingGeneratorLoss(fake), Losses.leastSquaresCriticLoss(real, fake, 0, 1),
            Losses.leastSquaresGeneratorLoss(fake, 1), Losses.hingeCriticLoss(real, fake), Losses.hingeGeneratorLoss(fake)
        };
        for (NDArray loss : losses) {
            assertThat(loss.getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void realAndFakeBatchesMayDifferInSize() {
        // Means are taken per batch: E[f] over 4 fakes is 3.125, E[r] over [1.0, 2.0] is 1.5.
        NDArray twoReal = column(new double[] {1.0, 2.0});
        assertThat(value(Losses.wassersteinCriticLoss(twoReal, fake))).isCloseTo(1.625, within(TOLERANCE));
    }

    @Test
    void rejectsMoreThanOneScorePerExample() {
        NDArray wide = manager.zeros(new Shape(4, 2));
        assertThatThrownBy(() -> Losses.wassersteinCriticLoss(wide, fake))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dReal")
                .hasMessageContaining("(4, 2)");
    }

    @Test
    void rejectsRealLabelOutsideHalfToOne() {
        assertThatThrownBy(() -> Losses.minimaxCriticLoss(real, fake, 1.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realLabel");
    }

    @Test
    void minimaxLossesStayFiniteAndExactAtLogitsOfPlusMinusHundred() {
        // In float32 sigmoid(100) rounds to 1, so a naive log(1 - sigmoid(100)) is log(0) = -inf. Here:
        // the critic fully wrong (real -100, fake +100): softplus(100) + softplus(100) = 200;
        // the critic fully right (real +100, fake -100): 2 softplus(-100) = 2 e^-100, about 7e-44, i.e. 0.
        NDArray confident = column(new double[] {100.0});
        NDArray rejected = column(new double[] {-100.0});
        assertThat(value(Losses.minimaxCriticLoss(rejected, confident, 1.0))).isCloseTo(200.0, within(1e-4));
        assertThat(value(Losses.minimaxCriticLoss(confident, rejected, 1.0))).isCloseTo(0.0, within(1e-30));
        // Smoothing with y = 0.9 on a real logit of +100 costs (1 - 0.9) * 100 = 10.
        assertThat(value(Losses.minimaxCriticLoss(confident, rejected, 0.9))).isCloseTo(10.0, within(1e-4));
        // Generator at a rejected fake: non-saturating -log s(-100) = 100; saturating log(1 - s(-100)) = about 0.
        assertThat(value(Losses.nonSaturatingGeneratorLoss(rejected))).isCloseTo(100.0, within(1e-4));
        assertThat(value(Losses.saturatingGeneratorLoss(rejected))).isCloseTo(0.0, within(1e-30));
        // Generator at an accepted fake: saturating log(1 - s(100)) = -100.
        assertThat(value(Losses.saturatingGeneratorLoss(confident))).isCloseTo(-100.0, within(1e-4));
    }

    @Test
    void saturatingGeneratorGradientVanishesWhereNonSaturatingStaysAtOne() {
        // d/dl softplus(-l) = -s(-l) = -1 at l = -100; d/dl (-softplus(l)) = -s(l) = -e^-100, about 0.
        assertThat(gradientAt(-100.0, true)).isCloseTo(-1.0, within(1e-6));
        assertThat(gradientAt(-100.0, false)).isCloseTo(0.0, within(1e-30));
        // Both are finite at +100 too: -s(-100) = about 0 and -s(100) = -1.
        assertThat(gradientAt(100.0, true)).isCloseTo(0.0, within(1e-30));
        assertThat(gradientAt(100.0, false)).isCloseTo(-1.0, within(1e-6));
    }

    private double gradientAt(double logit, boolean nonSaturating) {
        NDArray x = column(new double[] {logit});
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = nonSaturating ? Losses.nonSaturatingGeneratorLoss(x) : Losses.saturatingGeneratorLoss(x);
            collector.backward(loss);
        }
        double gradient = x.getGradient().getFloat(0, 0);
        assertThat(gradient).isFinite();
        return gradient;
    }

    /*
     * Constants that backward needs (the 1/2 of least squares, the smoothed label) must outlive the Java buffer
     * DJL would wrap a Number in: collect garbage and reuse freed buffers between forward and backward.
     * d/dr 1/2 mean((r - 1)^2) = (r - 1)/4: for r = -5 that is -1.5; d/dr of the smoothed real term
     * mean(0.9 softplus(-r) + 0.1 softplus(r)) = (-0.9 s(-r) + 0.1 s(r))/4 = about -0.2249 at r = -5.
     */
    @Test
    void gradientsStayExactWhenGarbageIsCollectedBeforeBackward() {
        NDArray x = column(new double[] {-5.0, 1.4, 12.5, 2.7});
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = Losses.leastSquaresCriticLoss(x, fake, 0, 1)
                    .add(Losses.minimaxCriticLoss(x, fake, 0.9));
            collectGarbageAndReuseFreedBuffers();
            collector.backward(loss);
        }
        double s = 1 / (1 + Math.exp(-5.0));
        double expected = -1.5 + (-0.9 * s + 0.1 * (1 - s)) / 4;
        assertThat((double) x.getGradient().getFloat(0, 0)).isCloseTo(expected, within(1e-5));
    }

    private void collectGarbageAndReuseFreedBuffers() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 100; i++) {
                manager.create(new float[] {-7f}).close();
                manager.create(new double[] {-7.0}).close();
            }
        }
    }

    /** softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), in double precision, independent of the tensor code. */
    static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double mean(double[] values, java.util.function.DoubleUnaryOperator f) {
        double sum = 0;
        for (double v : values) {
            sum += f.applyAsDouble(v);
        }
        return sum / values.length;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double value(NDArray scalar) {
        assertThat(scalar.getShape()).isEqualTo(new Shape());
        double v = scalar.getFloat();
        assertThat(v).isFinite();
        return v;
    }
}
