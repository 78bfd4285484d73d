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

class ValueSurfacePlotTests {
    private static final Extent EXTENT = Extent.square(3);
    private static final int N = 64;

    @TempDir
    Path folder;

    @Test
    void writesAPngOfTheRequestedSize() throws IOException {
        Path file = folder.resolve("surface.png");
        ValueSurfacePlot.builder()
                .setValues(grid((x, y) -> x * x + y * y), EXTENT)
                .optReal(new double[][] {{1, 1}})
                .optFake(new double[][] {{-1, 0}})
                .optTitle("test")
                .optSize(500, 420)
                .build()
                .writeTo(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(500);
        assertThat(image.getHeight()).isEqualTo(420);
    }

    @Test
    void lowAndHighValuesGetTheEndsOfTheColourMap() {
        // Values x from -3 to 3: levels -3, -2.5, ..., 3 (step 0.5), so 12 bands; the left edge lies in band 0 and
        // the right edge in band 11, both far (about 40 px) from the nearest contour line.
        ValueSurfacePlot plot = ValueSurfacePlot.builder().setValues(grid((x, y) -> x), EXTENT).build();
        assertThat(plot.levels()).hasSize(13).startsWith(-3.0).endsWith(3.0);
        BufferedImage image = plot.render();
        Rectangle a = plot.plotArea();
        int middle = a.y + a.height / 2;

        Color low = new Color(image.getRGB(a.x + 2, middle));
        Color high = new Color(image.getRGB(a.x + a.width - 3, middle));

        assertThat(low).isEqualTo(ColorMap.CRITIC.at(0.5 / 12));
        assertThat(high).isEqualTo(ColorMap.CRITIC.at(11.5 / 12));
        assertThat(brightness(low)).isGreaterThan(brightness(high) + 200);
    }

    @Test
    void rowZeroOfTheGridIsTheBottomEdge() {
        ValueSurfacePlot plot = ValueSurfacePlot.builder().setValues(grid((x, y) -> y), EXTENT).build();
        BufferedImage image = plot.render();
        Rectangle a = plot.plotArea();
        int centre = a.x + a.width / 2 + 7;

        Color bottom = new Color(image.getRGB(centre, a.y + a.height - 3));
        Color top = new Color(image.getRGB(centre, a.y + 2));
        assertThat(bottom).isEqualTo(ColorMap.CRITIC.at(0.5 / 12));
        assertThat(top).isEqualTo(ColorMap.CRITIC.at(11.5 / 12));
    }

    @Test
    void contourLineIsDrawnAtAnInteriorLevel() {
        // Values x: the level 0 is crossed at x = 0, the middle column of the plot area.
        ValueSurfacePlot plot = ValueSurfacePlot.builder().setValues(grid((x, y) -> x), EXTENT).build();
        BufferedImage image = plot.render();
        Rectangle a = plot.plotArea();
        int row = a.y + a.height / 3;
        double lineX = a.x + a.width / 2.0;
        int darkest = Integer.MAX_VALUE;
        for (int px = (int) lineX - 2; px <= (int) lineX + 2; px++) {
            darkest = Math.min(darkest, brightness(new Color(image.getRGB(px, row))));
        }
        int leftBand = brightness(new Color(image.getRGB((int) lineX - 8, row)));
        int rightBand = brightness(new Color(image.getRGB((int) lineX + 8, row)));
        assertThat(darkest).isLessThan(Math.min(leftBand, rightBand) - 15);
    }

    @Test
    void samplesAreDrawnWhereTheyLieInTheirColours() {
        // (1.5, 1.5) maps to 3/4 of the width from the left and 1/4 of the height from the top.
        ValueSurfacePlot plot = ValueSurfacePlot.builder()
                .setValues(grid((x, y) -> 0.0 * x), EXTENT)
                .optReal(new double[][] {{1.5, 1.5}})
                .optFake(new double[][] {{-1.5, -1.5}})
                .build();
        BufferedImage image = plot.render();
        Rectangle a = plot.plotArea();

        int realX = (int) (a.x + 0.75 * a.width);
        int realY = (int) (a.y + 0.25 * a.height);
        int fakeX = (int) (a.x + 0.25 * a.width);
        int fakeY = (int) (a.y + 0.75 * a.height);
        assertThat(new Color(image.getRGB(realX, realY))).isEqualTo(ValueSurfacePlot.REAL_FILL);
        assertThat(new Color(image.getRGB(fakeX, fakeY))).isEqualTo(ValueSurfacePlot.FAKE_FILL);
    }

    @Test
    void rendersAConstantSurfaceInOneBand() {
        ValueSurfacePlot plot = ValueSurfacePlot.builder().setValues(grid((x, y) -> 2.0), EXTENT).build();
        assertThat(plot.levels()[0]).isLessThan(2.0);
        assertThat(plot.levels()[plot.levels().length - 1]).isGreaterThan(2.0);
        assertThat(plot.render().getWidth()).isEqualTo(640);
    }

    @Test
    void rejectsNaNValuesNamingTheCell() {
        double[][] values = grid((x, y) -> x);
        values[5][7] = Double.NaN;
        assertThatThrownBy(() -> ValueSurfacePlot.builder().setValues(values, EXTENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5][7]")
                .hasMessageContaining("NaN");
    }

    @Test
    void rejectsEmptyOrRaggedGrids() {
        assertThatThrownBy(() -> ValueSurfacePlot.builder().setValues(new double[0][], EXTENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x 2");
        assertThatThrownBy(() -> ValueSurfacePlot.builder().setValues(new double[][] {{1, 2}, {3}}, EXTENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> ValueSurfacePlot.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values");
    }

    @Test
    void rejectsNaNSamples() {
        assertThatThrownBy(() -> ValueSurfacePlot.builder().optFake(new double[][] {{0, 0}, {Double.NaN, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fake: point 1")
                .hasMessageContaining("NaN");
    }

    @Test
    void staticWriteFailsNamingThePathWhenTheFolderIsMissing() {
        Path file = folder.resolve("nope").resolve("surface.png");
        assertThatThrownBy(() -> ValueSurfacePlot.write(
                        grid((x, y) -> x), EXTENT, new double[0][], new double[0][], "t", file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    private interface Surface {
        double at(double x, double y);
    }

    /** {@code values[j][i] = f(x_i, y_j)} on an N x N grid over the extent. */
    private static double[][] grid(Surface f) {
        double[][] values = new double[N][N];
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                values[j][i] = f.at(EXTENT.gridX(i, N), EXTENT.gridY(j, N));
            }
        }
        return values;
    }

    private static int brightness(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue();
    }
}
