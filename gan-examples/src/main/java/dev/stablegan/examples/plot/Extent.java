package dev.stablegan.examples.plot;

/**
 * A rectangle {@code [xMin, xMax] x [yMin, yMax]} in data coordinates, such as the region a critic's value
 * surface is sampled on.
 */
public record Extent(double xMin, double xMax, double yMin, double yMax) {
    public Extent {
        if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax)) {
            throw new IllegalArgumentException("extent: need finite xMin < xMax, got [" + xMin + ", " + xMax + "]");
        }
        if (!(Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax)) {
            throw new IllegalArgumentException("extent: need finite yMin < yMax, got [" + yMin + ", " + yMax + "]");
        }
    }

    /** The square {@code [-range, range]^2}, as in the WGAN-GP toy plots (range 3 there). */
    public static Extent square(double range) {
        if (!(Double.isFinite(range) && range > 0)) {
            throw new IllegalArgumentException("range: must be a finite number > 0, got " + range);
        }
        return new Extent(-range, range, -range, range);
    }

    public double width() {
        return xMax - xMin;
    }

    public double height() {
        return yMax - yMin;
    }

    /** The {@code i}-th of {@code n} evenly spaced grid positions on x, from {@code xMin} to {@code xMax} inclusive. */
    public double gridX(int i, int n) {
        return n == 1 ? xMin : xMin + width() * i / (n - 1);
    }

    /** The {@code j}-th of {@code n} evenly spaced grid positions on y, from {@code yMin} to {@code yMax} inclusive. */
    public double gridY(int j, int n) {
        return n == 1 ? yMin : yMin + height() * j / (n - 1);
    }
}
