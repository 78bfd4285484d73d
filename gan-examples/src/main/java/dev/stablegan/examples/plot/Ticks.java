package dev.stablegan.examples.plot;

import java.math.BigDecimal;
import java.util.Locale;

/** Round tick positions (1, 2 or 5 times a power of ten apart) and their labels. */
final class Ticks {
    private Ticks() {}

    /** A step of 1, 2 or 5 times a power of ten giving about {@code target} intervals over {@code span}. */
    static double step(double span, int target) {
        double raw = span / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /** Multiples of {@code step} from at most {@code min} to at least {@code max}. */
    static double[] covering(double min, double max, double step) {
        double slack = step * 1e-9;
        long first = (long) Math.floor((min + slack) / step);
        long last = (long) Math.ceil((max - slack) / step);
        if (last == first) {
            last++;
        }
        double[] ticks = new double[(int) (last - first + 1)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = clean((first + i) * step);
        }
        return ticks;
    }

    /** A label with as many decimals as {@code step} needs; scientific notation for very large or small values. */
    static String label(double value, double step) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6 || step < 1e-4) {
            // enough significant digits that neighbours one step apart read differently
            int digits = (int) (Math.floor(Math.log10(magnitude)) - Math.floor(Math.log10(step) + 1e-9)) + 1;
            return String.format(Locale.ROOT, "%." + Math.max(2, digits) + "g", value).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return new BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Removes floating-point dust such as 0.30000000000000004 and negative zero. */
    private static double clean(double value) {
        double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.12g", value));
        return rounded == 0 ? 0.0 : rounded;
    }
}
