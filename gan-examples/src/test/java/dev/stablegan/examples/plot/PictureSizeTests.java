package dev.stablegan.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PictureSizeTests {
    @Test
    void theSmallestLegibleSizeIsAccepted() {
        assertThat(PictureSize.atLeast(320, 240, 320, 240)).isEqualTo(new PictureSize(320, 240));
    }

    @Test
    void aSmallerPictureIsRefusedNamingBothSizes() {
        assertThatThrownBy(() -> PictureSize.atLeast(320, 239, 320, 240)).hasMessage("size: must be at least 320 x 240, got 320 x 239");
        assertThatThrownBy(() -> LineChart.builder().optSize(319, 480)).hasMessage("size: must be at least 320 x 240, got 319 x 480");
        assertThatThrownBy(() -> ValueSurfacePlot.builder().optSize(640, 279)).hasMessage("size: must be at least 320 x 280, got 640 x 279");
    }
}
