package dev.stablegan.examples.plot;

import java.awt.Color;

/** A sequential colour map: low values pale, high values deep, interpolated linearly in sRGB between stops. */
final class ColorMap {
    /** From a pale warm grey through sand and sea green to deep blue; light enough for markers to stand out. */
    static final ColorMap CRITIC = new ColorMap(
            new Color(0xF6F3EA), new Color(0xE3DDB8), new Color(0xA9CBA4), new Color(0x5E9EA8), new Color(0x2F5C8A),
            new Color(0x1F2F5C));

    private final Color[] stops;

    ColorMap(Color... stops) {
        this.stops = stops.clone();
    }

    /** The colour at {@code t} in {@code [0, 1]} (clamped). */
    Color at(double t) {
        double clamped = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double position = clamped * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(position));
        double f = position - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return new Color(
                mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
