package dev.stablegan.eval.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.djl.Devices;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.linalg.Float64Arrays;
import java.util.Arrays;

/**
 * Improved precision and recall (Kynkaanniemi et al. 2019, section 3) and density and coverage (Naeem et al.
 * 2020, section 3) of generated features {@code Y} against real features {@code X}.
 *
 * <p>With {@code r_k(x)} the Euclidean distance from {@code x} to its {@code k}-th nearest other sample of the
 * same set ({@code M} fakes, {@code N} reals):
 * <ul>
 *   <li>precision {@code = (1/M) sum_j 1[exists i: |y_j - x_i| <= r_k(x_i)]}, recall likewise with the roles
 *       swapped ({@code k = 3}, {@code <=}, as Kynkaanniemi et al.);</li>
 *   <li>density {@code = (1/(k M)) sum_j sum_i 1[|y_j - x_i| < r_k(x_i)]}, coverage
 *       {@code = (1/N) sum_i 1[min_j |y_j - x_i| < r_k(x_i)]} ({@code k = 5}, strict {@code <}, as Naeem et
 *       al.).</li>
 * </ul>
 * Distances come from {@code |a|^2 + |b|^2 - 2 a.b} in float64 (as scikit-learn's, which the references use),
 * compared squared; a sample's distance to itself is exactly 0 and counts as its first neighbour.
 */
public final class PrecisionRecallDensityCoverage {
    public static final int DEFAULT_PRECISION_RECALL_K = 3;
    public static final int DEFAULT_DENSITY_COVERAGE_K = 5;
    /** Values of a distance block kept at once (32 MiB of float64). */
    private static final int BLOCK_VALUES = 1 << 22;

    private PrecisionRecallDensityCoverage() {}

    /**
     * @param precisionRecallK {@code k} of precision and recall
     * @param densityCoverageK {@code k} of density and coverage
     */
    public record Result(double precision, double recall, double density, double coverage, int precisionRecallK,
            int densityCoverageK, int realCount, int fakeCount) {}

    /**
     * All four metrics.
     *
     * @throws IllegalArgumentException for {@code k < 1}, a set with no more than {@code k} samples, or different
     *     dimensions, naming them
     */
    public static Result between(FeatureMatrix real, FeatureMatrix fake, int precisionRecallK, int densityCoverageK) {
        if (precisionRecallK < 1) {
            throw new IllegalArgumentException("k: precision and recall need k >= 1, got " + precisionRecallK);
        }
        if (densityCoverageK < 1) {
            throw new IllegalArgumentException("k: density and coverage need k >= 1, got " + densityCoverageK);
        }
        real.requireSameDimension(fake);
        int kMax = Math.max(precisionRecallK, densityCoverageK);
        real.requireRows(kMax + 1, "a k=" + kMax + " nearest-neighbour radius");
        fake.requireRows(precisionRecallK + 1, "a k=" + precisionRecallK + " nearest-neighbour radius");
        int n = real.rows();
        int m = fake.rows();
        try (NDManager manager = Devices.newHostManager()) {
            Points x = Points.of(manager, real);
            Points y = Points.of(manager, fake);
            double[][] realRadii = squaredRadii(manager, x, new int[] {precisionRecallK, densityCoverageK});
            double[] realPr = realRadii[0];
            double[] realDc = realRadii[1];
            double[] fakePr = squaredRadii(manager, y, new int[] {precisionRecallK})[0];

            boolean[] fakeInReal = new boolean[m];
            long[] fakeDensityCounts = new long[m];
            boolean[] realInFake = new boolean[n];
            boolean[] realCovered = new boolean[n];
            forEachDistanceRow(manager, x, y, (i, d2, row) -> {
                double nearest = Double.POSITIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    double v = d2[row + j];
                    if (v <= realPr[i]) {
                        fakeInReal[j] = true;
                    }
                    if (v < realDc[i]) {
                        fakeDensityCounts[j]++;
                    }
                    if (v <= fakePr[j]) {
                        realInFake[i] = true;
                    }
                    nearest = Math.min(nearest, v);
                }
                realCovered[i] = nearest < realDc[i];
            });
            long densitySum = 0;
            for (long c : fakeDensityCounts) {
                densitySum += c;
            }
            return new Result(fraction(fakeInReal), fraction(realInFake), densitySum / ((double) densityCoverageK * m),
                    fraction(realCovered), precisionRecallK, densityCoverageK, n, m);
        }
    }

    /**
     * For each {@code k} in {@code ks}, the squared distance from every row to its {@code k}-th nearest other row
     * (the {@code (k+1)}-th smallest distance, the row itself being the first at 0).
     */
    private static double[][] squaredRadii(NDManager manager, Points a, int[] ks) {
        int n = a.count;
        int kMax = Arrays.stream(ks).max().orElseThrow();
        double[][] radii = new double[ks.length][n];
        double[] smallest = new double[kMax + 1];
        forEachDistanceRow(manager, a, a, (i, d2, row) -> {
            d2[row + i] = 0.0;
            Arrays.fill(smallest, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                insert(smallest, d2[row + j]);
            }
            for (int q = 0; q < ks.length; q++) {
                radii[q][i] = smallest[ks[q]];
            }
        });
        return radii;
    }

    /** One row of squared distances: from row {@code i} of the first set to every row of the second, at {@code d2[row ..]}. */
    @FunctionalInterface
    private interface DistanceRow {
        void accept(int i, double[] d2, int row);
    }

    /**
     * Hands every row of the squared distances from {@code a} to {@code b} to {@code visit}, in row order, computing
     * them a block of rows at a time so that no more than {@link #BLOCK_VALUES} distances are held at once.
     */
    private static void forEachDistanceRow(NDManager manager, Points a, Points b, DistanceRow visit) {
        int block = Math.max(1, BLOCK_VALUES / b.count);
        for (int from = 0; from < a.count; from += block) {
            int to = Math.min(a.count, from + block);
            double[] d2 = squaredDistances(manager, a, from, to, b);
            for (int i = from; i < to; i++) {
                visit.accept(i, d2, (i - from) * b.count);
            }
        }
    }

    /** Keeps {@code smallest} the sorted {@code smallest.length} least values seen. */
    private static void insert(double[] smallest, double v) {
        int last = smallest.length - 1;
        if (!(v < smallest[last])) {
            return;
        }
        int i = last;
        while (i > 0 && smallest[i - 1] > v) {
            smallest[i] = smallest[i - 1];
            i--;
        }
        smallest[i] = v;
    }

    /** A set of rows in libtorch with what every distance block needs of it, made once. */
    private record Points(int count, NDArray data, NDArray squaredNorms, NDArray transposed, NDArray squaredNormsRow) {
        static Points of(NDManager manager, FeatureMatrix f) {
            NDArray data = Float64Arrays.upload(manager, f);
            NDArray norms = data.square().sum(new int[] {1});
            return new Points(f.rows(), data, norms, data.transpose(), norms.expandDims(0));
        }
    }

    /** Squared distances of rows {@code [from, to)} of {@code a} to every row of {@code b}, row-major, at least 0. */
    private static double[] squaredDistances(NDManager manager, Points a, int from, int to, Points b) {
        try (NDManager step = manager.newSubManager()) {
            NDArray rows = a.data.get(from + ":" + to);
            rows.attach(step);
            NDArray rowNorms = a.squaredNorms.get(from + ":" + to);
            rowNorms.attach(step);
            NDArray dots = rows.matMul(b.transposed);
            NDArray d2 = rowNorms.expandDims(1).add(b.squaredNormsRow).sub(dots.mul(2.0)).maximum(0.0);
            return Float64Arrays.download(d2);
        }
    }

    private static double fraction(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) {
            if (f) {
                count++;
            }
        }
        return count / (double) flags.length;
    }
}
