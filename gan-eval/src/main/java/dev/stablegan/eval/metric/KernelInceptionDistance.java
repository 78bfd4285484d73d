package dev.stablegan.eval.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.djl.Devices;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.linalg.Float64Arrays;

/**
 * The kernel Inception distance: an unbiased estimate of the squared MMD between two feature sets under the
 * cubic polynomial kernel (Binkowski et al. 2018, section 3, "Demystifying MMD GANs").
 *
 * <p>{@code k(x, y) = (x.y / d + 1)^3}. On each of {@code S} subsets of {@code m} rows drawn without
 * replacement from each set (seeded),
 * {@code MMD^2 = sum_{i != j} k(x_i, x_j) / (m (m-1)) + sum_{i != j} k(y_i, y_j) / (m (m-1))
 * - 2 sum_{i, j} k(x_i, y_j) / m^2} (the diagonal of the cross term is kept, as in the authors' code). KID is
 * the mean over subsets, with their population standard deviation; negative values are valid estimates of a
 * distance near 0. Products run in float64 in libtorch.
 */
public final class KernelInceptionDistance {
    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    private KernelInceptionDistance() {}

    /**
     * @param mean KID: mean of the subset estimates
     * @param std their population standard deviation
     * @param subsetValues the estimate of each subset, in drawing order
     * @param subsetSize {@code m}
     * @param seed seed of the subset draws
     * @param realCount rows of the first set
     * @param fakeCount rows of the second set
     */
    public record Result(double mean, double std, double[] subsetValues, int subsetSize, long seed, int realCount, int fakeCount) {}

    /**
     * KID between the rows of {@code real} and {@code fake}.
     *
     * @throws IllegalArgumentException for {@code subsets < 1}, {@code subsetSize < 2}, a subset larger than a set,
     *     or different dimensions, naming the field or set
     */
    public static Result between(FeatureMatrix real, FeatureMatrix fake, int subsets, int subsetSize, long seed) {
        SpecChecks.atLeast("subsets", subsets, 1);
        SpecChecks.atLeast("subset-size", subsetSize, 2);
        real.requireSameDimension(fake);
        real.requireRows(subsetSize, "a KID subset of subset-size " + subsetSize);
        fake.requireRows(subsetSize, "a KID subset of subset-size " + subsetSize);
        double d = real.cols();
        int m = subsetSize;
        RandomStream random = new RandomStream(seed);
        int[] realOrder = identity(real.rows());
        int[] fakeOrder = identity(fake.rows());
        double[] values = new double[subsets];
        try (NDManager manager = Devices.newHostManager()) {
            NDArray x = Float64Arrays.upload(manager, real);
            NDArray y = Float64Arrays.upload(manager, fake);
            for (int s = 0; s < subsets; s++) {
                long[] xi = drawWithoutReplacement(realOrder, m, random);
                long[] yi = drawWithoutReplacement(fakeOrder, m, random);
                try (NDManager step = manager.newSubManager()) {
                    NDArray xs = x.get(new NDIndex("{}", step.create(xi)));
                    xs.attach(step);
                    NDArray ys = y.get(new NDIndex("{}", step.create(yi)));
                    ys.attach(step);
                    double xx = offDiagonalKernelSum(xs, d);
                    double yy = offDiagonalKernelSum(ys, d);
                    double xy = kernel(xs.matMul(ys.transpose()), d).sum().getDouble();
                    values[s] = (xx + yy) / ((double) m * (m - 1)) - 2 * xy / ((double) m * m);
                }
            }
        }
        Spread spread = Spread.of(values);
        return new Result(spread.mean(), spread.std(), values, m, seed, real.rows(), fake.rows());
    }

    /** {@code sum_{i != j} k(a_i, a_j)}: the whole Gram kernel minus its diagonal {@code (|a_i|^2/d + 1)^3}. */
    private static double offDiagonalKernelSum(NDArray a, double d) {
        double all = kernel(a.matMul(a.transpose()), d).sum().getDouble();
        double diagonal = kernel(a.square().sum(new int[] {1}), d).sum().getDouble();
        return all - diagonal;
    }

    /** {@code (dot / d + 1)^3}, element-wise. */
    private static NDArray kernel(NDArray dots, double d) {
        NDArray base = dots.div(d).add(1.0);
        return base.mul(base).mul(base);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The first {@code m} entries of a partial Fisher-Yates shuffle of {@code order} (which it keeps permuting). */
    static long[] drawWithoutReplacement(int[] order, int m, RandomStream random) {
        long[] drawn = new long[m];
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            drawn[i] = order[i];
        }
        return drawn;
    }
}
