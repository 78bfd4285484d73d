package dev.stablegan.djl.regularizer;

import java.util.Map;

/**
 * Makes an application's own {@link Regularizer} for {@code RegularizerSpec.Custom}: a public class with a public
 * no-argument constructor, named by the spec, so that a checkpoint names it and a resume rebuilds the same part.
 */
public interface RegularizerFactory {

    /**
     * The part for these settings (the spec's numbers), on the run's setup.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    Regularizer create(Map<String, Double> settings, RegularizerSetup setup);
}
