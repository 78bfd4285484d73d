package dev.stablegan.examples.robustness;

import dev.stablegan.api.Choices;
import java.util.List;

/**
 * Sizes of the robustness grid. {@code paper}: 64x64 images, width 64 (the authors' {@code DIM}), batch 64,
 * 200,000 generator steps, for GPU users. {@code cpu}: 32x32 images, width 16, batch 64, 600 generator steps per
 * cell, so that the whole grid of 7 families x 4 methods fits a few hours on 2 cores (about 2.6 hours estimated from
 * the per-step timing in docs/benchmarks.md; the ResNet cells take 70% of it).
 */
public enum RobustnessPreset {
    CPU("cpu", 32, 16, 64, 600),
    PAPER("paper", 64, 64, 64, 200_000);

    public static final int LATENT_DIM = 128;

    private final String id;
    private final int size;
    private final int width;
    private final int batch;
    private final long steps;

    RobustnessPreset(String id, int size, int width, int batch, long steps) {
        this.id = id;
        this.size = size;
        this.width = width;
        this.batch = batch;
        this.steps = steps;
    }

    public String id() {
        return id;
    }

    public int size() {
        return size;
    }

    public int width() {
        return width;
    }

    public int batch() {
        return batch;
    }

    public long steps() {
        return steps;
    }

    public static List<String> names() {
        return Choices.ids(RobustnessPreset.class, RobustnessPreset::id);
    }

    /** @throws IllegalArgumentException naming the accepted presets */
    public static RobustnessPreset byName(String name) {
        return Choices.byId(RobustnessPreset.class, RobustnessPreset::id, name, "unknown preset");
    }
}
