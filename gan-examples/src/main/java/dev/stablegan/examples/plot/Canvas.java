package dev.stablegan.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Fonts, colours and text helpers shared by the plots. */
final class Canvas {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color TEXT = new Color(0x222222);
    static final Color AXIS = new Color(0x444444);
    static final int TICK_LENGTH = 5;

    private Canvas() {}

    /** A white opaque image of the given size and an antialiased graphics context on it. */
    static BufferedImage blank(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D begin(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /**
     * Draws {@code text} with its anchor at {@code (x, y)}; {@code hAlign} and {@code vAlign} are 0 for
     * left/top, 0.5 for centre, 1 for right/bottom.
     */
    static void text(Graphics2D g, String text, Font font, double x, double y, double hAlign, double vAlign) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        double w = m.stringWidth(text);
        double h = m.getAscent() + m.getDescent();
        g.drawString(text, (float) (x - hAlign * w), (float) (y - vAlign * h + m.getAscent()));
    }

    /** Text turned 90 degrees counter-clockwise, centred on {@code (x, y)}. */
    static void verticalText(Graphics2D g, String text, Font font, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(g, text, font, 0, 0, 0.5, 0.5);
        g.setTransform(saved);
    }

    /** Text shortened with an ellipsis to fit {@code maxWidth} pixels. */
    static String fit(Graphics2D g, String text, Font font, int maxWidth) {
        FontMetrics m = g.getFontMetrics(font);
        if (m.stringWidth(text) <= maxWidth) {
            return text;
        }
        String shortened = text;
        while (!shortened.isEmpty() && m.stringWidth(shortened + "...") > maxWidth) {
            shortened = shortened.substring(0, shortened.length() - 1);
        }
        return shortened + "...";
    }

    /** The plot frame: a thin dark rectangle around {@code area}. */
    static void frame(Graphics2D g, Rectangle area) {
        g.setColor(AXIS);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(area.x, area.y, area.width, area.height);
    }

    /** An outward tick on the bottom edge at pixel {@code px} with its label centred below. */
    static void xTick(Graphics2D g, Rectangle area, double px, String label) {
        g.setColor(AXIS);
        int bottom = area.y + area.height;
        g.drawLine((int) Math.round(px), bottom, (int) Math.round(px), bottom + TICK_LENGTH);
        g.setColor(TEXT);
        text(g, label, TICK, px, bottom + TICK_LENGTH + 3, 0.5, 0);
    }

    /** An outward tick on the left edge at pixel {@code py}; the label, if any, right-aligned to its left. */
    static void yTick(Graphics2D g, Rectangle area, double py, String label) {
        g.setColor(AXIS);
        g.drawLine(area.x - TICK_LENGTH, (int) Math.round(py), area.x, (int) Math.round(py));
        if (label != null) {
            g.setColor(TEXT);
            text(g, label, TICK, area.x - TICK_LENGTH - 4, py, 1, 0.5);
        }
    }
}
