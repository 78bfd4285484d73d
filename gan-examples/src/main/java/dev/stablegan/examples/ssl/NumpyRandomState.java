package dev.stablegan.examples.ssl;

import dev.stablegan.api.SpecChecks;
/**
 * numpy's legacy {@code RandomState(seed)} as far as {@code permutation(n)} needs it: the MT19937 generator seeded by
 * {@code init_genrand(seed)} and the legacy shuffle, which for {@code i = n-1 .. 1} swaps {@code x[i]} with
 * {@code x[j]}, {@code j} drawn uniformly from {@code [0, i]} by masked rejection ({@code random_interval}: the 32-bit
 * output AND the smallest all-ones mask covering {@code i}, redrawn while above {@code i}).
 *
 * <p>Why: Salimans et al. (2016) choose the 100 labelled MNIST examples with {@code RandomState(seed_data).permutation}
 * over the 60,000 training images, then take the first 10 of each class; reproducing their labelled set exactly needs
 * the same stream. numpy keeps the legacy stream frozen; {@code NumpyRandomStateTests} checks it against numpy.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /**
     * The generator of {@code numpy.random.RandomState(seed)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= seed < 2^32}, as numpy requires
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed: numpy's RandomState takes 0 <= seed < 2^32, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32-bit output of MT19937 (tempered), as an unsigned value. */
    public long nextUint32() {
        if (index >= N) {
            regenerate();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void regenerate() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    /** numpy's {@code random_interval(max)} for {@code 0 <= max < 2^32}: uniform on {@code [0, max]}. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** {@code RandomState.permutation(n)}: a shuffled {@code 0 .. n-1}. */
    public int[] permutation(int n) {
        SpecChecks.atLeast("n", n, 0);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        return x;
    }
}
