package dev.stablegan.api;

/**
 * A small seeded random stream whose whole state is one {@code long}, so a checkpoint can store it and a
 * resumed run draws exactly the numbers an uninterrupted run would (SplitMix64, Steele et al. 2014;
 * normals by Box-Muller with no cached second value).
 */
public final class RandomStream {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public RandomStream(long seed) {
        this.state = seed;
    }

    /** A stream independent of this one for practical purposes, derived from {@code seed} and a label. */
    public static RandomStream derive(long seed, String label) {
        return new RandomStream(mix(seed ^ mix(label.hashCode() * GOLDEN_GAMMA)));
    }

    public long state() {
        return state;
    }

    public void restore(long savedState) {
        this.state = savedState;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in {@code [0, bound)}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: must be > 0, got " + bound);
        }
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates from the end, {@code n - 1} draws). */
    public int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Standard normal by Box-Muller (uses two uniforms, keeps no cached value). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    public float[] gaussians(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) nextGaussian();
        }
        return out;
    }

    public float[] uniforms(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) nextDouble();
        }
        return out;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
