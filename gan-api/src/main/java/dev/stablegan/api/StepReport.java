package dev.stablegan.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one generator step (with its critic steps) measured: named scalars such as {@code critic_loss},
 * {@code generator_loss}, {@code gradient_penalty}, {@code wasserstein_estimate}, in insertion order.
 *
 * @param step the generator step just finished, counted from 1
 * @param totalSteps the step the run will stop at
 * @param seconds wall time of this step
 */
public record StepReport(long step, long totalSteps, Map<String, Double> scalars, double seconds) {
    public StepReport {
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("scalar: no '" + name + "' in this report; have " + scalars.keySet());
        }
        return v;
    }
}
