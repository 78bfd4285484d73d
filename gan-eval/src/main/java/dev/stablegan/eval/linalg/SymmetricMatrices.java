package dev.stablegan.eval.linalg;

import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Decompositions of real symmetric matrices that DJL lacks (Cholesky, eigenvalues, eigenvectors), on EJML.
 *
 * <p>Matrices are {@code n x n}, row-major {@code double[]}. Inputs are never changed.
 */
public final class SymmetricMatrices {
    private SymmetricMatrices() {}

    /** {@code (a + a^T) / 2}: a product such as {@code F^T S F} is symmetric only up to rounding. */
    public static double[] symmetrized(double[] a, int n) {
        requireSquare(a, n);
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            s[i * n + i] = a[i * n + i];
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (a[i * n + j] + a[j * n + i]);
                s[i * n + j] = v;
                s[j * n + i] = v;
            }
        }
        return s;
    }

    /** Smallest {@code L_ii^2 / max_j a_jj} for which a matrix counts as numerically positive definite. */
    static final double PIVOT_TOLERANCE = 1e-12;

    /**
     * The lower Cholesky factor {@code L} with {@code a = L L^T}, or empty when {@code a} is not numerically
     * positive definite: the factorization fails, or a pivot {@code L_ii^2} is below {@code 1e-12 max_j a_jj}
     * (a singular matrix whose rounding left a tiny positive pivot).
     */
    public static Optional<double[]> choleskyLower(double[] a, int n) {
        requireSquare(a, n);
        DMatrixRMaj m = new DMatrixRMaj(n, n, true, a.clone());
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(m)) {
            return Optional.empty();
        }
        double largestDiagonal = 0;
        for (int i = 0; i < n; i++) {
            largestDiagonal = Math.max(largestDiagonal, a[i * n + i]);
        }
        DMatrixRMaj lower = chol.getT(null);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                lower.unsafe_set(i, j, 0.0);
            }
            double pivot = lower.unsafe_get(i, i);
            if (!Double.isFinite(pivot) || !(pivot * pivot > PIVOT_TOLERANCE * largestDiagonal)) {
                return Optional.empty();
            }
        }
        return Optional.of(lower.getData());
    }

    /** The eigenvalues of the symmetric matrix {@code a}, in no particular order. */
    public static double[] eigenvalues(double[] a, int n) {
        requireSquare(a, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, a.clone()))) {
            throw new ArithmeticException("the symmetric eigenvalue iteration did not converge for a " + n + " x " + n + " matrix");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        return values;
    }

    /**
     * A factor {@code F} with {@code a = F F^T} for a symmetric positive semi-definite {@code a}, from its
     * eigendecomposition {@code V diag(lambda) V^T}: {@code F = V diag(sqrt(max(lambda, 0)))}. Negative
     * eigenvalues are rounding noise of a semi-definite matrix and count as 0.
     */
    public static double[] semidefiniteFactor(double[] a, int n) {
        requireSquare(a, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, a.clone()))) {
            throw new ArithmeticException("the symmetric eigendecomposition did not converge for a " + n + " x " + n + " matrix");
        }
        double[] factor = new double[n * n];
        for (int k = 0; k < n; k++) {
            double scale = Math.sqrt(Math.max(eig.getEigenvalue(k).getReal(), 0.0));
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < n; i++) {
                factor[i * n + k] = v.get(i) * scale;
            }
        }
        return factor;
    }

    private static void requireSquare(double[] a, int n) {
        if (n < 1 || a == null || a.length != (long) n * n) {
            throw new IllegalArgumentException("expected a " + n + " x " + n + " matrix, got " + (a == null ? 0 : a.length) + " values");
        }
    }
}
