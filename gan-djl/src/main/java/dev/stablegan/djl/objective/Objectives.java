package dev.stablegan.djl.objective;

import ai.djl.ndarray.NDArray;
import dev.stablegan.api.ObjectiveSpec;

/**
 * Turns an {@link ObjectiveSpec} into the {@link Objective} that computes its losses with {@link Losses}.
 *
 * <p>{@code WganClip} and {@code WganGp} share the Wasserstein losses (Gulrajani et al. 2017, section 3 and
 * Alg. 1): weight clipping and the gradient penalty are applied by the training loop, not by the objective.
 */
public final class Objectives {
    private Objectives() {}

    /**
     * The objective for {@code spec}.
     *
     * @throws IllegalArgumentException if {@code spec} is null
     */
    public static Objective of(ObjectiveSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("objective: is required");
        }
        if (spec instanceof ObjectiveSpec.Wgan
                || spec instanceof ObjectiveSpec.WganClip
                || spec instanceof ObjectiveSpec.WganGp) {
            return new Wasserstein();
        }
        if (spec instanceof ObjectiveSpec.Minimax minimax) {
            return new Minimax(minimax.nonSaturating(), minimax.realLabel());
        }
        if (spec instanceof ObjectiveSpec.LeastSquares ls) {
            return new LeastSquares(ls.a(), ls.b(), ls.c());
        }
        if (spec instanceof ObjectiveSpec.Hinge) {
            return new Hinge();
        }
        throw new IllegalArgumentException("objective: no losses for " + spec.getClass().getName());
    }

    /** {@code L_D = E[D(G(z))] - E[D(x)]}, {@code L_G = -E[D(G(z))]}. */
    record Wasserstein() implements Objective {
        @Override
        public NDArray criticLoss(NDArray dReal, NDArray dFake) {
            return Losses.wassersteinCriticLoss(dReal, dFake);
        }

        @Override
        public NDArray generatorLoss(NDArray dFake) {
            return Losses.wassersteinGeneratorLoss(dFake);
        }
    }

    /** Cross-entropy on logits with real target {@code realLabel}; non-saturating or saturating generator. */
    record Minimax(boolean nonSaturating, double realLabel) implements Objective {
        @Override
        public NDArray criticLoss(NDArray dReal, NDArray dFake) {
            return Losses.minimaxCriticLoss(dReal, dFake, realLabel);
        }

        @Override
        public NDArray generatorLoss(NDArray dFake) {
            return nonSaturating
                    ? Losses.nonSaturatingGeneratorLoss(dFake)
                    : Losses.saturatingGeneratorLoss(dFake);
        }
    }

    /** Least squares with fake target {@code a}, real target {@code b}, generator target {@code c}. */
    record LeastSquares(double a, double b, double c) implements Objective {
        @Override
        public NDArray criticLoss(NDArray dReal, NDArray dFake) {
            return Losses.leastSquaresCriticLoss(dReal, dFake, a, b);
        }

        @Override
        public NDArray generatorLoss(NDArray dFake) {
            return Losses.leastSquaresGeneratorLoss(dFake, c);
        }
    }

    /** Hinge critic loss with the Wasserstein-style generator loss. */
    record Hinge() implements Objective {
        @Override
        public NDArray criticLoss(NDArray dReal, NDArray dFake) {
            return Losses.hingeCriticLoss(dReal, dFake);
        }

        @Override
        public NDArray generatorLoss(NDArray dFake) {
            return Losses.hingeGeneratorLoss(dFake);
        }
    }
}
