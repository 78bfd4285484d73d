package dev.stablegan.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG line chart of named series {@code (x, y)} with axes, ticks, grid lines and a legend, optionally with a
 * logarithmic y axis, drawn by JFreeChart; used for loss curves, learning curves, JS curves and the per-layer gradient
 * norms of Gulrajani et al. 2017, Figure 1b.
 *
 * <p>Data map linearly to the plot area: {@code px = left + (x - xMin) / (xMax - xMin) * width} and
 * {@code py = top + height - (t(y) - t(yMin)) / (t(yMax) - t(yMin)) * height}, with {@code t = log10} on a
 * log axis and the identity otherwise. Without explicit ranges the axes span the data plus a small margin (3% of the
 * span on x, 5% on y in axis units).
 */
public final class LineChart {
    /** Series colours, in the order the series were added (repeating after eight). */
    static final Color[] PALETTE = {
        new Color(0x2F6DB5), new Color(0xE07B28), new Color(0x3A9A4A), new Color(0xC8364E),
        new Color(0x7D5BA6), new Color(0x8C6A3F), new Color(0xD15FA6), new Color(0x6B6B6B)
    };
    private static final int MAX_POINTS_WITH_MARKERS = 60;

    private final List<Series> series;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final PictureSize size;
    private final double xMin;
    private final double xMax;
    /** The y range in axis units: {@code log10 y} on a log axis. */
    private final double tMin;
    private final double tMax;
    private final JFreeChart chart;
    /** The plot's data area, known once the chart has been drawn at its size. */
    private Rectangle2D dataArea;

    /**
     * One named curve; {@code x} and {@code y} have the same length, at least 1, and only finite values
     * ({@code y > 0} on a log axis). The arrays are copied.
     */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("series: a name is required");
            }
            if (x == null || y == null || x.length == 0 || y.length == 0) {
                throw new IllegalArgumentException("series '" + name + "': needs at least one point");
            }
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series '" + name + "': x has " + x.length + " values but y has " + y.length);
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalArgumentException("series '" + name + "': x[" + i + "] is " + x[i]);
                }
                if (!Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("series '" + name + "': y[" + i + "] is " + y[i]);
                }
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Series s && name.equals(s.name) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * name.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
        }

        @Override
        public String toString() {
            return "Series[" + name + ", " + x.length + " points]";
        }
    }

    private LineChart(Builder b) {
        this.series = List.copyOf(b.series);
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.logY = b.logY;
        this.size = b.size;
        double[] xs = b.xRange != null ? b.xRange : padded(range(true, false), 0.03);
        double[] ts = b.yRange != null ? toAxis(b.yRange) : padded(range(false, logY), 0.05);
        this.xMin = xs[0];
        this.xMax = xs[1];
        this.tMin = ts[0];
        this.tMax = ts[1];
        this.chart = chart();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pixel rectangle the axes frame; its edges are the axis ranges' ends. */
    public Rectangle plotArea() {
        return area().getBounds();
    }

    public BufferedImage render() {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB, info);
        dataArea = (Rectangle2D) info.getPlotInfo().getDataArea().clone();
        return image;
    }

    /**
     * Renders and writes the PNG atomically.
     *
     * @throws IOException naming {@code file} if its folder is missing or not writable
     */
    public void writeTo(Path file) throws IOException {
        PngFiles.write(render(), file);
    }

    double pixelX(double x) {
        return chart.getXYPlot().getDomainAxis().valueToJava2D(x, area(), RectangleEdge.BOTTOM);
    }

    double pixelY(double y) {
        return chart.getXYPlot().getRangeAxis().valueToJava2D(y, area(), RectangleEdge.LEFT);
    }

    private Rectangle2D area() {
        if (dataArea == null) {
            render();
        }
        return dataArea;
    }

    /** The JFreeChart of the series: white background, light grid, the palette's colours, markers on short series. */
    private JFreeChart chart() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name, false, true);
            for (int i = 0; i < s.x.length; i++) {
                xy.add(s.x[i], s.y[i]);
            }
            data.addSeries(xy);
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setRange(xMin, xMax);
        ValueAxis yAxis;
        if (logY) {
            // Plain tick labels such as 1 and 10, with gridlines at 2 to 9 times them (LogAxis labels 10^1.3 and the like).
            LogarithmicAxis log = new LogarithmicAxis(yLabel);
            log.setStrictValuesFlag(false);
            log.setRange(Math.pow(10, tMin), Math.pow(10, tMax));
            yAxis = log;
        } else {
            NumberAxis linear = new NumberAxis(yLabel);
            linear.setAutoRangeIncludesZero(false);
            linear.setRange(tMin, tMax);
            yAxis = linear;
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            renderer.setSeriesShapesVisible(i, s.x.length <= MAX_POINTS_WITH_MARKERS);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.DARK_GRAY);
        JFreeChart made = new JFreeChart(title.isEmpty() ? null : title, ChartFonts.TITLE, plot, true);
        made.setBackgroundPaint(Color.WHITE);
        made.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return made;
    }

    private static final Color GRID = new Color(0xE3E3E3);

    private double[] toAxis(double[] yRange) {
        return logY ? new double[] {Math.log10(yRange[0]), Math.log10(yRange[1])} : yRange;
    }

    /** The data's range on x, or on y in axis units. */
    private double[] range(boolean onX, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : onX ? s.x : s.y) {
                double t = log ? Math.log10(v) : v;
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        return new double[] {min, max};
    }

    private static double[] padded(double[] range, double fraction) {
        double span = range[1] - range[0];
        if (span <= Math.ulp(Math.abs(range[1])) * 4) {
            double half = Math.max(Math.abs(range[1]) * 0.1, 0.5);
            return new double[] {range[0] - half, range[1] + half};
        }
        return new double[] {range[0] - span * fraction, range[1] + span * fraction};
    }

    /** Collects the chart's inputs; at least one {@link #addSeries} is required, everything else optional. */
    public static final class Builder {
        private final List<Series> series = new ArrayList<>();
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private boolean logY;
        private PictureSize size = new PictureSize(720, 480);
        private double[] xRange;
        private double[] yRange;

        private Builder() {}

        /** Adds a curve; see {@link Series} for what is accepted. */
        public Builder addSeries(String name, double[] x, double[] y) {
            series.add(new Series(name, x, y));
            return this;
        }

        public Builder optTitle(String title) {
            this.title = title == null ? "" : title;
            return this;
        }

        public Builder optXLabel(String label) {
            this.xLabel = label == null ? "" : label;
            return this;
        }

        public Builder optYLabel(String label) {
            this.yLabel = label == null ? "" : label;
            return this;
        }

        /** Plots {@code log10 y}, with ticks at powers of ten over wide ranges; every y must then be {@code > 0}. */
        public Builder optLogY(boolean logY) {
            this.logY = logY;
            return this;
        }

        /** Fixes the x axis to {@code [min, max]} instead of the data's range. */
        public Builder optXRange(double min, double max) {
            this.xRange = checkRange("xRange", min, max);
            return this;
        }

        /** Fixes the y axis to {@code [min, max]} in data units (both {@code > 0} on a log axis). */
        public Builder optYRange(double min, double max) {
            this.yRange = checkRange("yRange", min, max);
            return this;
        }

        /** Image size in pixels, at least 320 x 240; 720 x 480 unless set. */
        public Builder optSize(int width, int height) {
            this.size = PictureSize.atLeast(width, height, 320, 240);
            return this;
        }

        public LineChart build() {
            if (series.isEmpty()) {
                throw new IllegalArgumentException("series: at least one series is required (addSeries)");
            }
            if (logY) {
                for (Series s : series) {
                    for (int i = 0; i < s.y.length; i++) {
                        if (s.y[i] <= 0) {
                            throw new IllegalArgumentException("series '" + s.name + "': y[" + i + "] is " + s.y[i]
                                    + " but a log y axis needs y > 0");
                        }
                    }
                }
                if (yRange != null && yRange[0] <= 0) {
                    throw new IllegalArgumentException("yRange: a log y axis needs min > 0, got " + yRange[0]);
                }
            }
            return new LineChart(this);
        }

        private static double[] checkRange(String field, double min, double max) {
            if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
                throw new IllegalArgumentException(field + ": need finite min < max, got [" + min + ", " + max + "]");
            }
            return new double[] {min, max};
        }
    }
}
