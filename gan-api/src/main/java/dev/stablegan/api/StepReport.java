package dev.stablegan.api;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one generator step (with its critic steps) measured: named scalars such as {@code critic_loss},
 * {@code generator_loss}, {@code gradient_penalty}, {@code wasserstein_estimate}, in insertion order.
 *
 * <p>A trainer on an accelerator hands out {@linkplain #deferred deferred} reports: their scalars stay on the device
 * until a listener first asks for them, so a step no listener reads costs no device-to-host copy (no pipeline stall).
 * The values are the step's own (the last critic step's for critic scalars), never averages.
 *
 * @param step the generator step just finished, counted from 1
 * @param totalSteps the step the run will stop at
 * @param seconds wall time of this step
 */
public record StepReport(long step, long totalSteps, Map<String, Double> scalars, double seconds) {
    public StepReport {
        scalars = scalars instanceof Deferred ? scalars : Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    /**
     * A report whose scalars {@code read} supplies on first use, once; {@code read} may throw (for example when the
     * trainer has already freed the step's values, or found them not finite).
     */
    public static StepReport deferred(long step, long totalSteps, Supplier<Map<String, Double>> read, double seconds) {
        return new StepReport(step, totalSteps, new Deferred(read), seconds);
    }

    /** Whether the scalars have been read (always true for a report that was not deferred). */
    public boolean scalarsRead() {
        return !(scalars instanceof Deferred d) || d.isRead();
    }

    /** The scalars, read on first use; unmodifiable. */
    private static final class Deferred extends AbstractMap<String, Double> {
        private final Supplier<Map<String, Double>> reader;
        private Map<String, Double> read;

        Deferred(Supplier<Map<String, Double>> reader) {
            this.reader = reader;
        }

        private synchronized Map<String, Double> scalars() {
            if (read == null) {
                read = Collections.unmodifiableMap(new LinkedHashMap<>(reader.get()));
            }
            return read;
        }

        synchronized boolean isRead() {
            return read != null;
        }

        @Override
        public Set<Entry<String, Double>> entrySet() {
            return scalars().entrySet();
        }

        @Override
        public Double get(Object key) {
            return scalars().get(key);
        }
    }

    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("scalar: no '" + name + "' in this report; have " + scalars.keySet());
        }
        return v;
    }
}
