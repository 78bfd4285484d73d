package dev.stablegan.examples.robustness;

import dev.stablegan.api.Choices;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The four training methods of WGAN-GP's robustness experiment, each with the hyperparameters the paper recommends
 * for it (Gulrajani et al. 2017, section 5.2 and appendix): WGAN-GP (Adam 1e-4, betas 0.5/0.9, 5 critic steps,
 * lambda 10, layer norm in the critic), WGAN with weight clipping (RMSProp 5e-5, c = 0.01, 5 critic steps), DCGAN
 * (the non-saturating minimax loss, Adam 2e-4 with beta1 0.5, 1 critic step) and LSGAN (least squares 0/1/1,
 * RMSProp 1e-4, 1 critic step). All but WGAN-GP keep batch norm in the critic; the no-normalization family has none.
 * An application can add its own method as another value of this record.
 *
 * @param id the name on the command line
 * @param objective the loss of both players
 * @param optimizer the optimizer of both players
 * @param criticSteps critic steps per generator step
 * @param normalization the critic's normalization (see {@link #criticNormalization(ImageArchitecture)})
 */
public record RobustnessMethod(String id, ObjectiveSpec objective, OptimizerSpec optimizer, int criticSteps,
        NetworkSpec.Normalization normalization) {
    public static final RobustnessMethod WGAN_GP = new RobustnessMethod("wgan-gp", new ObjectiveSpec.WganGp(10, false),
            new OptimizerSpec.Adam(1e-4, 0.5, 0.9), 5, NetworkSpec.Normalization.LAYER);
    public static final RobustnessMethod WGAN_CLIP = new RobustnessMethod("wgan-clip", new ObjectiveSpec.WganClip(0.01),
            new OptimizerSpec.RmsProp(5e-5), 5, NetworkSpec.Normalization.BATCH);
    public static final RobustnessMethod DCGAN = new RobustnessMethod("dcgan", new ObjectiveSpec.Minimax(true, 1.0),
            new OptimizerSpec.Adam(2e-4, 0.5, 0.999), 1, NetworkSpec.Normalization.BATCH);
    public static final RobustnessMethod LSGAN = new RobustnessMethod("lsgan", new ObjectiveSpec.LeastSquares(0, 1, 1),
            new OptimizerSpec.RmsProp(1e-4), 1, NetworkSpec.Normalization.BATCH);
    private static final List<RobustnessMethod> ALL = List.of(WGAN_GP, WGAN_CLIP, DCGAN, LSGAN);

    /** The four methods, in the paper's order. */
    public static List<RobustnessMethod> all() {
        return ALL;
    }

    /** The critic's normalization for {@code architecture} (null: a user's own): none for the no-normalization family. */
    public NetworkSpec.Normalization criticNormalization(ImageArchitecture architecture) {
        return architecture == ImageArchitecture.NO_NORMALIZATION ? NetworkSpec.Normalization.NONE : normalization;
    }

    public static List<String> names() {
        return Choices.ids(ALL, RobustnessMethod::id);
    }

    /** @throws IllegalArgumentException naming the accepted methods */
    public static RobustnessMethod byName(String name) {
        return Choices.byId(ALL, RobustnessMethod::id, name, "unknown method");
    }

    /**
     * The methods of a comma-separated {@code --methods} value, each once, in the order given.
     *
     * @throws IllegalArgumentException naming the option and the accepted methods
     */
    public static List<RobustnessMethod> byNames(String list) {
        return Arrays.stream(list.split(",")).map(n -> {
            try {
                return byName(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--methods: " + e.getMessage(), e);
            }
        }).distinct().toList();
    }
}
