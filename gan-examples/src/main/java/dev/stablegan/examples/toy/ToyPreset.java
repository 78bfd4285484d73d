package dev.stablegan.examples.toy;

import dev.stablegan.api.Choices;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import java.util.List;

/**
 * Network sizes, optimizers and schedule of the toy 2-D runs (Gulrajani et al. 2017, section 4.1, Figure 1).
 *
 * <p>{@code paper}: the authors' {@code gan_toy.py}: ReLU MLPs with 3 hidden layers of 512 for G (latent 2)
 * and D, batch 256, 5 critic steps per generator step, 100,000 generator steps, Adam {@code 1e-4} with betas
 * {@code (0.5, 0.9)}; weight clipping uses RMSProp {@code 5e-5} as in the WGAN paper. {@code quick}: the same
 * recipe on narrower networks with a larger, linearly decaying learning rate, sized for the newcomer command
 * (8 Gaussians in a few minutes on 2 cores; see docs/benchmarks.md). Objectives without a Lipschitz
 * constraint (minimax, least squares, hinge) take one critic step per generator step, as usual for them.
 *
 * @param id the name on the command line
 * @param width hidden units per layer of G and D
 * @param defaultSteps generator steps when the user does not choose
 * @param adamLearningRate Adam's rate (all objectives but weight clipping)
 * @param rmsPropLearningRate RMSProp's rate (weight clipping)
 * @param linearDecay whether the rate falls linearly to 0 over the run
 */
public record ToyPreset(String id, int width, long defaultSteps, double adamLearningRate, double rmsPropLearningRate,
        boolean linearDecay) {
    /** Latent size of the toy generators (the official script feeds 2-D noise). */
    public static final int LATENT_DIM = 2;
    /** Hidden layers of G and D. */
    public static final int HIDDEN_LAYERS = 3;
    /** Examples per batch for real and generated data. */
    public static final int BATCH_SIZE = 256;
    /** Critic steps per generator step for Wasserstein objectives. */
    public static final int WASSERSTEIN_CRITIC_STEPS = 5;

    /** Width 128, 3,000 steps, Adam 1e-3 (RMSProp 2e-4) decaying linearly. */
    public static final ToyPreset QUICK = new ToyPreset("quick", 128, 3_000, 1e-3, 2e-4, true);
    /** The authors' networks and schedule. */
    public static final ToyPreset PAPER = new ToyPreset("paper", 512, 100_000, 1e-4, 5e-5, false);
    private static final List<ToyPreset> ALL = List.of(QUICK, PAPER);

    /** Accepted names, in declaration order. */
    public static List<String> names() {
        return Choices.ids(ALL, ToyPreset::id);
    }

    /**
     * The preset with this {@link #id()} (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the field and the accepted names
     */
    public static ToyPreset byName(String name) {
        return Choices.byId(ALL, ToyPreset::id, name, "preset: unknown preset");
    }

    /** The full run for {@code objective}: networks, optimizers and a schedule of {@code steps} generator steps. */
    public GanSpec spec(ObjectiveSpec objective, long steps, long seed) {
        boolean wasserstein = objective instanceof ObjectiveSpec.Wgan || objective instanceof ObjectiveSpec.WganClip
                || objective instanceof ObjectiveSpec.WganGp;
        OptimizerSpec optimizer = objective instanceof ObjectiveSpec.WganClip
                ? new OptimizerSpec.RmsProp(rmsPropLearningRate)
                : new OptimizerSpec.Adam(adamLearningRate, 0.5, 0.9);
        ScheduleSpec schedule = new ScheduleSpec(wasserstein ? WASSERSTEIN_CRITIC_STEPS : 1, steps, BATCH_SIZE, linearDecay);
        return new GanSpec(
                new NetworkSpec.Mlp(LATENT_DIM, width, HIDDEN_LAYERS, 2),
                new NetworkSpec.Mlp(2, width, HIDDEN_LAYERS, 1),
                objective, optimizer, optimizer, schedule, seed);
    }
}
