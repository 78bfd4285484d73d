package dev.stablegan.api;

import java.util.Arrays;

/**
 * Everything that defines a GAN training run: both players' architectures, the objective, both optimizers,
 * the schedule, the seed and the Improved-GAN techniques switched on ({@link TechniquesSpec#NONE} unless given).
 * Checks itself on construction and names the field it rejects.
 */
public record GanSpec(
        NetworkSpec generator,
        NetworkSpec critic,
        ObjectiveSpec objective,
        OptimizerSpec generatorOptimizer,
        OptimizerSpec criticOptimizer,
        ScheduleSpec schedule,
        long seed,
        TechniquesSpec techniques) {

    /** A run with no Improved-GAN technique. */
    public GanSpec(NetworkSpec generator, NetworkSpec critic, ObjectiveSpec objective, OptimizerSpec generatorOptimizer,
            OptimizerSpec criticOptimizer, ScheduleSpec schedule, long seed) {
        this(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, seed, TechniquesSpec.NONE);
    }

    public GanSpec {
        SpecChecks.notNull("generator", generator);
        SpecChecks.notNull("critic", critic);
        SpecChecks.notNull("objective", objective);
        SpecChecks.notNull("generatorOptimizer", generatorOptimizer);
        SpecChecks.notNull("criticOptimizer", criticOptimizer);
        SpecChecks.notNull("schedule", schedule);
        SpecChecks.notNull("techniques", techniques);
        if (techniques.virtualBatchNorm() && !(generator instanceof NetworkSpec.Dcgan32Generator)) {
            throw new IllegalArgumentException("techniques.virtualBatchReference: the generator (" + generator.getClass().getSimpleName()
                    + ") has no batch norm for virtual batch norm to replace");
        }
        boolean batchNormedCritic = critic instanceof NetworkSpec.ImageCritic c && c.normalization() == NetworkSpec.Normalization.BATCH
                || critic instanceof NetworkSpec.CustomImageCritic u && u.normalization() == NetworkSpec.Normalization.BATCH;
        if (objective instanceof ObjectiveSpec.WganGp && batchNormedCritic) {
            throw new IllegalArgumentException("critic.normalization: batch norm mixes the examples of a batch, which the"
                    + " per-example gradient penalty forbids; use LAYER or NONE");
        }
        if (!Arrays.equals(generator.outputShape(), critic.inputShape())) {
            throw new IllegalArgumentException("critic: input shape " + NetworkSpec.describe(critic.inputShape())
                    + " does not match the generator's output shape " + NetworkSpec.describe(generator.outputShape()));
        }
        if (!Arrays.equals(critic.outputShape(), new long[] {1})) {
            throw new IllegalArgumentException(
                    "critic: must output one score per example, got shape " + NetworkSpec.describe(critic.outputShape()));
        }
        if (generator.inputShape().length != 1) {
            throw new IllegalArgumentException("generator: latent input must be a vector, got shape "
                    + NetworkSpec.describe(generator.inputShape()));
        }
    }

    /** Length of the latent vector {@code z}. */
    public int latentDim() {
        return Math.toIntExact(generator.inputShape()[0]);
    }

    public GanSpec withSchedule(ScheduleSpec newSchedule) {
        return new GanSpec(generator, critic, objective, generatorOptimizer, criticOptimizer, newSchedule, seed, techniques);
    }

    public GanSpec withObjective(ObjectiveSpec newObjective) {
        return new GanSpec(generator, critic, newObjective, generatorOptimizer, criticOptimizer, schedule, seed, techniques);
    }

    public GanSpec withSeed(long newSeed) {
        return new GanSpec(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, newSeed, techniques);
    }

    public GanSpec withTechniques(TechniquesSpec newTechniques) {
        return new GanSpec(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, seed, newTechniques);
    }
}
