package dev.stablegan.examples.ssl;

import dev.stablegan.examples.plot.ImageGrid;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The test set's confusion matrix of a classifier: {@code counts[t][p]} test images of class {@code t} predicted as
 * {@code p}. Its off-diagonal rows show which classes a plateau of the test error sits in (issue 19).
 */
public record ConfusionMatrix(int[][] counts) {
    /** Counts {@code predicted[i]} against {@code truth[i]} over {@code classes} classes. */
    public static ConfusionMatrix of(int[] predicted, int[] truth, int classes) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("confusion matrix: " + predicted.length + " predictions for " + truth.length + " labels");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /** Images not on the diagonal. */
    public int errors() {
        int e = 0;
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                e += t == p ? 0 : counts[t][p];
            }
        }
        return e;
    }

    /** Rows of counts, for JSON. */
    public List<List<Integer>> rows() {
        List<List<Integer>> rows = new ArrayList<>();
        for (int[] row : counts) {
            rows.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return rows;
    }

    /**
     * A small picture: one cell per (true, predicted) pair with its count; off-diagonal cells shaded by their count
     * relative to the largest off-diagonal count, the diagonal in gray.
     */
    public BufferedImage image(String title) {
        int k = counts.length;
        int cell = 34;
        int left = 40;
        int top = 46;
        BufferedImage img = new BufferedImage(left + k * cell + 10, top + k * cell + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ImageGrid.whitePage(img);
        int worst = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                worst = t == p ? worst : Math.max(worst, counts[t][p]);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        g.drawString(title, 4, 14);
        g.drawString("predicted ->", left, 30);
        for (int i = 0; i < k; i++) {
            g.drawString(Integer.toString(i), left + i * cell + cell / 2 - 3, top - 4);
            g.drawString(Integer.toString(i), left - 14, top + i * cell + cell / 2 + 4);
        }
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                int x = left + p * cell;
                int y = top + t * cell;
                float share = t == p ? 0 : counts[t][p] / (float) worst;
                g.setColor(t == p ? new Color(225, 225, 225) : new Color(1f, 1f - 0.8f * share, 1f - 0.8f * share));
                g.fillRect(x, y, cell - 1, cell - 1);
                g.setColor(Color.BLACK);
                String text = String.format(Locale.ROOT, "%d", counts[t][p]);
                g.drawString(text, x + cell / 2 - 3 * text.length(), y + cell / 2 + 4);
            }
        }
        g.dispose();
        return img;
    }
}
