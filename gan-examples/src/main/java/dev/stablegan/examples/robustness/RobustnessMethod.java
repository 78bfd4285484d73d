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
 */
public enum RobustnessMethod {
    WGAN_GP("wgan-gp", new ObjectiveSpec.WganGp(10, false), new OptimizerSpec.Adam(1e-4, 0.5, 0.9), 5, NetworkSpec.Normalization.LAYER),
    WGAN_CLIP("wgan-clip", new ObjectiveSpec.WganClip(0.01), new OptimizerSpec.RmsProp(5e-5), 5, NetworkSpec.Normalization.BATCH),
    DCGAN("dcgan", new ObjectiveSpec.Minimax(true, 1.0), new OptimizerSpec.Adam(2e-4, 0.5, 0.999), 1, NetworkSpec.Normalization.BATCH),
    LSGAN("lsgan", new ObjectiveSpec.LeastSquares(0, 1, 1), new OptimizerSpec.RmsProp(1e-4), 1, NetworkSpec.Normalization.BATCH);

    private final String id;
    private final ObjectiveSpec objective;
    private final OptimizerSpec optimizer;
    private final int criticSteps;
    private final NetworkSpec.Normalization criticNormalization;

    RobustnessMethod(String id, ObjectiveSpec objective, OptimizerSpec optimizer, int criticSteps,
            NetworkSpec.Normalization criticNormalization) {
        this.id = id;
        this.objective = objective;
        this.optimizer = optimizer;
        this.criticSteps = criticSteps;
        this.criticNormalization = criticNormalization;
    }

    public String id() {
        return id;
    }

    public ObjectiveSpec objective() {
        return objective;
    }

    /** The optimizer of both players. */
    public OptimizerSpec optimizer() {
        return optimizer;
    }

    public int criticSteps() {
        return criticSteps;
    }

    /** The critic's normalization for {@code architecture} (null: a user's own): none for the no-normalization family. */
    public NetworkSpec.Normalization criticNormalization(ImageArchitecture architecture) {
        return architecture == ImageArchitecture.NO_NORMALIZATION ? NetworkSpec.Normalization.NONE : criticNormalization;
    }

    public static List<String> names() {
        return Choices.ids(RobustnessMethod.class, RobustnessMethod::id);
    }

    /** @throws IllegalArgumentException naming the accepted methods */
    public static RobustnessMethod byName(String name) {
        return Choices.byId(RobustnessMethod.class, RobustnessMethod::id, name, "unknown method");
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
