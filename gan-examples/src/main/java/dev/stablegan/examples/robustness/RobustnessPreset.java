package dev.stablegan.examples.robustness;

import dev.stablegan.api.Choices;
import java.util.List;

/**
 * Sizes of the robustness grid, two named values. {@code paper}: 64x64 images, width 64 (the authors' {@code DIM}), batch 64,
 * 200,000 generator steps, for GPU users. {@code cpu}: 32x32 images, width 16, batch 64, 600 generator steps per
 * cell, so that the whole grid of 7 families x 4 methods fits a few hours on 2 cores (about 2.6 hours estimated from
 * the per-step timing in docs/benchmarks.md; the ResNet cells take 70% of it).
 *
 * @param id the name on the command line
 * @param size image side
 * @param width network width
 * @param batch examples per batch
 * @param steps generator steps per cell
 */
public record RobustnessPreset(String id, int size, int width, int batch, long steps) {
    public static final RobustnessPreset CPU = new RobustnessPreset("cpu", 32, 16, 64, 600);
    public static final RobustnessPreset PAPER = new RobustnessPreset("paper", 64, 64, 64, 200_000);
    private static final List<RobustnessPreset> ALL = List.of(CPU, PAPER);

    public static final int LATENT_DIM = 128;

    public static List<String> names() {
        return Choices.ids(ALL, RobustnessPreset::id);
    }

    /** @throws IllegalArgumentException naming the accepted presets */
    public static RobustnessPreset byName(String name) {
        return Choices.byId(ALL, RobustnessPreset::id, name, "unknown preset");
    }
}
