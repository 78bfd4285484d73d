package dev.stablegan.api;

import java.util.Map;

/**
 * The end of a run: the last step reached, the wall time this process spent, and the last report's scalars.
 */
public record RunSummary(long steps, double seconds, Map<String, Double> lastScalars) {
    public RunSummary {
        lastScalars = Map.copyOf(lastScalars);
    }
}
