package dev.stablegan.examples.bench;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.djl.train.BatchSource;
import dev.stablegan.examples.toy.ToyBatchSource;
import dev.stablegan.examples.toy.ToyDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The models {@code ./gan bench} times, each trained with WGAN-GP as in Gulrajani et al. 2017 (lambda 10,
 * 5 critic steps per generator step, Adam {@code lr 1e-4, betas (0.5, 0.9)} for both players).
 *
 * <ul>
 *   <li>{@code toy-mlp}: {@code Mlp(2, 512, 3, 2)} generator and {@code Mlp(2, 512, 3, 1)} critic on the
 *       8 Gaussians, batch 256 (the paper's toy setting).
 *   <li>{@code dcgan32}: {@code Dcgan32Generator(128, 3, 64)} and {@code Dcgan32Critic(3, 64)} on uniform
 *       noise images {@code [3, 32, 32]} in {@code [-1, 1)}, batch 64 (the CIFAR-10 setting).
 *   <li>{@code resnet32}: the robustness grid's ResNet family at 32x32 ({@code ImageGenerator(RESNET, 128, 3, 32, 32)},
 *       layer-normalized {@code ImageCritic(RESNET, 3, 32, 32)}, 101 layers each) on the same noise images, batch 32.
 *       No analytic FLOP count: its FLOP columns are empty.
 * </ul>
 */
public enum BenchModel {
    TOY_MLP("toy-mlp", new NetworkSpec.Mlp(2, 512, 3, 2), new NetworkSpec.Mlp(2, 512, 3, 1), 256),
    DCGAN32("dcgan32", new NetworkSpec.Dcgan32Generator(128, 3, 64), new NetworkSpec.Dcgan32Critic(3, 64), 64),
    RESNET32("resnet32", new NetworkSpec.ImageGenerator(ImageArchitecture.RESNET, 128, 3, 32, 32),
            new NetworkSpec.ImageCritic(ImageArchitecture.RESNET, 3, 32, 32, NetworkSpec.Normalization.LAYER), 32);

    /** Critic steps per generator step. */
    public static final int CRITIC_STEPS = 5;

    private final String id;
    private final NetworkSpec generator;
    private final NetworkSpec critic;
    private final int batch;

    BenchModel(String id, NetworkSpec generator, NetworkSpec critic, int batch) {
        this.id = id;
        this.generator = generator;
        this.critic = critic;
        this.batch = batch;
    }

    /** The name on the command line and in results, such as {@code dcgan32}. */
    public String id() {
        return id;
    }

    public int batch() {
        return batch;
    }

    /** The training run this model is timed with (seed 0, no learning-rate decay). */
    public GanSpec spec() {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);
        return new GanSpec(generator, critic, new ObjectiveSpec.WganGp(10.0, false), adam, adam,
                new ScheduleSpec(CRITIC_STEPS, 1_000_000, batch, false), 0);
    }

    /** The real data: the 8 Gaussians for the MLP, uniform noise images for DCGAN-32. */
    public BatchSource data() {
        return this == TOY_MLP ? new ToyBatchSource(ToyDataset.EIGHT_GAUSSIANS) : new UniformImageSource(3, 32, 32);
    }

    /** FLOPs of one generator iteration by {@link StepFlops#generatorIteration}; 0 for a model it cannot count. */
    public long flopsPerIteration() {
        return this == RESNET32 ? 0 : StepFlops.generatorIteration(generator, critic, batch, CRITIC_STEPS);
    }

    /**
     * The models named in a comma-separated list, in order, without repeats.
     *
     * @throws IllegalArgumentException naming {@code option} for an empty list or an unknown name
     */
    public static List<BenchModel> parseList(String list, String option) {
        List<BenchModel> models = new ArrayList<>();
        for (String part : (list == null ? "" : list).split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            BenchModel model = Arrays.stream(values()).filter(m -> m.id.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(option + ": unknown model '" + part.trim()
                            + "'; expected a comma-separated list of " + names()));
            if (!models.contains(model)) {
                models.add(model);
            }
        }
        return models;
    }

    /** All model names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(BenchModel::id).collect(Collectors.joining(", "));
    }
}
