package dev.stablegan.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Arrays;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A PNG of a critic's value surface {@code D(x)} over a 2-D region, as filled contour bands with contour lines,
 * real and generated samples on top, a colour bar and a legend (the toy plots of Gulrajani et al. 2017,
 * Figure 1a), drawn by JFreeChart.
 *
 * <p>The surface is a grid {@code values[j][i] = D(x_i, y_j)} with {@code x_i} and {@code y_j} evenly spaced
 * over the extent, both ends included ({@link Extent#gridX}, {@link Extent#gridY}): row 0 is the bottom edge
 * {@code y = yMin}. The fill is JFreeChart's block renderer on a lattice twice as fine as the grid, each block
 * coloured by the band of its centre's bilinearly interpolated value; the contour lines come from marching squares on
 * the grid (JFreeChart has no contour plot) and are drawn as one line series broken at NaN. About ten levels are
 * spaced a round step apart (1, 2 or 5 times a power of ten). Both axes use the same scale, so circles look round.
 */
public final class ValueSurfacePlot {
    static final Color REAL_FILL = new Color(0xF28E2B);
    private static final Color REAL_EDGE = new Color(0x7A3A00);
    static final Color FAKE_FILL = new Color(0x3DBB5A);
    private static final Color FAKE_EDGE = new Color(0x0B4A1C);
    private static final Color CONTOUR = new Color(25, 35, 60, 120);
    private static final int TARGET_LEVELS = 10;
    /** Most blocks of the fill along one axis. */
    private static final int MAX_BLOCKS = 256;
    private static final int SURFACE = 0;
    private static final int CONTOURS = 1;
    private static final int GENERATED = 2;
    private static final int REAL = 3;

    private final double[][] values;
    private final Extent extent;
    private final double[][] real;
    private final double[][] fake;
    private final String title;
    private final String valueLabel;
    private final String realLabel;
    private final String fakeLabel;
    private final PictureSize size;
    private final double[] levels;
    private final JFreeChart chart;
    /** The plot's data area, known once the chart has been drawn at its size with equal scales. */
    private Rectangle2D dataArea;

    private ValueSurfacePlot(Builder b) {
        this.values = b.values;
        this.extent = b.extent;
        this.real = b.real;
        this.fake = b.fake;
        this.title = b.title;
        this.valueLabel = b.valueLabel;
        this.realLabel = b.realLabel;
        this.fakeLabel = b.fakeLabel;
        this.size = b.size;
        this.levels = levelsFor(values);
        this.chart = chart();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders and writes a plot of default size in one call.
     *
     * @param values the grid {@code values[j][i] = D(x_i, y_j)}, row 0 at {@code yMin}
     * @param real real samples, each {@code {x, y}}, or an empty array
     * @param fake generated samples, each {@code {x, y}}, or an empty array
     * @throws IOException naming {@code file} if it cannot be written
     */
    public static void write(
            double[][] values, Extent extent, double[][] real, double[][] fake, String title, Path file)
            throws IOException {
        builder().setValues(values, extent).optReal(real).optFake(fake).optTitle(title).build().writeTo(file);
    }

    /** The pixel rectangle the surface fills; its edges are the extent's edges. */
    public Rectangle plotArea() {
        return area().getBounds();
    }

    /** The contour levels, ascending; the first is at most and the last at least every value. */
    public double[] levels() {
        return levels.clone();
    }

    public BufferedImage render() {
        boolean first = dataArea == null;
        BufferedImage image = draw();
        return first && equaliseScales() ? draw() : image;
    }

    /**
     * Renders and writes the PNG atomically.
     *
     * @throws IOException naming {@code file} if its folder is missing or not writable
     */
    public void writeTo(Path file) throws IOException {
        PngFiles.write(render(), file);
    }

    private Rectangle2D area() {
        if (dataArea == null) {
            render();
        }
        return dataArea;
    }

    private BufferedImage draw() {
        ChartRenderingInfo info = new ChartRenderingInfo(null); // no entities: the fill alone has tens of thousands
        BufferedImage image = chart.createBufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB, info);
        dataArea = (Rectangle2D) info.getPlotInfo().getDataArea().clone();
        return image;
    }

    /**
     * After the first draw: narrows the data area on its longer side (by the plot's insets) so that one unit is as long
     * on both axes; says whether it changed anything (and so whether the chart must be drawn again).
     */
    private boolean equaliseScales() {
        double unitX = dataArea.getWidth() / extent.width();
        double unitY = dataArea.getHeight() / extent.height();
        XYPlot plot = chart.getXYPlot();
        RectangleInsets i = plot.getInsets();
        if (unitX > unitY) {
            double spare = dataArea.getWidth() - unitY * extent.width();
            plot.setInsets(new RectangleInsets(i.getTop(), i.getLeft() + spare / 2, i.getBottom(), i.getRight() + spare / 2));
        } else if (unitY > unitX) {
            double spare = dataArea.getHeight() - unitX * extent.height();
            plot.setInsets(new RectangleInsets(i.getTop() + spare / 2, i.getLeft(), i.getBottom() + spare / 2, i.getRight()));
        }
        return unitX != unitY;
    }

    // ---- the chart ----------------------------------------------------------------------------------------

    private JFreeChart chart() {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(axis("", extent.xMin(), extent.xMax()));
        plot.setRangeAxis(axis("", extent.yMin(), extent.yMax()));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.DARK_GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        LookupPaintScale bands = bandScale();
        XYBlockRenderer fill = new XYBlockRenderer();
        fill.setPaintScale(bands);
        int blocksX = blocks(values[0].length);
        int blocksY = blocks(values.length);
        fill.setBlockWidth(extent.width() / blocksX);
        fill.setBlockHeight(extent.height() / blocksY);
        plot.setDataset(SURFACE, fillDataset(blocksX, blocksY));
        plot.setRenderer(SURFACE, fill);

        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, CONTOUR);
        lines.setSeriesStroke(0, new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        plot.setDataset(CONTOURS, contourDataset());
        plot.setRenderer(CONTOURS, lines);

        double r = markerRadius();
        plot.setDataset(GENERATED, pointDataset(fakeLabel, fake));
        plot.setRenderer(GENERATED, pointRenderer(marker(r, false), FAKE_FILL, FAKE_EDGE, fake.length));
        plot.setDataset(REAL, pointDataset(realLabel, real));
        plot.setRenderer(REAL, pointRenderer(marker(r, true), REAL_FILL, REAL_EDGE, real.length));

        LegendItemCollection legend = new LegendItemCollection();
        legend.add(legendItem(realLabel + " (" + real.length + ")", true));
        legend.add(legendItem(fakeLabel + " (" + fake.length + ")", false));
        plot.setFixedLegendItems(legend);

        JFreeChart made = new JFreeChart(title.isEmpty() ? null : title, ChartFonts.TITLE, plot, true);
        made.setBackgroundPaint(Color.WHITE);
        made.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        LegendTitle sets = made.getLegend();
        sets.setPosition(RectangleEdge.TOP);
        sets.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        sets.setItemFont(ChartFonts.LABEL);
        made.addSubtitle(colourBar(bands));
        return made;
    }

    private static NumberAxis axis(String label, double min, double max) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setRange(min, max);
        return axis;
    }

    /** Blocks along an axis of {@code points} grid points: twice the grid's cells, at most {@value #MAX_BLOCKS}. */
    private static int blocks(int points) {
        return Math.min(MAX_BLOCKS, 2 * (points - 1));
    }

    /** Band {@code k} spans {@code [levels[k], levels[k+1])} and takes the colour map at its middle. */
    private LookupPaintScale bandScale() {
        LookupPaintScale scale = new LookupPaintScale(levels[0], levels[levels.length - 1], bandColour(0));
        for (int band = 0; band < bands(); band++) {
            scale.add(levels[band], bandColour(band));
        }
        return scale;
    }

    /** The block centres with the surface's bilinear interpolation there. */
    private DefaultXYZDataset fillDataset(int blocksX, int blocksY) {
        int rows = values.length;
        int cols = values[0].length;
        int n = blocksX * blocksY;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] zs = new double[n];
        int k = 0;
        for (int by = 0; by < blocksY; by++) {
            double fy = (by + 0.5) / blocksY * (rows - 1);
            int j = Math.min(rows - 2, (int) Math.floor(fy));
            double ty = fy - j;
            for (int bx = 0; bx < blocksX; bx++) {
                double fx = (bx + 0.5) / blocksX * (cols - 1);
                int i = Math.min(cols - 2, (int) Math.floor(fx));
                double tx = fx - i;
                double bottom = values[j][i] * (1 - tx) + values[j][i + 1] * tx;
                double top = values[j + 1][i] * (1 - tx) + values[j + 1][i + 1] * tx;
                xs[k] = extent.xMin() + (bx + 0.5) / blocksX * extent.width();
                ys[k] = extent.yMin() + (by + 0.5) / blocksY * extent.height();
                // A value on the top level belongs to the last band, not to one past it.
                zs[k] = Math.min(bottom * (1 - ty) + top * ty, Math.nextDown(levels[levels.length - 1]));
                k++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("surface", new double[][] {xs, ys, zs});
        return data;
    }

    private PaintScaleLegend colourBar(LookupPaintScale bands) {
        NumberAxis scaleAxis = axis(valueLabel, levels[0], levels[levels.length - 1]);
        double step = levels[1] - levels[0];
        scaleAxis.setTickUnit(new NumberTickUnit(step, new LevelFormat(step)));
        scaleAxis.setTickLabelFont(ChartFonts.TICK);
        scaleAxis.setLabelFont(ChartFonts.LABEL);
        PaintScaleLegend bar = new PaintScaleLegend(bands, scaleAxis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setStripWidth(16);
        bar.setSubdivisionCount(4 * bands());
        bar.setMargin(new RectangleInsets(4, 12, 4, 8));
        bar.setStripOutlineVisible(true);
        return bar;
    }

    private static DefaultXYDataset pointDataset(String name, double[][] points) {
        double[][] xy = new double[2][];
        xy[0] = Arrays.stream(points).filter(ValueSurfacePlot::finite).mapToDouble(p -> p[0]).toArray();
        xy[1] = Arrays.stream(points).filter(ValueSurfacePlot::finite).mapToDouble(p -> p[1]).toArray();
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries(name.isEmpty() ? "points" : name, xy);
        return data;
    }

    /** Infinitely far points lie outside the extent like any other far point: they are left out. */
    private static boolean finite(double[] p) {
        return Double.isFinite(p[0]) && Double.isFinite(p[1]);
    }

    private static XYLineAndShapeRenderer pointRenderer(Shape shape, Color fill, Color edge, int count) {
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        points.setSeriesShape(0, shape);
        points.setUseFillPaint(true);
        points.setSeriesFillPaint(0, fill);
        points.setDrawOutlines(true);
        points.setUseOutlinePaint(true);
        points.setSeriesOutlinePaint(0, edge);
        points.setSeriesOutlineStroke(0, new BasicStroke(count > 1000 ? 0.4f : 0.7f));
        return points;
    }

    /** Markers shrink with the plot and with crowding, so thousands of samples do not hide the surface. */
    private double markerRadius() {
        double plotWidth = Math.max(100, size.width() - 170); // the colour bar and the range axis take about 170 px
        int crowd = Math.max(real.length, fake.length);
        return Math.max(1.3, Math.min(2.8, plotWidth / 180.0)) * (crowd > 1000 ? 0.7 : 1.0);
    }

    /** Real samples as circles, generated samples as diamonds, so the two differ in shape as well as colour. */
    private static Shape marker(double r, boolean isReal) {
        if (isReal) {
            return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
        }
        double s = r * 1.3;
        Path2D.Double diamond = new Path2D.Double();
        diamond.moveTo(0, -s);
        diamond.lineTo(s, 0);
        diamond.lineTo(0, s);
        diamond.lineTo(-s, 0);
        diamond.closePath();
        return diamond;
    }

    private static LegendItem legendItem(String text, boolean isReal) {
        return new LegendItem(text, null, null, null, marker(4, isReal), isReal ? REAL_FILL : FAKE_FILL, new BasicStroke(0.8f),
                isReal ? REAL_EDGE : FAKE_EDGE);
    }

    // ---- surface ------------------------------------------------------------------------------------------

    private static double[] levelsFor(double[][] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max - min <= Math.ulp(max) * 4) {
            double half = Math.max(Math.abs(max) * 0.05, 0.5);
            min -= half;
            max += half;
        }
        return Ticks.covering(min, max, Ticks.step(max - min, TARGET_LEVELS));
    }

    private int bands() {
        return levels.length - 1;
    }

    private Color bandColour(int band) {
        return ColorMap.CRITIC.at((band + 0.5) / bands());
    }

    /** Marching squares on every grid cell for every level strictly inside the value range: segments in data units, NaN between. */
    private DefaultXYDataset contourDataset() {
        int rows = values.length;
        int cols = values[0].length;
        Segments lines = new Segments();
        for (int l = 1; l < levels.length - 1; l++) {
            double level = levels[l];
            for (int j = 0; j < rows - 1; j++) {
                for (int i = 0; i < cols - 1; i++) {
                    addCellSegments(lines, level, i, j, cols, rows);
                }
            }
        }
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("contours", lines.toArray());
        return data;
    }

    private void addCellSegments(Segments lines, double level, int i, int j, int cols, int rows) {
        // Corners: a bottom-left, b bottom-right, c top-right, d top-left.
        double a = values[j][i];
        double b = values[j][i + 1];
        double c = values[j + 1][i + 1];
        double d = values[j + 1][i];
        int index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
        if (index == 0 || index == 15) {
            return;
        }
        double x0 = extent.gridX(i, cols);
        double x1 = extent.gridX(i + 1, cols);
        double y0 = extent.gridY(j, rows);
        double y1 = extent.gridY(j + 1, rows);
        // Crossing points on the edges: bottom (a-b), right (b-c), top (d-c), left (a-d).
        double[] bottom = {x0 + (x1 - x0) * crossing(a, b, level), y0};
        double[] right = {x1, y0 + (y1 - y0) * crossing(b, c, level)};
        double[] top = {x0 + (x1 - x0) * crossing(d, c, level), y1};
        double[] left = {x0, y0 + (y1 - y0) * crossing(a, d, level)};
        boolean centreAbove = (a + b + c + d) / 4 >= level;
        switch (index) {
            case 1, 14 -> lines.add(left, bottom);
            case 2, 13 -> lines.add(bottom, right);
            case 3, 12 -> lines.add(left, right);
            case 4, 11 -> lines.add(right, top);
            case 6, 9 -> lines.add(bottom, top);
            case 7, 8 -> lines.add(top, left);
            case 5 -> { // a and c above: the centre decides which pair of corners is cut off
                if (centreAbove) {
                    lines.add(bottom, right);
                    lines.add(top, left);
                } else {
                    lines.add(left, bottom);
                    lines.add(right, top);
                }
            }
            case 10 -> { // b and d above
                if (centreAbove) {
                    lines.add(left, bottom);
                    lines.add(right, top);
                } else {
                    lines.add(bottom, right);
                    lines.add(top, left);
                }
            }
            default -> throw new IllegalStateException("marching squares case " + index);
        }
    }

    private static double crossing(double from, double to, double level) {
        return (level - from) / (to - from);
    }

    /**
     * Level labels with as many decimals as the level step needs ({@link Ticks#label}), so that neighbouring levels of a
     * narrow range read differently (JFreeChart's default format rounds to three decimals).
     */
    private static final class LevelFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final double step;

        LevelFormat(double step) {
            this.step = step;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(Ticks.label(number, step));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("level labels are only written");
        }
    }

    /** Line segments as one series {@code p, q, NaN, p, q, NaN, ...}: a line renderer draws nothing to or from NaN. */
    private static final class Segments {
        private double[] xs = new double[96];
        private double[] ys = new double[96];
        private int size;

        void add(double[] p, double[] q) {
            if (size + 3 > xs.length) {
                xs = Arrays.copyOf(xs, xs.length * 2);
                ys = Arrays.copyOf(ys, ys.length * 2);
            }
            xs[size] = p[0];
            ys[size++] = p[1];
            xs[size] = q[0];
            ys[size++] = q[1];
            xs[size] = Double.NaN;
            ys[size++] = Double.NaN;
        }

        double[][] toArray() {
            return new double[][] {Arrays.copyOf(xs, size), Arrays.copyOf(ys, size)};
        }
    }

    // ---- builder ------------------------------------------------------------------------------------------

    /** Collects the plot's inputs; {@link #setValues} is required, everything else optional. */
    public static final class Builder {
        private double[][] values;
        private Extent extent;
        private double[][] real = new double[0][];
        private double[][] fake = new double[0][];
        private String title = "";
        private String valueLabel = "critic value";
        private String realLabel = "real";
        private String fakeLabel = "generated";
        private PictureSize size = new PictureSize(640, 600);

        private Builder() {}

        /**
         * The value grid {@code values[j][i] = D(x_i, y_j)} (row 0 at {@code yMin}), at least 2 x 2, rectangular
         * and finite, over {@code extent}. The grid is copied.
         */
        public Builder setValues(double[][] values, Extent extent) {
            if (extent == null) {
                throw new IllegalArgumentException("extent: is required");
            }
            this.values = checkGrid(values);
            this.extent = extent;
            return this;
        }

        /** Real samples, each {@code {x, y}}; those outside the extent are not drawn. */
        public Builder optReal(double[][] points) {
            this.real = checkPoints("real", points);
            return this;
        }

        /** Generated samples, each {@code {x, y}}; those outside the extent are not drawn. */
        public Builder optFake(double[][] points) {
            this.fake = checkPoints("fake", points);
            return this;
        }

        public Builder optTitle(String title) {
            this.title = title == null ? "" : title;
            return this;
        }

        /** The colour bar's caption; {@code critic value} unless set. */
        public Builder optValueLabel(String label) {
            this.valueLabel = label == null ? "" : label;
            return this;
        }

        /** Legend names of the two sample sets; {@code real} and {@code generated} unless set. */
        public Builder optPointLabels(String realName, String fakeName) {
            this.realLabel = realName == null ? "" : realName;
            this.fakeLabel = fakeName == null ? "" : fakeName;
            return this;
        }

        /** Image size in pixels, at least 320 x 280; 640 x 600 unless set. */
        public Builder optSize(int width, int height) {
            this.size = PictureSize.atLeast(width, height, 320, 280);
            return this;
        }

        public ValueSurfacePlot build() {
            if (values == null) {
                throw new IllegalArgumentException("values: are required (setValues)");
            }
            return new ValueSurfacePlot(this);
        }

        private static double[][] checkGrid(double[][] values) {
            if (values == null || values.length < 2) {
                throw new IllegalArgumentException("values: need a grid of at least 2 x 2, got "
                        + (values == null ? "none" : values.length + " row(s)"));
            }
            int cols = values[0] == null ? 0 : values[0].length;
            if (cols < 2) {
                throw new IllegalArgumentException("values: need a grid of at least 2 x 2, got " + cols + " column(s)");
            }
            double[][] copy = new double[values.length][];
            for (int j = 0; j < values.length; j++) {
                if (values[j] == null || values[j].length != cols) {
                    throw new IllegalArgumentException("values: row " + j + " has "
                            + (values[j] == null ? "no" : values[j].length) + " entries, row 0 has " + cols);
                }
                for (int i = 0; i < cols; i++) {
                    if (!Double.isFinite(values[j][i])) {
                        throw new IllegalArgumentException(
                                "values: [" + j + "][" + i + "] is " + values[j][i] + "; every value must be finite");
                    }
                }
                copy[j] = values[j].clone();
            }
            return copy;
        }

        private static double[][] checkPoints(String name, double[][] points) {
            if (points == null) {
                return new double[0][];
            }
            double[][] copy = new double[points.length][];
            for (int k = 0; k < points.length; k++) {
                double[] p = points[k];
                if (p == null || p.length != 2) {
                    throw new IllegalArgumentException(name + ": point " + k + " must be {x, y}");
                }
                if (Double.isNaN(p[0]) || Double.isNaN(p[1])) {
                    throw new IllegalArgumentException(name + ": point " + k + " has NaN (" + p[0] + ", " + p[1] + ")");
                }
                copy[k] = p.clone();
            }
            return copy;
        }
    }
}
