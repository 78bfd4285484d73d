package dev.stablegan.eval.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jensen-Shannon divergence between the character n-gram distributions of two sets of lines, as the WGAN-GP
 * language model reports it (Gulrajani et al. 2017, section 5.5 and Table 3; the authors'
 * {@code language_helpers.py}).
 *
 * <p>Each line is cut or padded to {@value #LINE_LENGTH} characters (Unicode code points) with the pad
 * character {@code '`'}, as in the authors' data loader; its n-grams are the {@code 33 - n} windows of
 * {@code n} characters. With {@code p} and {@code q} the maximum-likelihood (count / total) distributions and
 * {@code m = (p + q) / 2}, {@code JS = (KL(p || m) + KL(q || m)) / 2} in bits, so it lies in {@code [0, 1]}:
 * 0 for equal distributions, 1 for disjoint ones.
 */
public final class NgramJensenShannon {
    /** Characters per line after cutting or padding. */
    public static final int LINE_LENGTH = 32;
    /** The pad character of the authors' loader. */
    public static final int PAD = '`';

    private NgramJensenShannon() {}

    /**
     * @param byOrder {@code byOrder[n - 1]} is the divergence of the n-gram distributions, {@code n = 1..maxN}
     * @param referenceLines lines of the reference set
     * @param sampleLines lines of the sample set
     */
    public record Result(double[] byOrder, int referenceLines, int sampleLines) {
        /** The divergence for n-grams of length {@code n}. */
        public double order(int n) {
            return byOrder[n - 1];
        }
    }

    /**
     * The n-gram counts of a reference set for {@code n = 1..maxN}, counted once for many comparisons (a training
     * loop that scores its samples every few steps against the same corpus).
     */
    public static final class Reference {
        private final List<Map<String, Long>> countsByOrder;
        private final int lines;

        private Reference(List<Map<String, Long>> countsByOrder, int lines) {
            this.countsByOrder = countsByOrder;
            this.lines = lines;
        }

        /** The largest n counted. */
        public int maxN() {
            return countsByOrder.size();
        }

        /** Lines counted. */
        public int lines() {
            return lines;
        }
    }

    /**
     * Counts the n-grams of {@code lines} for {@code n = 1..maxN}.
     *
     * @throws IllegalArgumentException for {@code maxN} outside {@code [1, 32]} or no lines, naming the field
     */
    public static Reference reference(List<String> lines, int maxN) {
        checkOrder(maxN);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("reference: needs at least one line");
        }
        List<int[]> ref = lines.stream().map(NgramJensenShannon::padded).toList();
        List<Map<String, Long>> byOrder = new ArrayList<>();
        for (int n = 1; n <= maxN; n++) {
            byOrder.add(counts(ref, n));
        }
        return new Reference(List.copyOf(byOrder), lines.size());
    }

    /**
     * JS divergences for {@code n = 1..maxN}.
     *
     * @throws IllegalArgumentException for {@code maxN} outside {@code [1, 32]} or an empty set, naming it
     */
    public static Result between(List<String> reference, List<String> samples, int maxN) {
        checkOrder(maxN);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples: needs at least one line");
        }
        return between(reference(reference, maxN), samples);
    }

    /** JS divergences for {@code n = 1..reference.maxN()} against counted reference n-grams. */
    public static Result between(Reference reference, List<String> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples: needs at least one line");
        }
        List<int[]> gen = samples.stream().map(NgramJensenShannon::padded).toList();
        double[] byOrder = new double[reference.maxN()];
        for (int n = 1; n <= byOrder.length; n++) {
            byOrder[n - 1] = divergence(reference.countsByOrder.get(n - 1), counts(gen, n));
        }
        return new Result(byOrder, reference.lines(), samples.size());
    }

    private static void checkOrder(int maxN) {
        if (maxN < 1 || maxN > LINE_LENGTH) {
            throw new IllegalArgumentException("n: must be between 1 and " + LINE_LENGTH + ", got " + maxN);
        }
    }

    /** The line as {@value #LINE_LENGTH} code points: cut, or padded with {@link #PAD}. */
    static int[] padded(String line) {
        int[] cps = line.codePoints().limit(LINE_LENGTH).toArray();
        int[] out = new int[LINE_LENGTH];
        System.arraycopy(cps, 0, out, 0, cps.length);
        for (int i = cps.length; i < LINE_LENGTH; i++) {
            out[i] = PAD;
        }
        return out;
    }

    /** Counts of every n-gram of the padded lines. */
    static Map<String, Long> counts(List<int[]> lines, int n) {
        Map<String, Long> counts = new HashMap<>();
        for (int[] line : lines) {
            for (int i = 0; i + n <= line.length; i++) {
                counts.merge(new String(line, i, n), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** {@code JS(p, q)} in bits between the normalized counts. */
    static double divergence(Map<String, Long> p, Map<String, Long> q) {
        double totalP = total(p);
        double totalQ = total(q);
        Set<String> support = new HashSet<>(p.keySet());
        support.addAll(q.keySet());
        double sum = 0;
        for (String gram : support) {
            double pi = p.getOrDefault(gram, 0L) / totalP;
            double qi = q.getOrDefault(gram, 0L) / totalQ;
            double mi = 0.5 * (pi + qi);
            if (pi > 0) {
                sum += pi * Math.log(pi / mi);
            }
            if (qi > 0) {
                sum += qi * Math.log(qi / mi);
            }
        }
        return Math.min(1.0, Math.max(0.0, 0.5 * sum / Math.log(2))); // rounding may step just outside [0, 1]
    }

    private static double total(Map<String, Long> counts) {
        long t = 0;
        for (long c : counts.values()) {
            t += c;
        }
        return t;
    }
}
