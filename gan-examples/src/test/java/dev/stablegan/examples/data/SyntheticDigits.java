package dev.stablegan.examples.data;

import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.eval.features.LeNet;

/** Tiny labelled 28 x 28 image sets for end-to-end tests that must not need the real MNIST files. */
public final class SyntheticDigits {
    private SyntheticDigits() {}

    /** Class c: a bright 6x6 square at one of ten places, with a faint shifting background. */
    public static LabelledImages squares(String name, int count, int salt) {
        int side = LeNet.SIDE;
        byte[] pixels = new byte[count * side * side];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            int top = 2 + (c / 5) * 12 + (i + salt) % 3;
            int left = 1 + (c % 5) * 5 + (i / 10 + salt) % 2;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean inside = y >= top && y < top + 6 && x >= left && x < left + 4;
                    pixels[(i * side + y) * side + x] = (byte) (inside ? 230 : (x * 3 + y + i + salt) % 40);
                }
            }
        }
        return new LabelledImages(name, count, side, side, pixels, labels, 10);
    }

}
