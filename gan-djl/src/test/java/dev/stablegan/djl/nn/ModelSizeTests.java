package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Issue 17, item 6: a width the machine cannot hold is refused before any work, from an exact parameter estimate. */
class ModelSizeTests {
    @Test
    void threeEquallySpacedPointsFixAQuadraticExactly() {
        // p(w) = 3 w^2 + 5 w + 7 through w = 4, 8, 12: 75, 239, 499; p(100) = 30,507.
        assertThat(ModelSize.quadratic(4, 75, 239, 499, 100)).isCloseTo(30_507, within(1e-9));
        assertThat(ModelSize.quadratic(4, 75, 239, 499, 4)).isCloseTo(75, within(1e-9));
    }

    @Test
    void theEstimateEqualsTheCountOfTheBuiltNetworksForEveryImageArchitecture() {
        for (ImageArchitecture a : ImageArchitecture.values()) {
            IntFunction<GanSpec> specAt = w -> spec(a, w);
            double estimate = ModelSize.parametersAt(24, 4, specAt);
            assertThat(estimate).as("%s at width 24", a).isCloseTo(ModelSize.parameters(spec(a, 24)), within(0.5));
        }
    }

    @Test
    void aWidthWhoseParametersExceedMemoryIsRefusedWithTheEstimate() {
        assertThatThrownBy(() -> ModelSize.requireFits("--width", 100_000, 2.5e12, 24L << 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--width: 100,000 makes networks of about 2.50e+12 parameters, which need at least 40,000 GB for weights,"
                        + " gradients and Adam's moments (16 bytes each); this machine has 26 GB of memory");
        ModelSize.requireFits("--width", 64, 1e6, 24L << 30); // 16 MB
        assertThat(ModelSize.physicalMemory()).isGreaterThan(1L << 28);
    }

    private static GanSpec spec(ImageArchitecture a, int width) {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9, 1e-8);
        return new GanSpec(new NetworkSpec.ImageGenerator(a, 8, 3, 16, width),
                new NetworkSpec.ImageCritic(a, 3, 16, width, NetworkSpec.Normalization.NONE), new ObjectiveSpec.WganGp(10, false),
                adam, adam, new ScheduleSpec(1, 1, 4, false), 1);
    }
}
