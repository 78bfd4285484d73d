package dev.stablegan.eval;

import java.util.Arrays;

/**
 * Samples as rows of finite numbers: features, logits or class probabilities, one row per sample.
 *
 * <p>Stored row-major in float64, as every metric here computes in float64. The {@link #source()} names where
 * the rows came from (a file, an extractor) so that errors and provenance can say so.
 */
public final class FeatureMatrix {
    private final String source;
    private final int rows;
    private final int cols;
    private final double[] values;

    /**
     * @param source where the rows came from, for messages (for example a file name)
     * @param rows number of samples, {@code >= 1}
     * @param cols values per sample, {@code >= 1}
     * @param values {@code rows * cols} finite values, row-major; kept, not copied
     * @throws IllegalArgumentException naming the source and, for a non-finite value, its row and column
     */
    public FeatureMatrix(String source, int rows, int cols, double[] values) {
        this.source = source == null || source.isBlank() ? "features" : source;
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(this.source + ": needs at least one row and one column, got " + rows + " x " + cols);
        }
        if (values == null || values.length != (long) rows * cols) {
            throw new IllegalArgumentException(this.source + ": expected " + ((long) rows * cols) + " values for " + rows + " x "
                    + cols + ", got " + (values == null ? 0 : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(this.source + ": row " + (i / cols) + ", column " + (i % cols) + " is " + values[i]
                        + "; every value must be finite");
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    /**
     * Copies rows of equal length.
     *
     * @throws IllegalArgumentException for no rows, ragged rows or non-finite values, naming the source
     */
    public static FeatureMatrix of(String source, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(source + ": needs at least one row");
        }
        int cols = rows[0].length;
        double[] values = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException(source + ": row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, values, i * cols, cols);
        }
        return new FeatureMatrix(source, rows.length, cols, values);
    }

    public String source() {
        return source;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int row, int col) {
        return values[row * cols + col];
    }

    /** A copy of one row. */
    public double[] row(int row) {
        return Arrays.copyOfRange(values, row * cols, (row + 1) * cols);
    }

    /** The row-major values themselves (not a copy): callers must not change them. */
    public double[] values() {
        return values;
    }

    /**
     * Checks that there are at least {@code minRows} samples.
     *
     * @throws IllegalArgumentException naming the source, the count and what needs it
     */
    public FeatureMatrix requireRows(int minRows, String why) {
        if (rows < minRows) {
            throw new IllegalArgumentException(source + ": " + why + " needs at least " + minRows + " samples, got " + rows);
        }
        return this;
    }

    /**
     * Checks that {@code other} has the same number of columns.
     *
     * @throws IllegalArgumentException naming both sources and their dimensions
     */
    public void requireSameDimension(FeatureMatrix other) {
        if (other.cols != cols) {
            throw new IllegalArgumentException("feature dimensions differ: " + source + " has " + cols + ", " + other.source + " has "
                    + other.cols);
        }
    }

    @Override
    public String toString() {
        return source + " (" + rows + " x " + cols + ")";
    }
}
