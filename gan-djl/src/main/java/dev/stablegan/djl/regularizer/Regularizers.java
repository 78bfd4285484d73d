package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RegularizerSpec;
import dev.stablegan.djl.TensorConstants;
import dev.stablegan.djl.engine.InputGradients;
import dev.stablegan.djl.engine.TorchInputGradients;
import dev.stablegan.djl.nn.FactoryClasses;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a run's {@link RegularizerSpec}s into {@link Regularizer} parts: the gradient penalty, weight clipping, R1,
 * historical averaging (one part per player) and the application's own. Feature matching is not a term but the
 * generator's loss, which the training loop computes in place of the objective's.
 */
public final class Regularizers {
    private Regularizers() {}

    /**
     * The parts of {@link GanSpec#allRegularizers()}, in that order; the caller closes them.
     *
     * @throws IllegalArgumentException when a custom factory cannot be made or refuses its settings, naming it
     */
    public static List<Regularizer> build(GanSpec spec, RegularizerSetup setup) {
        List<Regularizer> parts = new ArrayList<>();
        try {
            for (RegularizerSpec r : spec.allRegularizers()) {
                if (r instanceof RegularizerSpec.GradientPenalty gp) {
                    parts.add(new GradientPenaltyPart(gp, TorchInputGradients.load(setup.device())));
                } else if (r instanceof RegularizerSpec.WeightClipping clip) {
                    parts.add(new WeightClippingPart(clip.clip(), setup.criticParameters()));
                } else if (r instanceof RegularizerSpec.R1 r1) {
                    parts.add(new R1Part(r1.gamma(), TorchInputGradients.load(setup.device())));
                } else if (r instanceof RegularizerSpec.HistoricalAveraging ha) {
                    parts.add(new HistoricalAveragingPart(Regularizer.Player.CRITIC, ha.weight(), setup));
                    parts.add(new HistoricalAveragingPart(Regularizer.Player.GENERATOR, ha.weight(), setup));
                } else if (r instanceof RegularizerSpec.Custom custom) {
                    RegularizerFactory factory = FactoryClasses.instantiate("regularizers.custom.factory", custom.factory(),
                            RegularizerFactory.class);
                    parts.add(java.util.Objects.requireNonNull(factory.create(custom.settings(), setup),
                            "regularizers.custom.factory: " + custom.factory() + " made no regularizer (null)"));
                }
                // FeatureMatching: the generator's loss, computed by the training loop.
            }
            return parts;
        } catch (RuntimeException e) {
            parts.forEach(Regularizer::close);
            throw e;
        }
    }

    /** The parts that join {@code player}'s update, in order. */
    public static List<Regularizer> of(List<Regularizer> parts, Regularizer.Player player) {
        return parts.stream().filter(p -> p.player() == player).toList();
    }

    /** The WGAN-GP penalty; draws one interpolation weight per example from the noise stream before the forward passes. */
    static final class GradientPenaltyPart implements Regularizer {
        private final RegularizerSpec.GradientPenalty spec;
        private final InputGradients gradients;
        private NDArray eps;

        GradientPenaltyPart(RegularizerSpec.GradientPenalty spec, InputGradients gradients) {
            this.spec = spec;
            this.gradients = gradients;
        }

        @Override
        public Player player() {
            return Player.CRITIC;
        }

        @Override
        public void prepare(NDManager scope, RandomStream noise, int batch) {
            eps = scope.create(noise.uniforms(batch), new Shape(batch));
        }

        @Override
        public NDArray term(Update u) {
            GradientPenalty.Result result = GradientPenalty.compute(u.critic(), u.real(), u.fake(), eps, spec.lambda(), spec.oneSided(),
                    gradients);
            eps = null;
            u.report().accept("gradient_penalty", result.penalty());
            u.report().accept("gradient_norm", result.norms().mean());
            return result.penalty();
        }

        @Override
        public void close() {
            gradients.close();
        }
    }

    /** R1 at the real batch, reported as {@code r1_penalty}. */
    static final class R1Part implements Regularizer {
        private final double gamma;
        private final InputGradients gradients;

        R1Part(double gamma, InputGradients gradients) {
            this.gamma = gamma;
            this.gradients = gradients;
        }

        @Override
        public Player player() {
            return Player.CRITIC;
        }

        @Override
        public NDArray term(Update u) {
            NDArray penalty = R1Penalty.compute(u.critic(), u.real(), gamma, gradients);
            u.report().accept("r1_penalty", penalty);
            return penalty;
        }

        @Override
        public void close() {
            gradients.close();
        }
    }

    /**
     * Clips every critic weight to {@code [-c, c]} in place after the critic's step. Every temporary lives in the
     * step's scope: DJL's {@code clip(Number, Number)} would leave two scalars on the long-lived manager per call.
     * {@code w * 0 + clip(w)} writes the clipped values exactly; running statistics are not weights and stay.
     */
    static final class WeightClippingPart implements Regularizer {
        private final double c;
        private final List<Parameter> parameters;

        WeightClippingPart(double c, List<Parameter> parameters) {
            this.c = c;
            this.parameters = parameters;
        }

        @Override
        public Player player() {
            return Player.CRITIC;
        }

        @Override
        public void afterStep(NDManager scope) {
            for (Parameter p : parameters) {
                if (!p.requiresGradient()) {
                    continue;
                }
                NDArray w = p.getArray();
                DataType type = w.getDataType();
                NDArray hi = TensorConstants.scalar(scope, c, type);
                NDArray lo = TensorConstants.scalar(scope, -c, type);
                NDArray clipped = w.minimum(hi);
                clipped.attach(scope);
                clipped = clipped.maximum(lo);
                w.muli(TensorConstants.scalar(scope, 0, type)).addi(clipped);
            }
        }
    }

    /**
     * {@code w || theta - avg ||^2} on one player's loss, reported as {@code critic_historical_penalty} or
     * {@code generator_historical_penalty}; the average gains the new values after each of the player's steps and is
     * checkpointed.
     */
    static final class HistoricalAveragingPart implements Regularizer {
        private final Player player;
        private final double weight;
        private final HistoricalAveraging history;

        HistoricalAveragingPart(Player player, double weight, RegularizerSetup setup) {
            this.player = player;
            this.weight = weight;
            this.history = new HistoricalAveraging(setup.parameters(player), setup.manager());
        }

        @Override
        public Player player() {
            return player;
        }

        @Override
        public NDArray term(Update u) {
            NDArray penalty = history.penalty(u.scope());
            u.report().accept(player == Player.CRITIC ? "critic_historical_penalty" : "generator_historical_penalty", penalty);
            return penalty.mul(TensorConstants.scalar(u.scope(), weight, penalty.getDataType()));
        }

        @Override
        public void afterStep(NDManager scope) {
            history.record();
        }

        @Override
        public boolean hasState() {
            return true;
        }

        @Override
        public void save(DataOutputStream out) throws IOException {
            history.save(out);
        }

        @Override
        public void load(DataInputStream in) throws IOException {
            history.load(in);
        }

        @Override
        public void close() {
            history.close();
        }
    }
}
