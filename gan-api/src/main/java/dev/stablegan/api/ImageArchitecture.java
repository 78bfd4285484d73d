package dev.stablegan.api;

import java.util.List;

/**
 * The generator and critic families of WGAN-GP's architecture-robustness experiment (Gulrajani et al. 2017,
 * section 5.2 and Figure 2; the authors' {@code gan_64x64.py}), for {@link NetworkSpec.ImageGenerator} and
 * {@link NetworkSpec.ImageCritic}. Unless named, a family's critic is the DCGAN critic.
 */
public enum ImageArchitecture {
    /** The baseline: DCGAN generator (batch norm, ReLU) and critic (leaky ReLU 0.2, the spec's normalization). */
    DCGAN("dcgan"),
    /** (1) A generator without batch norm and with a constant number of filters at every resolution. */
    NO_BN_CONSTANT_FILTERS("g-no-bn-constant"),
    /** (2) A 4-layer, 512-wide ReLU MLP generator. */
    MLP_GENERATOR("g-mlp"),
    /** (3) No normalization in either network. */
    NO_NORMALIZATION("no-norm"),
    /** (4) Gated multiplicative nonlinearities {@code sigmoid(a) * tanh(b)} in both networks. */
    GATED("gated"),
    /** (5) tanh nonlinearities in both networks. */
    TANH("tanh"),
    /**
     * (6) 101-layer ResNets: bottleneck residual blocks (6 per resolution, 5 at full resolution) in the generator and
     * the critic, the residual scaled by 0.3; {@code width} must be a multiple of 4.
     */
    RESNET("resnet");

    private final String id;

    ImageArchitecture(String id) {
        this.id = id;
    }

    /** The short name used on the command line and in JSON. */
    public String id() {
        return id;
    }

    public static List<String> names() {
        return Choices.ids(ImageArchitecture.class, ImageArchitecture::id);
    }

    /** @throws IllegalArgumentException naming the accepted names */
    public static ImageArchitecture byName(String name) {
        return Choices.byId(ImageArchitecture.class, ImageArchitecture::id, name, "unknown architecture");
    }
}
