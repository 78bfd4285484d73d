package dev.stablegan.examples.text;

import dev.stablegan.api.Choices;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import java.util.List;

/**
 * Sizes and schedule of the character-level language GAN (Gulrajani et al. 2017, section 5.5; the authors'
 * {@code gan_language.py}): sentences of {@value #LENGTH} characters, latent noise of {@value #LATENT_DIM},
 * {@value #BLOCKS} residual blocks in G and D, batch {@value #BATCH_SIZE}, {@value #CRITIC_STEPS} critic steps per
 * generator step, Adam {@code 1e-4} with betas {@code (0.5, 0.9)} for both players, penalty weight 10.
 *
 * <p>{@code paper}: width 512, 200,000 generator steps (for GPU users). {@code cpu}: the same recipe at width
 * {@value #CPU_DIM}, sized to show structure within an hour on 2 cores (docs/benchmarks.md has the timing).
 * The standard-GAN baseline (objective {@code minimax}) keeps everything else, the critic steps included, so the
 * objective is the only difference.
 *
 * @param id the name on the command line
 * @param dim channels of every residual block
 * @param defaultSteps generator steps when the user does not choose
 */
public record LanguagePreset(String id, int dim, long defaultSteps) {
    public static final int LENGTH = 32;
    public static final int LATENT_DIM = 128;
    public static final int BLOCKS = 5;
    public static final int BATCH_SIZE = 64;
    public static final int CRITIC_STEPS = 10;
    public static final double LAMBDA = 10;
    static final int CPU_DIM = 64;

    /** Width {@value #CPU_DIM}, 2,000 steps. */
    public static final LanguagePreset CPU = new LanguagePreset("cpu", CPU_DIM, 2_000);
    /** Width 512, 200,000 steps. */
    public static final LanguagePreset PAPER = new LanguagePreset("paper", 512, 200_000);
    private static final List<LanguagePreset> ALL = List.of(CPU, PAPER);

    public static List<String> names() {
        return Choices.ids(ALL, LanguagePreset::id);
    }

    /** @throws IllegalArgumentException naming the accepted presets */
    public static LanguagePreset byName(String name) {
        return Choices.byId(ALL, LanguagePreset::id, name, "unknown preset");
    }

    /**
     * The run for {@code objective} over a vocabulary of {@code vocab} symbols.
     *
     * @param dim channels; {@code 0} for the preset's
     */
    public GanSpec spec(ObjectiveSpec objective, int vocab, int dim, long steps, long seed) {
        int width = dim == 0 ? this.dim : dim;
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);
        return new GanSpec(new NetworkSpec.CharResNetGenerator(LATENT_DIM, vocab, LENGTH, width, BLOCKS),
                new NetworkSpec.CharResNetCritic(vocab, LENGTH, width, BLOCKS), objective, adam, adam,
                new ScheduleSpec(CRITIC_STEPS, steps, BATCH_SIZE, false), seed);
    }
}
