package dev.stablegan.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A PNG of a critic's value surface {@code D(x)} over a 2-D region, as filled contour bands with contour lines,
 * real and generated samples on top, a colour bar and a legend (the toy plots of Gulrajani et al. 2017,
 * Figure 1a).
 *
 * <p>The surface is a grid {@code values[j][i] = D(x_i, y_j)} with {@code x_i} and {@code y_j} evenly spaced
 * over the extent, both ends included ({@link Extent#gridX}, {@link Extent#gridY}): row 0 is the bottom edge
 * {@code y = yMin}. Between grid points the value is interpolated bilinearly for the fill; contour lines come
 * from marching squares on the grid. About ten levels are spaced a round step apart (1, 2 or 5 times a power of
 * ten). Both axes use the same scale, so circles look round.
 */
public final class ValueSurfacePlot {
    static final Color REAL_FILL = new Color(0xF28E2B);
    private static final Color REAL_EDGE = new Color(0x7A3A00);
    static final Color FAKE_FILL = new Color(0x3DBB5A);
    private static final Color FAKE_EDGE = new Color(0x0B4A1C);
    private static final Color CONTOUR = new Color(25, 35, 60, 120);
    private static final int TARGET_LEVELS = 10;

    private final double[][] values;
    private final Extent extent;
    private final double[][] real;
    private final double[][] fake;
    private final String title;
    private final String valueLabel;
    private final String realLabel;
    private final String fakeLabel;
    private final int width;
    private final int height;
    private final double[] levels;
    private final Rectangle area;

    private ValueSurfacePlot(Builder b) {
        this.values = b.values;
        this.extent = b.extent;
        this.real = b.real;
        this.fake = b.fake;
        this.title = b.title;
        this.valueLabel = b.valueLabel;
        this.realLabel = b.realLabel;
        this.fakeLabel = b.fakeLabel;
        this.width = b.width;
        this.height = b.height;
        this.levels = levelsFor(values);
        this.area = layout();
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
        return new Rectangle(area);
    }

    /** The contour levels, ascending; the first is at most and the last at least every value. */
    public double[] levels() {
        return levels.clone();
    }

    public BufferedImage render() {
        BufferedImage image = Canvas.blank(width, height);
        Graphics2D g = Canvas.begin(image);
        try {
            fillBands(image);
            drawContours(g);
            drawPoints(g, fake, false);
            drawPoints(g, real, true);
            Canvas.frame(g, area);
            drawAxes(g);
            drawColourBar(g);
            drawTitleAndLegend(g);
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

    // ---- layout -------------------------------------------------------------------------------------------

    private static final int LEFT = 56;
    private static final int TOP = 70;
    private static final int BOTTOM = 34;
    private static final int RIGHT = 104;
    private static final int BAR_GAP = 16;
    private static final int BAR_WIDTH = 16;

    private Rectangle layout() {
        int availableWidth = width - LEFT - RIGHT;
        int availableHeight = height - TOP - BOTTOM;
        double scale = Math.min(availableWidth / extent.width(), availableHeight / extent.height());
        int w = (int) Math.floor(extent.width() * scale);
        int h = (int) Math.floor(extent.height() * scale);
        int x = LEFT + (availableWidth - w) / 2;
        int y = TOP + (availableHeight - h) / 2;
        return new Rectangle(x, y, w, h);
    }

    private double pixelX(double x) {
        return area.x + (x - extent.xMin()) / extent.width() * area.width;
    }

    private double pixelY(double y) {
        return area.y + area.height - (y - extent.yMin()) / extent.height() * area.height;
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

    private void fillBands(BufferedImage image) {
        int rows = values.length;
        int cols = values[0].length;
        double step = levels[1] - levels[0];
        int[] rgb = new int[bands()];
        for (int band = 0; band < rgb.length; band++) {
            rgb[band] = bandColour(band).getRGB();
        }
        for (int py = area.y; py < area.y + area.height; py++) {
            double fy = (area.y + area.height - (py + 0.5)) / area.height * (rows - 1);
            int j = Math.max(0, Math.min(rows - 2, (int) Math.floor(fy)));
            double ty = fy - j;
            for (int px = area.x; px < area.x + area.width; px++) {
                double fx = (px + 0.5 - area.x) / area.width * (cols - 1);
                int i = Math.max(0, Math.min(cols - 2, (int) Math.floor(fx)));
                double tx = fx - i;
                double bottom = values[j][i] * (1 - tx) + values[j][i + 1] * tx;
                double top = values[j + 1][i] * (1 - tx) + values[j + 1][i + 1] * tx;
                double v = bottom * (1 - ty) + top * ty;
                int band = (int) Math.floor((v - levels[0]) / step);
                image.setRGB(px, py, rgb[Math.max(0, Math.min(rgb.length - 1, band))]);
            }
        }
    }

    /** Marching squares on every grid cell for every level strictly inside the value range. */
    private void drawContours(Graphics2D g) {
        int rows = values.length;
        int cols = values[0].length;
        g.setColor(CONTOUR);
        g.setStroke(new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double lines = new Path2D.Double();
        for (int l = 1; l < levels.length - 1; l++) {
            double level = levels[l];
            for (int j = 0; j < rows - 1; j++) {
                for (int i = 0; i < cols - 1; i++) {
                    addCellSegments(lines, level, i, j, cols, rows);
                }
            }
        }
        g.draw(lines);
    }

    private void addCellSegments(Path2D.Double lines, double level, int i, int j, int cols, int rows) {
        // Corners: a bottom-left, b bottom-right, c top-right, d top-left.
        double a = values[j][i];
        double b = values[j][i + 1];
        double c = values[j + 1][i + 1];
        double d = values[j + 1][i];
        int index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
        if (index == 0 || index == 15) {
            return;
        }
        double x0 = pixelX(extent.gridX(i, cols));
        double x1 = pixelX(extent.gridX(i + 1, cols));
        double y0 = pixelY(extent.gridY(j, rows));
        double y1 = pixelY(extent.gridY(j + 1, rows));
        // Crossing points on the edges: bottom (a-b), right (b-c), top (d-c), left (a-d).
        double[] bottom = {x0 + (x1 - x0) * crossing(a, b, level), y0};
        double[] right = {x1, y0 + (y1 - y0) * crossing(b, c, level)};
        double[] top = {x0 + (x1 - x0) * crossing(d, c, level), y1};
        double[] left = {x0, y0 + (y1 - y0) * crossing(a, d, level)};
        boolean centreAbove = (a + b + c + d) / 4 >= level;
        switch (index) {
            case 1, 14 -> segment(lines, left, bottom);
            case 2, 13 -> segment(lines, bottom, right);
            case 3, 12 -> segment(lines, left, right);
            case 4, 11 -> segment(lines, right, top);
            case 6, 9 -> segment(lines, bottom, top);
            case 7, 8 -> segment(lines, top, left);
            case 5 -> { // a and c above: the centre decides which pair of corners is cut off
                if (centreAbove) {
                    segment(lines, bottom, right);
                    segment(lines, top, left);
                } else {
                    segment(lines, left, bottom);
                    segment(lines, right, top);
                }
            }
            case 10 -> { // b and d above
                if (centreAbove) {
                    segment(lines, left, bottom);
                    segment(lines, right, top);
                } else {
                    segment(lines, bottom, right);
                    segment(lines, top, left);
                }
            }
            default -> throw new IllegalStateException("marching squares case " + index);
        }
    }

    private static double crossing(double from, double to, double level) {
        return (level - from) / (to - from);
    }

    private static void segment(Path2D.Double lines, double[] p, double[] q) {
        lines.moveTo(p[0], p[1]);
        lines.lineTo(q[0], q[1]);
    }

    // ---- decorations --------------------------------------------------------------------------------------

    private void drawPoints(Graphics2D g, double[][] points, boolean isReal) {
        if (points.length == 0) {
            return;
        }
        Shape savedClip = g.getClip();
        g.clip(area);
        // Markers shrink with the plot and with crowding, so thousands of samples do not hide the surface.
        double r = Math.max(1.3, Math.min(2.8, area.width / 180.0)) * (points.length > 1000 ? 0.7 : 1.0);
        g.setStroke(new BasicStroke(points.length > 1000 ? 0.4f : 0.7f));
        for (double[] p : points) {
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                continue; // infinitely far: outside the extent like any other far point
            }
            Shape marker = marker(pixelX(p[0]), pixelY(p[1]), r, isReal);
            g.setColor(isReal ? REAL_FILL : FAKE_FILL);
            g.fill(marker);
            g.setColor(isReal ? REAL_EDGE : FAKE_EDGE);
            g.draw(marker);
        }
        g.setClip(savedClip);
    }

    /** Real samples as circles, generated samples as diamonds, so the two differ in shape as well as colour. */
    private static Shape marker(double x, double y, double r, boolean isReal) {
        if (isReal) {
            return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        }
        double s = r * 1.3;
        Path2D.Double diamond = new Path2D.Double();
        diamond.moveTo(x, y - s);
        diamond.lineTo(x + s, y);
        diamond.lineTo(x, y + s);
        diamond.lineTo(x - s, y);
        diamond.closePath();
        return diamond;
    }

    private void drawAxes(Graphics2D g) {
        g.setStroke(new BasicStroke(1f));
        double xStep = Ticks.step(extent.width(), Math.max(3, area.width / 75));
        for (double x : Ticks.inside(extent.xMin(), extent.xMax(), xStep)) {
            Canvas.xTick(g, area, pixelX(x), Ticks.label(x, xStep));
        }
        double yStep = Ticks.step(extent.height(), Math.max(3, area.height / 60));
        for (double y : Ticks.inside(extent.yMin(), extent.yMax(), yStep)) {
            Canvas.yTick(g, area, pixelY(y), Ticks.label(y, yStep));
        }
    }

    private void drawColourBar(Graphics2D g) {
        int x = area.x + area.width + BAR_GAP;
        double bandHeight = (double) area.height / bands();
        for (int band = 0; band < bands(); band++) {
            double yTop = area.y + area.height - (band + 1) * bandHeight;
            g.setColor(bandColour(band));
            g.fillRect(x, (int) Math.floor(yTop), BAR_WIDTH, (int) Math.ceil(bandHeight) + 1);
        }
        g.setColor(Canvas.AXIS);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, area.y, BAR_WIDTH, area.height);
        double step = levels[1] - levels[0];
        int every = (int) Math.ceil(16.0 / bandHeight); // keep labels at least 16 px apart
        for (int l = 0; l < levels.length; l++) {
            double y = area.y + area.height - l * bandHeight;
            g.setColor(Canvas.AXIS);
            g.draw(new Line2D.Double(x + BAR_WIDTH, y, x + BAR_WIDTH + 4, y));
            if (l % every == 0) {
                g.setColor(Canvas.TEXT);
                Canvas.text(g, Ticks.label(levels[l], step), Canvas.TICK, x + BAR_WIDTH + 7, y, 0, 0.5);
            }
        }
        if (!valueLabel.isEmpty()) {
            g.setColor(Canvas.TEXT);
            Canvas.verticalText(g, valueLabel, Canvas.LABEL, width - 12, area.y + area.height / 2.0);
        }
    }

    private void drawTitleAndLegend(Graphics2D g) {
        double centre = area.x + area.width / 2.0;
        if (!title.isEmpty()) {
            g.setColor(Canvas.TEXT);
            Canvas.text(g, Canvas.fit(g, title, Canvas.TITLE, width - 16), Canvas.TITLE, width / 2.0, 12, 0.5, 0);
        }
        String realText = realLabel + " (" + real.length + ")";
        String fakeText = fakeLabel + " (" + fake.length + ")";
        int gap = 28;
        int markerSpace = 14;
        int realWidth = markerSpace + g.getFontMetrics(Canvas.LABEL).stringWidth(realText);
        int fakeWidth = markerSpace + g.getFontMetrics(Canvas.LABEL).stringWidth(fakeText);
        double x = centre - (realWidth + gap + fakeWidth) / 2.0;
        double y = 48;
        legendEntry(g, x, y, realText, true);
        legendEntry(g, x + realWidth + gap, y, fakeText, false);
    }

    private static void legendEntry(Graphics2D g, double x, double y, String text, boolean isReal) {
        Shape marker = marker(x + 4, y, 4, isReal);
        g.setColor(isReal ? REAL_FILL : FAKE_FILL);
        g.fill(marker);
        g.setColor(isReal ? REAL_EDGE : FAKE_EDGE);
        g.setStroke(new BasicStroke(0.8f));
        g.draw(marker);
        g.setColor(Canvas.TEXT);
        Canvas.text(g, text, Canvas.LABEL, x + 14, y, 0, 0.5);
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
        private int width = 640;
        private int height = 600;

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
            if (width < 320 || height < 280) {
                throw new IllegalArgumentException("size: must be at least 320 x 280, got " + width + " x " + height);
            }
            this.width = width;
            this.height = height;
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
