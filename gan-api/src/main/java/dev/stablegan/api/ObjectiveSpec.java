package dev.stablegan.api;

import java.util.List;
import java.util.Locale;

/**
 * Which adversarial objective the critic and generator minimise.
 *
 * <p>Each variant is one formula over critic outputs {@code D(x)} on real data and {@code D(G(z))} on
 * generated data. Where it has a regularizer of its own (the gradient penalty of WGAN-GP, weight clipping of
 * WGAN) the variant carries its settings, so an objective is never half configured.
 */
public sealed interface ObjectiveSpec {

    /** Names accepted by {@link #byName(String)}, in the order the help text lists them. */
    List<String> NAMES = List.of(
            "wgan", "wgan-clip", "wgan-gp", "wgan-gp-one-sided", "minimax", "minimax-saturating", "lsgan", "hinge");

    /** Short stable name, as accepted by {@link #byName(String)}. */
    String name();

    /**
     * Wasserstein GAN without any Lipschitz constraint (Arjovsky et al. 2017, eq. 3).
     * {@code L_D = E[D(G(z))] - E[D(x)]}, {@code L_G = -E[D(G(z))]}.
     */
    record Wgan() implements ObjectiveSpec {
        @Override
        public String name() {
            return "wgan";
        }
    }

    /**
     * Wasserstein GAN with weight clipping: the WGAN losses, then every critic weight clipped to
     * {@code [-clip, clip]} after each critic step (Gulrajani et al. 2017, section 3).
     */
    record WganClip(double clip) implements ObjectiveSpec {
        public WganClip {
            SpecChecks.positive("objective.clip", clip);
        }

        @Override
        public String name() {
            return "wgan-clip";
        }
    }

    /**
     * WGAN-GP: the WGAN losses plus {@code lambda * E[(||grad D(x_hat)||_2 - 1)^2]} with
     * {@code x_hat = eps x + (1-eps) G(z)}, {@code eps ~ U[0,1]} per example (Gulrajani et al. 2017, Alg. 1).
     * One-sided: {@code lambda * E[max(0, ||grad D(x_hat)|| - 1)^2]} (appendix).
     */
    record WganGp(double lambda, boolean oneSided) implements ObjectiveSpec {
        public WganGp {
            SpecChecks.nonNegative("objective.lambda", lambda);
        }

        @Override
        public String name() {
            return oneSided ? "wgan-gp-one-sided" : "wgan-gp";
        }
    }

    /**
     * The original minimax GAN (Goodfellow et al. 2014) on logits, with one-sided label smoothing when
     * {@code realLabel < 1} (Salimans et al. 2016, section 3.4).
     * {@code L_D = -realLabel log s(D(x)) - (1-realLabel) log(1-s(D(x))) - log(1-s(D(G(z))))};
     * non-saturating {@code L_G = -log s(D(G(z)))}, saturating {@code L_G = log(1-s(D(G(z))))}.
     */
    record Minimax(boolean nonSaturating, double realLabel) implements ObjectiveSpec {
        public Minimax {
            SpecChecks.inRange("objective.realLabel", realLabel, 0.5, 1.0);
        }

        @Override
        public String name() {
            return nonSaturating ? "minimax" : "minimax-saturating";
        }
    }

    /**
     * Least-squares GAN (Mao et al. 2017): {@code L_D = 1/2 E[(D(x)-b)^2] + 1/2 E[(D(G(z))-a)^2]},
     * {@code L_G = 1/2 E[(D(G(z))-c)^2]}; the usual choice is {@code a=0, b=1, c=1}.
     */
    record LeastSquares(double a, double b, double c) implements ObjectiveSpec {
        public LeastSquares {
            SpecChecks.finite("objective.a", a);
            SpecChecks.finite("objective.b", b);
            SpecChecks.finite("objective.c", c);
            if (a == b) {
                throw new IllegalArgumentException("objective: least squares needs a != b (fake and real targets), got a=b=" + a);
            }
        }

        @Override
        public String name() {
            return "lsgan";
        }
    }

    /**
     * Hinge loss (Lim and Ye 2017; Miyato et al. 2018):
     * {@code L_D = E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))]}, {@code L_G = -E[D(G(z))]}.
     */
    record Hinge() implements ObjectiveSpec {
        @Override
        public String name() {
            return "hinge";
        }
    }

    /**
     * The objective for a name in {@link #NAMES} with the papers' default settings (clip 0.01, lambda 10,
     * no label smoothing, least squares 0/1/1).
     *
     * @throws IllegalArgumentException naming the field and the accepted names for an unknown name
     */
    static ObjectiveSpec byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "wgan" -> new Wgan();
            case "wgan-clip" -> new WganClip(0.01);
            case "wgan-gp" -> new WganGp(10.0, false);
            case "wgan-gp-one-sided" -> new WganGp(10.0, true);
            case "minimax" -> new Minimax(true, 1.0);
            case "minimax-saturating" -> new Minimax(false, 1.0);
            case "lsgan" -> new LeastSquares(0, 1, 1);
            case "hinge" -> new Hinge();
            default -> throw new IllegalArgumentException(
                    "objective: unknown name '" + name + "'; expected one of " + String.join(", ", NAMES));
        };
    }
}
