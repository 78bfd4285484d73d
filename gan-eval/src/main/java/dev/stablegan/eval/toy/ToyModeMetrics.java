package dev.stablegan.eval.toy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well generated 2-D samples cover a mixture of Gaussian modes (the protocol of Metz et al. 2017,
 * section 3.1, and Srivastava et al. 2017, section 5.1), as computed by {@link ToyModes}.
 *
 * @param samples number of samples evaluated
 * @param highQualitySamples samples within 3 standard deviations of their nearest mode
 * @param highQualityFraction {@code highQualitySamples / samples}
 * @param modesCovered modes holding at least a quarter of their fair share {@code highQualitySamples / modesTotal}
 *     of the high-quality samples (and at least one)
 * @param modesTotal number of modes
 * @param highQualityPerMode high-quality samples assigned to each mode, in the order of the mode centres
 */
public record ToyModeMetrics(
        int samples,
        int highQualitySamples,
        double highQualityFraction,
        int modesCovered,
        int modesTotal,
        List<Integer> highQualityPerMode) {

    public ToyModeMetrics {
        highQualityPerMode = List.copyOf(highQualityPerMode);
    }

    /** The scalars under their metric names: {@code high_quality_fraction}, {@code modes_covered}, {@code modes_total}. */
    public Map<String, Double> asScalars() {
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("high_quality_fraction", highQualityFraction);
        scalars.put("modes_covered", (double) modesCovered);
        scalars.put("modes_total", (double) modesTotal);
        return scalars;
    }
}
