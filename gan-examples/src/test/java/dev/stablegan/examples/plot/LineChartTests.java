package dev.stablegan.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTests {
    @TempDir
    Path folder;

    @Test
    void writesAPngOfTheRequestedSize() throws IOException {
        Path file = folder.resolve("losses.png");
        LineChart.builder()
                .addSeries("critic", new double[] {0, 1, 2}, new double[] {3, 1, 2})
                .optTitle("losses")
                .optSize(400, 300)
                .build()
                .writeTo(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    @Test
    void pointLandsAtItsPixelOnLinearAxes() {
        // x in [0, 10], y in [0, 100]: (2.5, 75) is a quarter of the width from the left, a quarter of the
        // height from the top.
        LineChart chart = LineChart.builder()
                .addSeries("s", new double[] {2.5}, new double[] {75})
                .optXRange(0, 10)
                .optYRange(0, 100)
                .build();
        Rectangle a = chart.plotArea();

        Color at = pixel(chart.render(), a.x + 0.25 * a.width, a.y + 0.25 * a.height);
        assertThat(at).isEqualTo(LineChart.PALETTE[0]);
    }

    @Test
    void pointLandsAtItsPixelOnALogAxis() {
        // log10 y over [1, 1000] spans 3 decades: y = 10 sits one third of the way up, y = 100 two thirds.
        LineChart chart = LineChart.builder()
                .addSeries("first", new double[] {2}, new double[] {10})
                .addSeries("second", new double[] {8}, new double[] {100})
                .optXRange(0, 10)
                .optYRange(1, 1000)
                .optLogY(true)
                .build();
        Rectangle a = chart.plotArea();
        BufferedImage image = chart.render();

        assertThat(pixel(image, a.x + 0.2 * a.width, a.y + a.height * 2.0 / 3)).isEqualTo(LineChart.PALETTE[0]);
        assertThat(pixel(image, a.x + 0.8 * a.width, a.y + a.height / 3.0)).isEqualTo(LineChart.PALETTE[1]);
    }

    @Test
    void lineJoinsConsecutivePoints() {
        // From (0, 5) to (10, 5) on [0, 10]^2: a 2 px wide horizontal line through the middle of the plot area,
        // which fully covers at least one pixel row within a pixel of y = 5.
        LineChart chart = LineChart.builder()
                .addSeries("flat", new double[] {0, 10}, new double[] {5, 5})
                .optXRange(0, 10)
                .optYRange(0, 10)
                .build();
        Rectangle a = chart.plotArea();
        BufferedImage image = chart.render();
        int x = a.x + a.width / 3;
        int y = (int) Math.floor(a.y + 0.5 * a.height);
        assertThat(new Color[] {pixel(image, x, y - 1), pixel(image, x, y), pixel(image, x, y + 1)})
                .contains(LineChart.PALETTE[0]);
        assertThat(pixel(image, x, y - 6)).isNotEqualTo(LineChart.PALETTE[0]);
    }

    @Test
    void fitsTheAxesToTheDataWhenNoRangeIsGiven() {
        LineChart chart = LineChart.builder()
                .addSeries("clip 0.01", new double[] {1, 2, 3, 4}, new double[] {1e-3, 1e-1, 1e1, 1e3})
                .optLogY(true)
                .build();
        Rectangle a = chart.plotArea();
        // With margins the first point lies just inside the bottom-left of the plot area and the last inside the
        // top-right.
        assertThat(chart.pixelX(1)).isBetween((double) a.x, a.x + 0.1 * a.width);
        assertThat(chart.pixelY(1e-3)).isBetween(a.y + 0.9 * a.height, (double) a.y + a.height);
        assertThat(chart.pixelY(1e3)).isBetween((double) a.y, a.y + 0.1 * a.height);
    }

    @Test
    void rejectsNaNNamingSeriesAndIndex() {
        assertThatThrownBy(() -> LineChart.builder().addSeries("loss", new double[] {0, 1}, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'loss'")
                .hasMessageContaining("y[1] is NaN");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> LineChart.builder().addSeries("loss", new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one point");
        assertThatThrownBy(() -> LineChart.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one series");
        assertThatThrownBy(() -> LineChart.builder().addSeries("loss", new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has 1 values but y has 2");
    }

    @Test
    void rejectsNonPositiveValuesOnALogAxis() {
        LineChart.Builder builder = LineChart.builder()
                .addSeries("norm", new double[] {0, 1}, new double[] {1, 0})
                .optLogY(true);
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'norm'")
                .hasMessageContaining("y > 0");
    }

    private static Color pixel(BufferedImage image, double x, double y) {
        return new Color(image.getRGB((int) Math.floor(x), (int) Math.floor(y)));
    }
}
