package dev.stablegan.djl.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.api.ObjectiveSpec;
import org.junit.jupiter.api.Test;

/**
 * Each spec gets the losses its formula names, checked at the shared logits of {@link WithSharedLogits}:
 * real {@code [-5.0, 1.4, 12.5, 2.7]}, fake {@code [10.0, 4.4, -5.5, 3.6]}.
 */
class ObjectivesTests extends WithSharedLogits {
    @Test
    void everyWassersteinVariantUsesTheWassersteinLosses() {
        // Clipping and the gradient penalty belong to the training loop: the losses are 0.225 and -3.125 for all.
        for (ObjectiveSpec spec : new ObjectiveSpec[] {
            new ObjectiveSpec.Wgan(), new ObjectiveSpec.WganClip(0.01), new ObjectiveSpec.WganGp(10, false),
            new ObjectiveSpec.WganGp(10, true)
        }) {
            Objective objective = Objectives.of(spec);
            assertThat(critic(objective)).as(spec.name()).isCloseTo(0.225, within(1e-5));
            assertThat(generator(objective)).as(spec.name()).isCloseTo(-3.125, within(1e-5));
        }
    }

    @Test
    void minimaxCarriesItsRealLabelAndGeneratorKind() {
        // Values derived in LossesTests: D 5.833866 (y=1), 6.123866 (y=0.9); G 1.385821 (non-saturating),
        // -4.510821 (saturating).
        assertThat(critic(Objectives.of(new ObjectiveSpec.Minimax(true, 1.0)))).isCloseTo(5.833866, within(1e-5));
        assertThat(critic(Objectives.of(new ObjectiveSpec.Minimax(true, 0.9)))).isCloseTo(6.123866, within(1e-5));
        assertThat(generator(Objectives.of(new ObjectiveSpec.Minimax(true, 0.9)))).isCloseTo(1.385821, within(1e-5));
        assertThat(generator(Objectives.of(new ObjectiveSpec.Minimax(false, 1.0)))).isCloseTo(-4.510821, within(1e-5));
    }

    @Test
    void leastSquaresUsesTheSpecTargets() {
        // a=0, b=1, c=1: D 41.73375, G 17.69625 (LossesTests); c=0: G = 162.57 / 8 = 20.32125.
        assertThat(critic(Objectives.of(new ObjectiveSpec.LeastSquares(0, 1, 1)))).isCloseTo(41.73375, within(1e-4));
        assertThat(generator(Objectives.of(new ObjectiveSpec.LeastSquares(0, 1, 1)))).isCloseTo(17.69625, within(1e-4));
        assertThat(generator(Objectives.of(new ObjectiveSpec.LeastSquares(0, 1, 0)))).isCloseTo(20.32125, within(1e-4));
    }

    @Test
    void hingeUsesHingeCriticAndWassersteinStyleGenerator() {
        assertThat(critic(Objectives.of(new ObjectiveSpec.Hinge()))).isCloseTo(6.75, within(1e-5));
        assertThat(generator(Objectives.of(new ObjectiveSpec.Hinge()))).isCloseTo(-3.125, within(1e-5));
    }

    @Test
    void everyNamedObjectiveHasLosses() {
        for (String name : ObjectiveSpec.NAMES) {
            Objective objective = Objectives.of(ObjectiveSpec.byName(name));
            assertThat(critic(objective)).as(name).isFinite();
            assertThat(generator(objective)).as(name).isFinite();
        }
    }

    @Test
    void rejectsMissingSpec() {
        assertThatThrownBy(() -> Objectives.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objective");
    }

    private double critic(Objective objective) {
        return objective.criticLoss(real, fake).getFloat();
    }

    private double generator(Objective objective) {
        return objective.generatorLoss(fake).getFloat();
    }
}
