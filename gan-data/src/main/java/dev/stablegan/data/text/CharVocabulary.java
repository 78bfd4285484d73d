package dev.stablegan.data.text;

import dev.stablegan.api.SpecChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The characters a language GAN writes with, as the WGAN-GP language model builds them (Gulrajani et al. 2017,
 * section 5.5; the authors' {@code language_helpers.load_dataset}): every line is cut or padded to {@code length}
 * code points with the pad character {@value #PAD_CHAR}, the {@code maxSize - 1} most frequent code points of the
 * padded lines are kept (ties: the smaller code point first), and index 0 stands for every other one (unknown).
 *
 * <p>{@link #encode} maps a line to {@code length} indices; {@link #decode} maps indices back, the unknown symbol
 * to {@value #UNKNOWN_CHAR} and trailing pads dropped (the n-gram scores pad again, so nothing is lost).
 */
public final class CharVocabulary {
    /** The pad character of the authors' loader (and of gan-eval's n-gram scores). */
    public static final char PAD_CHAR = '`';
    /** How an unknown symbol is written when decoding: U+FFFD, the replacement character. */
    public static final char UNKNOWN_CHAR = '\uFFFD';
    /** The index of the unknown symbol. */
    public static final int UNKNOWN = 0;
    /** The paper's vocabulary limit. */
    public static final int PAPER_MAX_SIZE = 2048;

    private final int length;
    private final int[] codePoints; // codePoints[0] is unused (unknown)
    private final Map<Integer, Integer> index;

    private CharVocabulary(int length, int[] codePoints) {
        this.length = length;
        this.codePoints = codePoints;
        this.index = new HashMap<>();
        for (int i = 1; i < codePoints.length; i++) {
            index.put(codePoints[i], i);
        }
    }

    /**
     * The vocabulary of {@code lines}.
     *
     * @param length code points per line after cutting or padding, {@code >= 1}
     * @param maxSize symbols including the unknown one, {@code >= 2}
     * @throws IllegalArgumentException for no lines or bad sizes, naming the field
     */
    public static CharVocabulary of(List<String> lines, int length, int maxSize) {
        SpecChecks.atLeast("length", length, 1);
        if (maxSize < 2) {
            throw new IllegalArgumentException("vocabulary size: must be >= 2 (the unknown symbol and one character), got " + maxSize);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("corpus: has no lines to build a vocabulary from");
        }
        Map<Integer, Long> counts = new HashMap<>();
        for (String line : lines) {
            for (int cp : padded(line, length)) {
                counts.merge(cp, 1L, Long::sum);
            }
        }
        List<Map.Entry<Integer, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(a.getKey(), b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        int kept = Math.min(sorted.size(), maxSize - 1);
        int[] cps = new int[kept + 1];
        for (int i = 0; i < kept; i++) {
            cps[i + 1] = sorted.get(i).getKey();
        }
        return new CharVocabulary(length, cps);
    }

    /**
     * A vocabulary from its characters in index order (index 0, the unknown symbol, not included), as
     * {@link #characters()} wrote them.
     *
     * @throws IllegalArgumentException for a repeated character
     */
    public static CharVocabulary fromCharacters(int length, List<Integer> characters) {
        SpecChecks.atLeast("length", length, 1);
        int[] cps = new int[characters.size() + 1];
        for (int i = 0; i < characters.size(); i++) {
            cps[i + 1] = characters.get(i);
        }
        if (Arrays.stream(cps, 1, cps.length).distinct().count() != characters.size()) {
            throw new IllegalArgumentException("vocabulary: a character is listed twice");
        }
        return new CharVocabulary(length, cps);
    }

    /** Symbols including the unknown one: the generator's channels. */
    public int size() {
        return codePoints.length;
    }

    /** Code points per encoded line. */
    public int length() {
        return length;
    }

    /** The kept code points in index order, from index 1. */
    public List<Integer> characters() {
        return Arrays.stream(codePoints, 1, codePoints.length).boxed().toList();
    }

    /** {@link #length()} indices for {@code line}, cut or padded. */
    public int[] encode(String line) {
        int[] cps = padded(line, length);
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = index.getOrDefault(cps[i], UNKNOWN);
        }
        return out;
    }

    /** The line spelled by {@code indices}, without trailing pads. */
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder();
        for (int i : indices) {
            if (i < 0 || i >= codePoints.length) {
                throw new IllegalArgumentException("index: " + i + " is outside the vocabulary of " + codePoints.length);
            }
            sb.appendCodePoint(i == UNKNOWN ? UNKNOWN_CHAR : codePoints[i]);
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == PAD_CHAR) {
            end--;
        }
        return sb.substring(0, end);
    }

    /** {@code line} as {@code length} code points: cut, or padded with {@value #PAD_CHAR}. */
    static int[] padded(String line, int length) {
        int[] cps = line.codePoints().limit(length).toArray();
        int[] out = Arrays.copyOf(cps, length);
        Arrays.fill(out, cps.length, length, PAD_CHAR);
        return out;
    }
}
