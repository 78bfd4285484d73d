package dev.stablegan.api;

/**
 * How long and in what rhythm to train: {@code criticSteps} critic updates per generator update,
 * {@code generatorSteps} generator updates in all, minibatches of {@code batchSize}; with
 * {@code linearDecay} both learning rates fall as {@code lr * (1 - t/generatorSteps)}, where {@code t} counts
 * generator steps (WGAN-GP's CIFAR and LSUN runs).
 */
public record ScheduleSpec(int criticSteps, long generatorSteps, int batchSize, boolean linearDecay) {
    public ScheduleSpec {
        SpecChecks.positive("schedule.criticSteps", criticSteps);
        SpecChecks.positive("schedule.generatorSteps", generatorSteps);
        SpecChecks.positive("schedule.batchSize", batchSize);
    }

    /** The learning-rate factor for generator step {@code t} (0-based). */
    public double learningRateFactor(long t) {
        return linearDecay ? 1.0 - (double) t / generatorSteps : 1.0;
    }

    public ScheduleSpec withGeneratorSteps(long steps) {
        return new ScheduleSpec(criticSteps, steps, batchSize, linearDecay);
    }
}
