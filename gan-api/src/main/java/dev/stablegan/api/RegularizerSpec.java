package dev.stablegan.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One term a run adds to a player's loss, or one constraint it applies after a player's update: the parts of
 * {@link GanSpec#regularizers()}.
 *
 * <p>A critic update minimises {@code L_D + sum of the critic's terms}, a generator update {@code L_G + sum of the
 * generator's terms}, where {@code L_G} is the objective's generator loss or, with {@link FeatureMatching}, the
 * feature-matching loss that replaces it. The objective's own regularizers ({@link ObjectiveSpec.WganGp},
 * {@link ObjectiveSpec.WganClip}) and the techniques' ({@link TechniquesSpec}) are the same parts: see
 * {@link GanSpec#allRegularizers()}.
 */
public sealed interface RegularizerSpec {

    /** Short stable name, used in the spec's JSON and in error messages. */
    String name();

    /**
     * The WGAN-GP penalty {@code lambda * E[(||grad D(x_hat)||_2 - 1)^2]} at {@code x_hat = eps x + (1 - eps) G(z)}
     * (one-sided: {@code max(0, ||.|| - 1)^2}) on the critic's loss (Gulrajani et al. 2017, Alg. 1 and appendix);
     * reported as {@code gradient_penalty} and {@code gradient_norm}.
     */
    record GradientPenalty(double lambda, boolean oneSided) implements RegularizerSpec {
        public GradientPenalty {
            SpecChecks.nonNegative("regularizers.gradient-penalty.lambda", lambda);
        }

        @Override
        public String name() {
            return "gradient-penalty";
        }
    }

    /** Every critic weight clipped to {@code [-clip, clip]} after each critic update (Arjovsky et al. 2017, Alg. 1). */
    record WeightClipping(double clip) implements RegularizerSpec {
        public WeightClipping {
            SpecChecks.positive("regularizers.weight-clipping.clip", clip);
        }

        @Override
        public String name() {
            return "weight-clipping";
        }
    }

    /**
     * R1 (Mescheder et al. 2018, eq. 9): {@code gamma / 2 * E_x[||grad D(x)||_2^2]} on real examples, on the critic's
     * loss; reported as {@code r1_penalty}.
     */
    record R1(double gamma) implements RegularizerSpec {
        public R1 {
            SpecChecks.nonNegative("regularizers.r1.gamma", gamma);
        }

        @Override
        public String name() {
            return "r1";
        }
    }

    /**
     * Historical averaging (Salimans et al. 2016, section 3.3): {@code weight * ||theta - (1/t) sum_i theta[i]||^2} on
     * both players' losses; reported as {@code critic_historical_penalty} and {@code generator_historical_penalty}.
     */
    record HistoricalAveraging(double weight) implements RegularizerSpec {
        public HistoricalAveraging {
            SpecChecks.positive("regularizers.historical-averaging.weight", weight);
        }

        @Override
        public String name() {
            return "historical-averaging";
        }
    }

    /**
     * Feature matching (Salimans et al. 2016, section 3.1): the generator's loss becomes
     * {@code d(mean_x f(x), mean_z f(G(z)))} on the critic's features, replacing the objective's generator loss.
     */
    record FeatureMatching(TechniquesSpec.FeatureDistance distance) implements RegularizerSpec {
        public FeatureMatching {
            SpecChecks.notNull("regularizers.feature-matching.distance", distance);
        }

        @Override
        public String name() {
            return "feature-matching";
        }
    }

    /**
     * A regularizer of the application's own: {@code factory} names a public class with a public no-argument
     * constructor that the engine module's {@code RegularizerFactory} interface describes; {@code settings} are its
     * numbers (recorded in checkpoints, so a resume rebuilds the same part).
     */
    record Custom(String factory, Map<String, Double> settings) implements RegularizerSpec {
        public Custom {
            SpecChecks.notNull("regularizers.custom.factory", factory);
            if (factory.isBlank()) {
                throw new IllegalArgumentException("regularizers.custom.factory: must name a class, got a blank string");
            }
            SpecChecks.notNull("regularizers.custom.settings", settings);
            settings.forEach((k, v) -> SpecChecks.finite("regularizers.custom.settings." + k, SpecChecks.notNull(
                    "regularizers.custom.settings." + k, v)));
            settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        }

        @Override
        public String name() {
            return "custom";
        }
    }
}
