package dev.stablegan.examples.ssl;

import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.examples.plot.ImageGrid;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test images a classifier reads wrong, grouped by confusion cell (true class, class read), the largest cell
 * first: the pictures behind the off-diagonal counts of a {@link ConfusionMatrix}, so that a plateau of the test error
 * can be looked at, not only counted (issue 19).
 *
 * @param items every misread image, largest cell first, then by true class, class read and index
 */
public record MisreadDigits(List<Item> items) {
    /** Test image {@code index} of class {@code label}, read as {@code read}. */
    public record Item(int index, int label, int read) {}

    private static final int SCALE = 2;
    private static final int CAPTION = 150;
    private static final int TITLE = 24;

    public MisreadDigits {
        items = List.copyOf(items);
    }

    /** The images where {@code predicted[i] != truth[i]}. */
    public static MisreadDigits of(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("misread digits: " + predicted.length + " predictions for " + truth.length + " labels");
        }
        List<Item> items = new ArrayList<>();
        Map<Long, Integer> cellSizes = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] != truth[i]) {
                items.add(new Item(i, truth[i], predicted[i]));
                cellSizes.merge(cell(truth[i], predicted[i]), 1, Integer::sum);
            }
        }
        items.sort(Comparator.comparingInt((Item it) -> -cellSizes.get(cell(it.label(), it.read()))).thenComparingInt(Item::label)
                .thenComparingInt(Item::read).thenComparingInt(Item::index));
        return new MisreadDigits(items);
    }

    private static long cell(int label, int read) {
        return ((long) label << 32) | (read & 0xffffffffL);
    }

    /** {@code [index, true class, class read]} per image, for JSON. */
    public List<List<Integer>> rows() {
        return items.stream().map(it -> List.of(it.index(), it.label(), it.read())).toList();
    }

    /**
     * One row per confusion cell, at most {@code maxCells} cells and {@code perCell} images each (the cell's count in its
     * caption), the images of {@code test} drawn at twice their size.
     */
    public BufferedImage image(LabelledImages test, String title, int maxCells, int perCell) {
        List<List<Item>> cells = new ArrayList<>();
        for (Item it : items) {
            List<Item> last = cells.isEmpty() ? null : cells.get(cells.size() - 1);
            if (last == null || last.get(0).label() != it.label() || last.get(0).read() != it.read()) {
                if (cells.size() == maxCells) {
                    break;
                }
                last = new ArrayList<>();
                cells.add(last);
            }
            last.add(it);
        }
        int side = test.rows() * SCALE + 4; // a grid row: the images and their 2-pixel gutters above and below
        int widest = cells.stream().mapToInt(c -> Math.min(perCell, c.size())).max().orElse(0);
        int width = CAPTION + widest * side + 2;
        BufferedImage img = new BufferedImage(Math.max(width, 360), TITLE + Math.max(1, cells.size()) * side + 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ImageGrid.whitePage(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, 4, 16);
        if (cells.isEmpty()) {
            g.drawString("no test image is misread", 4, TITLE + 16);
        }
        for (int r = 0; r < cells.size(); r++) {
            List<Item> cell = cells.get(r);
            int y = TITLE + r * side;
            long total = items.stream().filter(it -> it.label() == cell.get(0).label() && it.read() == cell.get(0).read()).count();
            g.drawString(cell.get(0).label() + " read as " + cell.get(0).read() + " (" + total + ")", 4, y + side / 2 + 4);
            int shown = Math.min(perCell, cell.size());
            int[] indices = cell.stream().limit(shown).mapToInt(Item::index).toArray();
            g.drawImage(ImageGrid.gray(SslMnistExperiment.rows(test, indices), shown, test.rows(), test.cols(), shown, SCALE), CAPTION, y,
                    null);
        }
        g.dispose();
        return img;
    }
}
