package dev.stablegan.examples.plot;

import java.awt.Font;

/** The fonts every chart uses, so that the pictures of one run look alike. */
final class ChartFonts {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ChartFonts() {}
}
