package dev.stablegan.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TicksTests {
    @Test
    void stepIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Ticks.step(6, 10)).isEqualTo(0.5); // raw 0.6 -> 0.5
        assertThat(Ticks.step(6, 6)).isEqualTo(1.0); // raw 1.0 -> 1
        assertThat(Ticks.step(0.0032, 10)).isCloseTo(5e-4, within(1e-15)); // raw 3.2e-4 -> 5e-4
        assertThat(Ticks.step(0.0025, 10)).isCloseTo(2e-4, within(1e-15)); // raw 2.5e-4 -> 2e-4
        assertThat(Ticks.step(10_000, 5)).isEqualTo(2000.0); // raw 2000 -> 2000
        assertThat(Ticks.step(800, 1)).isEqualTo(1000.0); // raw 800 -> 1000
    }

    @Test
    void coveringExtendsToTheNextMultipleOnBothEnds() {
        assertThat(Ticks.covering(-4.2, 0.3, 0.5)).containsExactly(-4.5, -4, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5);
    }

    @Test
    void labelsShowTheDecimalsTheStepNeeds() {
        assertThat(Ticks.label(2.0, 1)).isEqualTo("2");
        assertThat(Ticks.label(-0.5, 0.5)).isEqualTo("-0.5");
        assertThat(Ticks.label(0.0012, 0.0002)).isEqualTo("0.0012");
        assertThat(Ticks.label(0, 0.1)).isEqualTo("0");
        assertThat(Ticks.label(3e-5, 1e-5)).isEqualTo("3.0e-5");
        assertThat(Ticks.label(2e6, 1e6)).isEqualTo("2.0e6");
    }

    @Test
    void neighbouringSmallLevelsOnANarrowRangeGetDistinctLabels() {
        // A weight-clipped critic's surface spans about -0.0096 to -0.0091 in steps of 5e-5.
        assertThat(Ticks.label(-0.00915, 5e-5)).isEqualTo("-0.00915");
        assertThat(Ticks.label(-0.0092, 5e-5)).isEqualTo("-0.00920");
        assertThat(Ticks.label(2.5e6, 5e5)).isEqualTo("2.5e6");
    }
}
