package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RunInterruptedException;
import dev.stablegan.api.RunInterruption;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.listen.PeriodicCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semi-supervised GAN under the {@code Trainer} contract: listeners, schedule, epoch-end checkpoints, exact resume. */
class SemiSupervisedGanTests {
    private static final int DIM = SemiSupervisedTrainerTests.DIM;
    private static final int POOL = 80;

    @TempDir
    Path dir;

    @Test
    void theLearningRateFallsLinearlyToZeroAfterTheDecayEpoch() {
        // 4 epochs of 10 steps, decay after epoch 2: t0 = 20, T = 40, factor (40 - t) / 20.
        SemiSupervisedGan.Schedule s = new SemiSupervisedGan.Schedule(100, 10, 4, 2);
        assertThat(s.totalSteps()).isEqualTo(40);
        assertThat(s.lrFactor(0)).isEqualTo(1.0);
        assertThat(s.lrFactor(19)).isEqualTo(1.0);
        assertThat(s.lrFactor(20)).isEqualTo(1.0);
        assertThat(s.lrFactor(30)).isEqualTo(0.5);
        assertThat(s.lrFactor(39)).isEqualTo(0.05);
        assertThat(new SemiSupervisedGan.Schedule(100, 10, 4, 0).lrFactor(39)).isEqualTo(1.0);
        assertThatThrownBy(() -> new SemiSupervisedGan.Schedule(100, 10, 4, 4)).hasMessageContaining("decayFrom");
        assertThatThrownBy(() -> new SemiSupervisedGan.Schedule(0, 10, 4, 0)).hasMessageContaining("batch");
    }

    @Test
    void runInformsTheListenersStepByStepAndEndsWithTheSchedule() {
        Recorder recorder = new Recorder();
        try (SemiSupervisedGan gan = gan(2, SemiSupervisedTrainerTests.settings())) {
            recorder.gan = gan;
            gan.addListener(recorder);
            RunSummary summary = gan.run();

            assertThat(recorder.started).containsExactly(0L);
            assertThat(recorder.steps).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(recorder.totals).containsOnly(6L);
            assertThat(recorder.epochs).containsExactly(1.0, 1.0, 1.0, 2.0, 2.0, 2.0);
            assertThat(recorder.epochEnds).containsExactly(3L, 6L);
            assertThat(recorder.lastScalars).containsKeys("loss_supervised", "loss_unsupervised", "train_error", "loss_generator");
            assertThat(summary.steps()).isEqualTo(6);
            assertThat(recorder.ended).containsExactly(6L);
            assertThat(gan.epochsDone()).isEqualTo(2);
            assertThatThrownBy(gan::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 epochs");
        }
    }

    @Test
    void aRunResumedFromAnEpochsEndTrainsExactlyAsTheUninterruptedOne() throws IOException {
        List<Map<String, Double>> whole = new ArrayList<>();
        try (SemiSupervisedGan gan = gan(3, SemiSupervisedTrainerTests.settings())) {
            gan.addListener(scalarsInto(whole));
            gan.run();
        }
        Path file = dir.resolve("ssl.ckpt");
        List<Map<String, Double>> parts = new ArrayList<>();
        try (SemiSupervisedGan gan = gan(3, SemiSupervisedTrainerTests.settings())) {
            gan.addListener(scalarsInto(parts));
            gan.addListener(new PeriodicCheckpoints(gan, file, 3)); // the generic listener, at every epoch's end
            gan.addListener(new GanListener() {
                @Override
                public void onStep(StepReport report) {
                    if (report.step() == 3) {
                        gan.requestStop();
                    }
                }
            });
            assertThat(gan.run().steps()).isEqualTo(3);
        }
        try (SemiSupervisedGan gan = gan(3, SemiSupervisedTrainerTests.settings())) {
            gan.resume(file);
            assertThat(gan.currentStep()).isEqualTo(3);
            assertThat(gan.epochsDone()).isEqualTo(1);
            gan.addListener(scalarsInto(parts));
            gan.run();
        }
        assertThat(parts).hasSize(9).isEqualTo(whole);
    }

    @Test
    void aSignalDuringAStepEndsTheRunAfterItWithOnEndAndTheException() {
        Recorder recorder = new Recorder();
        try (SemiSupervisedGan gan = gan(2, SemiSupervisedTrainerTests.settings())) {
            recorder.gan = gan;
            gan.addListener(recorder);
            gan.addListener(new GanListener() {
                @Override
                public void onStep(StepReport report) {
                    if (report.step() == 2) {
                        RunInterruption.request("SIGTERM");
                    }
                }
            });
            assertThatThrownBy(gan::run).isInstanceOf(RunInterruptedException.class)
                    .hasMessage("stopped by SIGTERM after step 2 of 6");
            assertThat(recorder.steps).containsExactly(1L, 2L);
            assertThat(recorder.ended).containsExactly(2L);
            assertThat(RunInterruption.runsActive()).isFalse();
        } finally {
            RunInterruption.clear();
        }
    }

    /** Issue 16 for the semi-supervised run: with the checks deferred (a GPU's default) a step nobody reads reads nothing back. */
    @Test
    void aStepWhoseScalarsNobodyReadsCopiesNothingBack() {
        try (SemiSupervisedGan gan = gan(2, SemiSupervisedTrainerTests.settings())) {
            gan.deferFiniteChecks(true);
            StepReport last = null;
            for (int i = 0; i < 4; i++) {
                last = gan.step();
            }
            assertThat(gan.hostReads()).isZero();
            assertThat(last.scalars()).containsKeys("epoch", "loss_supervised", "train_error");
            assertThat(last.scalar("epoch")).isEqualTo(2.0);
            assertThat(gan.hostReads()).isEqualTo(1);
            last.scalars();
            assertThat(gan.hostReads()).isEqualTo(1);
        }
    }

    /**
     * The labelled batch's error is the count of wrong predictions over the batch in double precision: k / 10 exactly
     * (a float32 division would give 0.30000001192... for 3 of 10).
     */
    @Test
    void theTrainErrorIsAnExactFractionOfTheBatch() {
        try (SemiSupervisedGan gan = new SemiSupervisedGan(SemiSupervisedTrainerTests.settings(), SemiSupervisedTrainerTests.body(),
                SemiSupervisedTrainerTests.head(), SemiSupervisedTrainerTests.generator(), DIM, data(), new SemiSupervisedGan.Schedule(10, 3, 1, 0))) {
            for (int i = 0; i < 3; i++) {
                double e = gan.step().scalar("train_error");
                assertThat(e).isEqualTo(Math.round(e * 10) / 10.0);
            }
        }
    }

    @Test
    void aCheckpointInTheMiddleOfAnEpochIsRefusedAndWritesNothing() {
        Path file = dir.resolve("mid.ckpt");
        try (SemiSupervisedGan gan = gan(2, SemiSupervisedTrainerTests.settings())) {
            gan.step();
            assertThatThrownBy(() -> gan.saveCheckpoint(file)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("middle of epoch 1").hasMessageContaining("step 1 of 3");
        }
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aCheckpointOfAnotherRecipeIsRefusedNamingBoth() throws IOException {
        Path file = dir.resolve("authors.ckpt");
        try (SemiSupervisedGan gan = gan(1, SemiSupervisedTrainerTests.settings())) {
            gan.saveCheckpoint(file);
        }
        SemiSupervisedTrainer.Settings a = SemiSupervisedTrainerTests.settings();
        SemiSupervisedTrainer.Settings port1 = new SemiSupervisedTrainer.Settings(a.classes(), a.latentDim(), a.learningRate(), a.beta1(),
                a.featureMatching(), a.seed(), a.adversarial(), SemiSupervisedTrainer.Recipe.PORT_1);
        try (SemiSupervisedGan gan = gan(1, port1)) {
            assertThatThrownBy(() -> gan.resume(file)).hasMessageContaining("recipe authors").hasMessageContaining("port-1");
        }
    }

    @Test
    void dataThatDoesNotFitIsRefusedNamingTheField() {
        SemiSupervisedGan.Data good = data();
        SemiSupervisedGan.Data ragged = new SemiSupervisedGan.Data(new float[3 * DIM + 1], new int[] {0, 1, 0}, good.unlabelled());
        assertThatThrownBy(() -> new SemiSupervisedGan(SemiSupervisedTrainerTests.settings(), SemiSupervisedTrainerTests.body(),
                SemiSupervisedTrainerTests.head(), SemiSupervisedTrainerTests.generator(), DIM, ragged, new SemiSupervisedGan.Schedule(8, 3, 1, 0)))
                .hasMessageContaining("labelledRows").hasMessageContaining("3 rows of 6");
        assertThatThrownBy(() -> new SemiSupervisedGan(SemiSupervisedTrainerTests.settings(), SemiSupervisedTrainerTests.body(),
                SemiSupervisedTrainerTests.head(), SemiSupervisedTrainerTests.generator(), DIM, good, new SemiSupervisedGan.Schedule(8, 20, 1, 0)))
                .hasMessageContaining("stepsPerEpoch").hasMessageContaining("160 unlabelled rows").hasMessageContaining("has 80");
        SemiSupervisedGan.Data thirdClass = new SemiSupervisedGan.Data(new float[2 * DIM], new int[] {0, 2}, good.unlabelled());
        assertThatThrownBy(() -> new SemiSupervisedGan(SemiSupervisedTrainerTests.settings(), SemiSupervisedTrainerTests.body(),
                SemiSupervisedTrainerTests.head(), SemiSupervisedTrainerTests.generator(), DIM, thirdClass, new SemiSupervisedGan.Schedule(8, 3, 1, 0)))
                .hasMessageContaining("labelledClasses[1]").hasMessageContaining("[0, 2)");
        assertThatThrownBy(() -> new SemiSupervisedGan.Data(new float[0], new int[0], good.unlabelled())).hasMessageContaining("labelledClasses");
    }

    /** Epochs of 3 steps of 8 examples over a pool of {@value #POOL} rows of the two blobs, 4 of them labelled. */
    private static SemiSupervisedGan gan(int epochs, SemiSupervisedTrainer.Settings settings) {
        return new SemiSupervisedGan(settings, SemiSupervisedTrainerTests.body(), SemiSupervisedTrainerTests.head(),
                SemiSupervisedTrainerTests.generator(), DIM, data(), new SemiSupervisedGan.Schedule(8, 3, epochs, 0));
    }

    private static SemiSupervisedGan.Data data() {
        RandomStream r = new RandomStream(11);
        int[] labels = {0, 1, 0, 1};
        float[] labelled = SemiSupervisedTrainerTests.batch(r, labels.length, labels);
        float[] pool = SemiSupervisedTrainerTests.batch(r, POOL, null);
        return new SemiSupervisedGan.Data(labelled, labels, new SemiSupervisedGan.Rows() {
            @Override
            public int count() {
                return POOL;
            }

            @Override
            public float[] rows(int[] indices, int from, int n) {
                float[] out = new float[n * DIM];
                for (int k = 0; k < n; k++) {
                    System.arraycopy(pool, indices[from + k] * DIM, out, k * DIM, DIM);
                }
                return out;
            }
        });
    }

    private static GanListener scalarsInto(List<Map<String, Double>> sink) {
        return new GanListener() {
            @Override
            public void onStep(StepReport report) {
                sink.add(Map.copyOf(report.scalars()));
            }
        };
    }

    /** Everything the listener methods were told. */
    private static final class Recorder implements GanListener {
        SemiSupervisedGan gan;
        final List<Long> started = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();
        final List<Double> epochs = new ArrayList<>();
        final List<Long> epochEnds = new ArrayList<>();
        final List<Long> ended = new ArrayList<>();
        Map<String, Double> lastScalars;

        @Override
        public void onStart(GanSpec spec, long startStep) {
            assertThat(spec).isNull();
            started.add(startStep);
        }

        @Override
        public void onStep(StepReport report) {
            steps.add(report.step());
            totals.add(report.totalSteps());
            epochs.add(report.scalar("epoch"));
            lastScalars = report.scalars();
            if (gan.atEpochEnd()) {
                epochEnds.add(report.step());
            }
        }

        @Override
        public void onEnd(RunSummary summary) {
            ended.add(summary.steps());
        }
    }
}
