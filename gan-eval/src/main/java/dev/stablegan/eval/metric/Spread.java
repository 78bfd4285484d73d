package dev.stablegan.eval.metric;

/** Mean and population standard deviation (ddof 0, as NumPy's default) of per-split or per-subset values. */
record Spread(double mean, double std) {
    static Spread of(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new Spread(mean, Math.sqrt(var / values.length));
    }
}
