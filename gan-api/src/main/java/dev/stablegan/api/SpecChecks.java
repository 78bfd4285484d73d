package dev.stablegan.api;

/** Argument checks shared by the spec records; every message names the field it rejects. */
public final class SpecChecks {
    private SpecChecks() {}

    public static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + ": must be a finite number, got " + value);
        }
    }

    public static void positive(String field, double value) {
        finite(field, value);
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, got " + value);
        }
    }

    public static void nonNegative(String field, double value) {
        finite(field, value);
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0, got " + value);
        }
    }

    public static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, got " + value);
        }
    }

    public static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0, got " + value);
        }
    }

    /** Checks {@code value >= min}, for counts and sizes. */
    public static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + ": must be >= " + min + ", got " + value);
        }
    }

    /** Checks {@code low <= value <= high}. */
    public static void inRange(String field, double value, double low, double high) {
        finite(field, value);
        if (value < low || value > high) {
            throw new IllegalArgumentException(field + ": must be in [" + low + ", " + high + "], got " + value);
        }
    }

    /** Checks {@code low <= value < high}. */
    public static void inHalfOpenRange(String field, double value, double low, double high) {
        finite(field, value);
        if (value < low || value >= high) {
            throw new IllegalArgumentException(field + ": must be in [" + low + ", " + high + "), got " + value);
        }
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value;
    }
}
