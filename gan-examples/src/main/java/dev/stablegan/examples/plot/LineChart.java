package dev.stablegan.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PNG line chart of named series {@code (x, y)} with axes, round ticks, grid lines and a legend, optionally
 * with a logarithmic y axis (plotted as {@code log10 y}); used for loss curves and for the per-layer gradient
 * norms of Gulrajani et al. 2017, Figure 1b.
 *
 * <p>Data map linearly to the plot area: {@code px = left + (x - xMin) / (xMax - xMin) * width} and
 * {@code py = top + height - (t(y) - t(yMin)) / (t(yMax) - t(yMin)) * height}, with {@code t = log10} on a
 * log axis and the identity otherwise. Without explicit ranges the axes span the data plus a small margin.
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
    private final int width;
    private final int height;
    private final double xMin;
    private final double xMax;
    /** The y range in axis units: {@code log10 y} on a log axis. */
    private final double tMin;
    private final double tMax;
    private final Rectangle area;

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
        this.width = b.width;
        this.height = b.height;
        double[] xs = b.xRange != null ? b.xRange : padded(range(true, false), 0.03);
        double[] ts = b.yRange != null ? toAxis(b.yRange) : padded(range(false, logY), 0.05);
        this.xMin = xs[0];
        this.xMax = xs[1];
        this.tMin = ts[0];
        this.tMax = ts[1];
        this.area = new Rectangle(LEFT, top(), width - LEFT - RIGHT, height - top() - BOTTOM);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pixel rectangle the axes frame; its edges are the axis ranges' ends. */
    public Rectangle plotArea() {
        return new Rectangle(area);
    }

    public BufferedImage render() {
        BufferedImage image = Canvas.blank(width, height);
        Graphics2D g = Canvas.begin(image);
        try {
            drawGridAndTicks(g);
            drawSeries(g);
            Canvas.frame(g, area);
            drawLabels(g);
            drawLegend(g);
        } finally {
            g.dispose();
        }
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

    // ---- layout and mapping -------------------------------------------------------------------------------

    private static final int LEFT = 72;
    private static final int RIGHT = 22;
    private static final int BOTTOM = 52;

    private int top() {
        return title.isEmpty() ? 18 : 44;
    }

    double pixelX(double x) {
        return area.x + (x - xMin) / (xMax - xMin) * area.width;
    }

    double pixelY(double y) {
        double t = logY ? Math.log10(y) : y;
        return area.y + area.height - (t - tMin) / (tMax - tMin) * area.height;
    }

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

    // ---- drawing ------------------------------------------------------------------------------------------

    private void drawGridAndTicks(Graphics2D g) {
        g.setStroke(new BasicStroke(1f));
        double xStep = Ticks.step(xMax - xMin, Math.max(3, area.width / 90));
        for (double x : Ticks.inside(xMin, xMax, xStep)) {
            double px = pixelX(x);
            g.setColor(Canvas.GRID);
            g.draw(new Line2D.Double(px, area.y, px, area.y + area.height));
            Canvas.xTick(g, area, px, Ticks.label(x, xStep));
        }
        int yTarget = Math.max(3, area.height / 60);
        if (logY && tMax - tMin >= 1.5) {
            drawDecadeTicks(g, yTarget);
        } else {
            double lo = logY ? Math.pow(10, tMin) : tMin;
            double hi = logY ? Math.pow(10, tMax) : tMax;
            double[] oneTwoFive = logY ? Ticks.oneTwoFive(lo, hi) : new double[0];
            if (oneTwoFive.length >= 3) {
                // a narrow log axis: 1, 2, 5 times powers of ten, so the low end is labelled too
                for (double y : oneTwoFive) {
                    drawYTick(g, y, Ticks.label(y, Math.pow(10, Math.floor(Math.log10(y) + 1e-9))));
                }
                return;
            }
            double yStep = Ticks.step(hi - lo, yTarget);
            for (double y : Ticks.inside(lo, hi, yStep)) {
                if (logY && y <= 0) {
                    continue;
                }
                drawYTick(g, y, Ticks.label(y, yStep));
            }
        }
    }

    private void drawYTick(Graphics2D g, double y, String label) {
        double py = pixelY(y);
        g.setColor(Canvas.GRID);
        g.draw(new Line2D.Double(area.x, py, area.x + area.width, py));
        Canvas.yTick(g, area, py, label);
    }

    /** Ticks at powers of ten labelled {@code 10^k}; unlabelled minor ticks at 2..9 times them over few decades. */
    private void drawDecadeTicks(Graphics2D g, int target) {
        int every = Math.max(1, (int) Math.ceil((tMax - tMin) / target));
        int first = (int) Math.ceil(tMin - 1e-9);
        int last = (int) Math.floor(tMax + 1e-9);
        boolean minor = every == 1 && tMax - tMin <= 6;
        for (int k = first - 1; k <= last; k++) {
            if (minor) {
                for (int m = 2; m <= 9; m++) {
                    double t = k + Math.log10(m);
                    if (t > tMin && t < tMax) {
                        double py = area.y + area.height - (t - tMin) / (tMax - tMin) * area.height;
                        g.setColor(Canvas.AXIS);
                        g.draw(new Line2D.Double(area.x - 3, py, area.x, py));
                    }
                }
            }
            if (k < first || Math.floorMod(k, every) != 0) {
                continue;
            }
            double py = area.y + area.height - (k - tMin) / (tMax - tMin) * area.height;
            g.setColor(Canvas.GRID);
            g.draw(new Line2D.Double(area.x, py, area.x + area.width, py));
            Canvas.yTick(g, area, py, null);
            g.setColor(Canvas.TEXT);
            Canvas.powerOfTen(g, k, area.x - Canvas.TICK_LENGTH - 4, py);
        }
    }

    private void drawSeries(Graphics2D g) {
        Shape savedClip = g.getClip();
        g.clip(new Rectangle(area.x - 4, area.y - 4, area.width + 9, area.height + 9));
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            Color colour = PALETTE[s % PALETTE.length];
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double line = new Path2D.Double();
            for (int i = 0; i < one.x.length; i++) {
                double px = pixelX(one.x[i]);
                double py = pixelY(one.y[i]);
                if (i == 0) {
                    line.moveTo(px, py);
                } else {
                    line.lineTo(px, py);
                }
            }
            g.draw(line);
            if (one.x.length <= MAX_POINTS_WITH_MARKERS) {
                for (int i = 0; i < one.x.length; i++) {
                    drawMarker(g, pixelX(one.x[i]), pixelY(one.y[i]), colour);
                }
            }
        }
        g.setClip(savedClip);
    }

    private static void drawMarker(Graphics2D g, double px, double py, Color colour) {
        Ellipse2D.Double dot = new Ellipse2D.Double(px - 3.5, py - 3.5, 7, 7);
        g.setColor(colour);
        g.fill(dot);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1f));
        g.draw(dot);
    }

    private void drawLabels(Graphics2D g) {
        g.setColor(Canvas.TEXT);
        if (!title.isEmpty()) {
            Canvas.text(g, Canvas.fit(g, title, Canvas.TITLE, width - 16), Canvas.TITLE, width / 2.0, 12, 0.5, 0);
        }
        if (!xLabel.isEmpty()) {
            Canvas.text(g, xLabel, Canvas.LABEL, area.x + area.width / 2.0, height - 8, 0.5, 1);
        }
        if (!yLabel.isEmpty()) {
            Canvas.verticalText(g, yLabel, Canvas.LABEL, 14, area.y + area.height / 2.0);
        }
    }

    /** The legend goes into whichever corner of the plot area holds the fewest data points. */
    private void drawLegend(Graphics2D g) {
        int rowHeight = 18;
        int textWidth = 0;
        for (Series s : series) {
            textWidth = Math.max(textWidth, g.getFontMetrics(Canvas.LABEL).stringWidth(s.name));
        }
        int boxWidth = Math.min(area.width - 16, 38 + textWidth + 10);
        int boxHeight = 8 + rowHeight * series.size();
        List<Rectangle> corners = new ArrayList<>();
        int right = area.x + area.width - boxWidth - 8;
        int bottom = area.y + area.height - boxHeight - 8;
        corners.add(new Rectangle(right, area.y + 8, boxWidth, boxHeight));
        corners.add(new Rectangle(area.x + 8, area.y + 8, boxWidth, boxHeight));
        corners.add(new Rectangle(right, bottom, boxWidth, boxHeight));
        corners.add(new Rectangle(area.x + 8, bottom, boxWidth, boxHeight));
        Rectangle box = corners.get(0);
        long fewest = Long.MAX_VALUE;
        for (Rectangle corner : corners) {
            long inside = pointsInside(corner);
            if (inside < fewest) {
                fewest = inside;
                box = corner;
            }
        }
        g.setColor(new Color(255, 255, 255, 225));
        RoundRectangle2D.Double frame = new RoundRectangle2D.Double(box.x, box.y, box.width, box.height, 6, 6);
        g.fill(frame);
        g.setColor(new Color(0xBBBBBB));
        g.setStroke(new BasicStroke(1f));
        g.draw(frame);
        for (int s = 0; s < series.size(); s++) {
            double y = box.y + 4 + rowHeight * (s + 0.5);
            Color colour = PALETTE[s % PALETTE.length];
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(box.x + 8, y, box.x + 30, y));
            if (series.get(s).x.length <= MAX_POINTS_WITH_MARKERS) {
                drawMarker(g, box.x + 19, y, colour);
            }
            g.setColor(Canvas.TEXT);
            String name = Canvas.fit(g, series.get(s).name, Canvas.LABEL, box.width - 46);
            Canvas.text(g, name, Canvas.LABEL, box.x + 38, y, 0, 0.5);
        }
    }

    private long pointsInside(Rectangle r) {
        long count = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (r.contains(pixelX(s.x[i]), pixelY(s.y[i]))) {
                    count++;
                }
            }
        }
        return count;
    }

    // ---- builder ------------------------------------------------------------------------------------------

    /** Collects the chart's inputs; at least one {@link #addSeries} is required, everything else optional. */
    public static final class Builder {
        private final List<Series> series = new ArrayList<>();
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private boolean logY;
        private int width = 720;
        private int height = 480;
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
            if (width < 320 || height < 240) {
                throw new IllegalArgumentException("size: must be at least 320 x 240, got " + width + " x " + height);
            }
            this.width = width;
            this.height = height;
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
