package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.StepReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No per-step host synchronisation (issue 16): a step whose scalars nobody reads copies nothing from the device, and a
 * read copies all of them at once.
 */
class HostReadsTests {

    private static DjlGanTrainer trainer(long steps) {
        return DjlGanTrainer.create(DjlGanTrainerTests.spec(new ObjectiveSpec.WganGp(10, false), steps),
                new DjlGanTrainerTests.ShiftedGaussian(2));
    }

    @Test
    void aStepNobodyLogsReadsNothingBackWhenChecksAreDeferred() {
        try (DjlGanTrainer trainer = trainer(10)) {
            trainer.deferFiniteChecks(true); // what a GPU run does
            StepReport first = trainer.step();
            StepReport second = trainer.step();
            assertThat(trainer.hostReads()).as("reads after two unlogged steps").isZero();
            assertThat(first.scalarsRead()).isFalse();
            Map<String, Double> scalars = second.scalars();
            assertThat(trainer.hostReads()).as("scalars() alone reads nothing").isZero();
            assertThat(scalars.get("critic_loss")).isFinite();
            assertThat(trainer.hostReads()).as("one read for all of a step's scalars").isEqualTo(1);
            assertThat(scalars).containsKeys("critic_loss", "wasserstein_estimate", "gradient_penalty", "gradient_norm",
                    "generator_loss");
            assertThat(scalars.values()).allSatisfy(v -> assertThat(v).isFinite());
            assertThat(second.scalars()).isSameAs(scalars);
            assertThat(trainer.hostReads()).as("read once, then kept").isEqualTo(1);
            assertThat(first.scalars().get("generator_loss")).as("an older report, read later").isFinite();
            assertThat(trainer.hostReads()).isEqualTo(2);
        }
    }

    @Test
    void unreadScalarsAreFreedAfterAThousandSteps() {
        try (DjlGanTrainer trainer = trainer(StepScalars.KEPT_STEPS + 2)) {
            trainer.deferFiniteChecks(true);
            StepReport first = trainer.step();
            for (int i = 0; i < StepScalars.KEPT_STEPS; i++) {
                trainer.step();
            }
            assertThat(trainer.hostReads()).isZero();
            assertThatThrownBy(() -> first.scalars().get("critic_loss")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the scalars of step 1 were freed 1000 steps later");
        }
    }

    @Test
    void onTheCpuEachUpdateChecksItsGradientsAtOnce() {
        try (DjlGanTrainer trainer = trainer(10)) {
            trainer.step();
            assertThat(trainer.hostReads()).as("2 critic updates + 1 generator update, scalars unread").isEqualTo(3);
        }
    }

    @Test
    void deferredAndImmediateChecksTrainAlike() {
        Map<String, Double> immediate;
        try (DjlGanTrainer trainer = trainer(10)) {
            trainer.step();
            immediate = Map.copyOf(trainer.step().scalars());
        }
        try (DjlGanTrainer trainer = trainer(10)) {
            trainer.deferFiniteChecks(true);
            trainer.step();
            assertThat(Map.copyOf(trainer.step().scalars())).isEqualTo(immediate);
        }
    }

    @Test
    void stepAfterTheScheduleEndsSaysSo() {
        try (DjlGanTrainer trainer = trainer(1)) {
            trainer.step();
            assertThatThrownBy(trainer::step).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the schedule ends at step 1");
        }
    }
}
