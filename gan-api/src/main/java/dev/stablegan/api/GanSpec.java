package dev.stablegan.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything that defines a GAN training run: both players' architectures, the objective, both optimizers,
 * the schedule, the seed, the Improved-GAN techniques switched on ({@link TechniquesSpec#NONE} unless given) and
 * further regularizers ({@link RegularizerSpec}, none unless given). Checks itself on construction and names the field
 * it rejects.
 */
public record GanSpec(
        NetworkSpec generator,
        NetworkSpec critic,
        ObjectiveSpec objective,
        OptimizerSpec generatorOptimizer,
        OptimizerSpec criticOptimizer,
        ScheduleSpec schedule,
        long seed,
        TechniquesSpec techniques,
        List<RegularizerSpec> regularizers) {

    /** A run with no Improved-GAN technique. */
    public GanSpec(NetworkSpec generator, NetworkSpec critic, ObjectiveSpec objective, OptimizerSpec generatorOptimizer,
            OptimizerSpec criticOptimizer, ScheduleSpec schedule, long seed) {
        this(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, seed, TechniquesSpec.NONE);
    }

    /** A run with the given techniques and no further regularizer. */
    public GanSpec(NetworkSpec generator, NetworkSpec critic, ObjectiveSpec objective, OptimizerSpec generatorOptimizer,
            OptimizerSpec criticOptimizer, ScheduleSpec schedule, long seed, TechniquesSpec techniques) {
        this(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, seed, techniques, List.of());
    }

    public GanSpec {
        SpecChecks.notNull("generator", generator);
        SpecChecks.notNull("critic", critic);
        SpecChecks.notNull("objective", objective);
        SpecChecks.notNull("generatorOptimizer", generatorOptimizer);
        SpecChecks.notNull("criticOptimizer", criticOptimizer);
        SpecChecks.notNull("schedule", schedule);
        SpecChecks.notNull("techniques", techniques);
        SpecChecks.notNull("regularizers", regularizers);
        for (int i = 0; i < regularizers.size(); i++) {
            SpecChecks.notNull("regularizers[" + i + "]", regularizers.get(i));
        }
        regularizers = List.copyOf(regularizers);
        checkRegularizers(objective, techniques, regularizers);
        if (techniques.virtualBatchNorm() && !(generator instanceof NetworkSpec.Dcgan32Generator)) {
            throw new IllegalArgumentException("techniques.virtualBatchReference: the generator (" + generator.getClass().getSimpleName()
                    + ") has no batch norm for virtual batch norm to replace");
        }
        boolean batchNormedCritic = critic instanceof NetworkSpec.ImageCritic c && c.normalization() == NetworkSpec.Normalization.BATCH
                || critic instanceof NetworkSpec.CustomImageCritic u && u.normalization() == NetworkSpec.Normalization.BATCH;
        boolean inputGradientPenalty = objective instanceof ObjectiveSpec.WganGp || regularizers.stream()
                .anyMatch(r -> r instanceof RegularizerSpec.GradientPenalty || r instanceof RegularizerSpec.R1);
        if (inputGradientPenalty && batchNormedCritic) {
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

    /**
     * At most one of each built-in kind, none that the objective or the techniques already hold.
     *
     * @throws IllegalArgumentException naming the regularizer and where its twin is
     */
    private static void checkRegularizers(ObjectiveSpec objective, TechniquesSpec techniques, List<RegularizerSpec> regularizers) {
        Set<String> seen = new HashSet<>();
        for (RegularizerSpec r : regularizers) {
            if (!(r instanceof RegularizerSpec.Custom) && !seen.add(r.name())) {
                throw new IllegalArgumentException("regularizers: " + r.name() + " appears twice");
            }
            String twin = r instanceof RegularizerSpec.GradientPenalty && objective instanceof ObjectiveSpec.WganGp
                    || r instanceof RegularizerSpec.WeightClipping && objective instanceof ObjectiveSpec.WganClip ? "objective " + objective.name()
                    : r instanceof RegularizerSpec.HistoricalAveraging && techniques.historicalAveraging() > 0 ? "techniques.historicalAveraging"
                    : r instanceof RegularizerSpec.FeatureMatching && techniques.featureMatching() != null ? "techniques.featureMatching"
                    : null;
            if (twin != null) {
                throw new IllegalArgumentException("regularizers: " + r.name() + " is already part of the run through " + twin
                        + "; give it once");
            }
        }
    }

    /**
     * Every regularizer of the run, in the order the training loop applies them: the objective's gradient penalty
     * ({@link ObjectiveSpec.WganGp}), the techniques' historical averaging, the objective's weight clipping
     * ({@link ObjectiveSpec.WganClip}), the techniques' feature matching, then {@link #regularizers()}. A critic update's
     * loss is the objective's plus the critic terms in this order; the constraints run after its optimizer step in this
     * order.
     */
    public List<RegularizerSpec> allRegularizers() {
        List<RegularizerSpec> all = new ArrayList<>();
        if (objective instanceof ObjectiveSpec.WganGp gp) {
            all.add(new RegularizerSpec.GradientPenalty(gp.lambda(), gp.oneSided()));
        }
        if (techniques.historicalAveraging() > 0) {
            all.add(new RegularizerSpec.HistoricalAveraging(techniques.historicalAveraging()));
        }
        if (objective instanceof ObjectiveSpec.WganClip clip) {
            all.add(new RegularizerSpec.WeightClipping(clip.clip()));
        }
        if (techniques.featureMatching() != null) {
            all.add(new RegularizerSpec.FeatureMatching(techniques.featureMatching()));
        }
        all.addAll(regularizers);
        return List.copyOf(all);
    }

    /** Length of the latent vector {@code z}. */
    public int latentDim() {
        return Math.toIntExact(generator.inputShape()[0]);
    }

    public GanSpec withSchedule(ScheduleSpec newSchedule) {
        return new GanSpec(generator, critic, objective, generatorOptimizer, criticOptimizer, newSchedule, seed, techniques, regularizers);
    }

    public GanSpec withObjective(ObjectiveSpec newObjective) {
        return new GanSpec(generator, critic, newObjective, generatorOptimizer, criticOptimizer, schedule, seed, techniques, regularizers);
    }

    public GanSpec withSeed(long newSeed) {
        return new GanSpec(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, newSeed, techniques, regularizers);
    }

    public GanSpec withTechniques(TechniquesSpec newTechniques) {
        return new GanSpec(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, seed, newTechniques, regularizers);
    }

    /** This run with {@code added} after its regularizers. */
    public GanSpec withRegularizer(RegularizerSpec added) {
        List<RegularizerSpec> more = new ArrayList<>(regularizers);
        more.add(SpecChecks.notNull("regularizer", added));
        return new GanSpec(generator, critic, objective, generatorOptimizer, criticOptimizer, schedule, seed, techniques, more);
    }
}
