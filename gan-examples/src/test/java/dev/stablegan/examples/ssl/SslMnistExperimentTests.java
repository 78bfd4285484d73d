package dev.stablegan.examples.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.examples.data.SyntheticDigits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semi-supervised experiment end to end on a tiny synthetic set (the real run needs MNIST and an hour). */
class SslMnistExperimentTests {
    @TempDir
    Path dir;

    /** The synthetic digits every test trains on, their test split, and a log nobody reads. */
    private final LabelledImages train = SyntheticDigits.squares("train", 400, 0);
    private final LabelledImages test = SyntheticDigits.squares("test", 100, 1);
    private final PrintWriter log = new PrintWriter(new StringWriter());

    @Test
    void writesTheSummaryCurveAndPicturesForTheGanAndTheBaseline() throws IOException {
        for (boolean adversarial : new boolean[] {true, false}) {
            Path out = dir.resolve(adversarial ? "gan" : "baseline");
            SslMnistExperiment.Outcome o = SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 3L, 2, adversarial, 4), train,
                    test, out, new PrintWriter(new StringWriter()), quiet());
            JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
            assertThat(summary.get("labels").getAsInt()).isEqualTo(20);
            assertThat(summary.get("epochs").getAsInt()).isEqualTo(2);
            assertThat(summary.get("test_errors").getAsInt()).isEqualTo(o.testErrors()).isBetween(0, 100);
            assertThat(summary.get("test_error").getAsDouble()).isEqualTo(o.testErrors() / 100.0);
            assertThat(summary.get("seconds").getAsDouble()).isPositive();
            assertThat(summary.getAsJsonArray("learning_curve")).hasSize(2);
            assertThat(summary.get("mode").getAsString()).isEqualTo(adversarial ? "gan" : "supervised-baseline");
            assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(2);
            assertThat(out.resolve("learning_curve.png")).exists();
            assertThat(Files.exists(out.resolve("samples.png"))).isEqualTo(adversarial);
            assertThat(out.resolve("confusion.png")).exists();
            var confusion = summary.getAsJsonArray("confusion_matrix");
            assertThat(confusion).hasSize(10);
            int total = 0;
            int offDiagonal = 0;
            for (int t = 0; t < 10; t++) {
                var row = confusion.get(t).getAsJsonArray();
                assertThat(row).hasSize(10);
                for (int p = 0; p < 10; p++) {
                    total += row.get(p).getAsInt();
                    offDiagonal += t == p ? 0 : row.get(p).getAsInt();
                }
            }
            assertThat(total).as("test images in the matrix").isEqualTo(100);
            assertThat(offDiagonal).as("its off-diagonal count is the test errors").isEqualTo(o.testErrors());
            assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).allSatisfy(l -> assertThat(l).contains("\"confusion\":[["));
            // Every misread test image once, each in the cell the matrix counts it in, and the pictures of both sets.
            var misread = summary.getAsJsonArray("misread");
            assertThat(misread).hasSize(o.testErrors());
            Set<Integer> images = new HashSet<>();
            for (var item : misread) {
                var it = item.getAsJsonArray();
                int index = it.get(0).getAsInt();
                assertThat(images.add(index)).as("test image %d listed once", index).isTrue();
                assertThat(it.get(1).getAsInt()).isEqualTo(test.label(index)).isNotEqualTo(it.get(2).getAsInt());
                assertThat(confusion.get(it.get(1).getAsInt()).getAsJsonArray().get(it.get(2).getAsInt()).getAsInt()).isPositive();
            }
            assertThat(ImageIO.read(out.resolve("misread.png").toFile()).getWidth()).isGreaterThanOrEqualTo(360);
            BufferedImage labelled = ImageIO.read(out.resolve("labelled.png").toFile());
            assertThat(labelled.getWidth()).as("two columns of 28x28 at twice the size").isEqualTo(2 + 2 * (2 + 56));
            assertThat(labelled.getHeight()).as("ten rows").isEqualTo(2 + 10 * (2 + 56));
        }
    }

    @Test
    void aRunStillTrainingIsReadFromItsCheckpointAsItsSummaryWouldSayItAndCanBeCutAtAnEarlierEpoch() throws IOException {
        Path run = SslRunFixtures.tinyRun(dir, "run", 5L, 3, false);
        SeedSpread.Run finished = SeedSpread.read(run);
        Files.delete(run.resolve("summary.json")); // now as while it trained: the checkpoint holds epoch 3
        SeedSpread.Run training = SeedSpread.readFinishedOrInProgress(run);

        assertThat(training.finished()).isFalse();
        assertThat(finished.finished()).isTrue();
        assertThat(training).usingRecursiveComparison().ignoringFields("finished", "seconds").isEqualTo(finished);
        assertThat(training.seconds()).isPositive().isLessThanOrEqualTo(finished.seconds());
        SeedSpread.Run atTwo = training.at(2);
        assertThat(atTwo.epochs()).isEqualTo(2);
        assertThat(atTwo.testErrors()).isEqualTo(finished.curve().get(2));
        assertThat(atTwo.curve()).containsOnlyKeys(1, 2);
        assertThatThrownBy(() -> training.at(4)).hasMessageContaining("has no epoch 4 (it runs from 1 to 3)");
    }

    @Test
    void misreadDigitsComeLargestCellFirstAndTheirPictureHasARowPerCell() {
        int[] truth = {0, 1, 1, 2, 2, 2, 3, 3};
        int[] read = {0, 2, 2, 1, 2, 0, 3, 2};
        MisreadDigits misread = MisreadDigits.of(read, truth);
        // Cells: (1 read as 2) twice, (2 read as 0) and (2 read as 1) and (3 read as 2) once each; ties by class, then class read.
        assertThat(misread.rows()).containsExactly(List.of(1, 1, 2), List.of(2, 1, 2), List.of(5, 2, 0), List.of(3, 2, 1),
                List.of(7, 3, 2));
        LabelledImages eight = SyntheticDigits.squares("eight", 8, 0);
        BufferedImage picture = misread.image(eight, "test", 3, 20);
        assertThat(picture.getHeight()).as("a title and three of the four cells").isEqualTo(24 + 3 * (28 * 2 + 4) + 4);
        assertThat(MisreadDigits.of(truth, truth).items()).isEmpty();
        assertThatThrownBy(() -> MisreadDigits.of(new int[2], truth)).hasMessageContaining("2 predictions for 8 labels");
    }

    @Test
    void aResumedRunTrainsExactlyAsTheUninterruptedOne() throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 3, true, 3), train, test, whole, log, quiet());
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 1, true, 3), train, test, parts, log, quiet());
        StringWriter said = new StringWriter();
        SslMnistExperiment.Outcome resumed = SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 3, true, 3), train, test,
                parts, new PrintWriter(said), quiet(), true);

        assertThat(said.toString()).contains("resumed").contains("after epoch 1");
        assertThat(withoutSeconds(parts.resolve("metrics.jsonl"))).hasSize(3).isEqualTo(withoutSeconds(whole.resolve("metrics.jsonl")));
        JsonObject summary = JsonParser.parseString(Files.readString(parts.resolve("summary.json"))).getAsJsonObject();
        assertThat(summary.get("epochs").getAsInt()).isEqualTo(3);
        assertThat(summary.get("resumed_after_epoch").getAsInt()).isEqualTo(1);
        assertThat(summary.getAsJsonArray("learning_curve")).hasSize(3);
        assertThat(resumed.curve()).hasSize(3);
    }

    @Test
    void resumingIsRefusedWithoutACheckpointWithOtherSettingsOrWithNothingLeftToTrain() throws IOException {
        Path empty = dir.resolve("empty");
        assertThatThrownBy(() -> SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 2, true, 2), train, test, empty, log,
                quiet(), true)).hasMessageContaining("no checkpoint").hasMessageContaining(empty.toString());
        Path out = dir.resolve("run");
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 1, true, 2), train, test, out, log, quiet());
        String before = Files.readString(out.resolve("summary.json"));
        assertThatThrownBy(() -> SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 6L, 2, true, 2), train, test, out, log,
                quiet(), true)).hasMessageContaining("seed 5").hasMessageContaining("this run has 6");
        assertThatThrownBy(() -> SslMnistExperiment.run(new SslMnistExperiment.Settings(30, 5L, 2, true, 2), train, test, out, log,
                quiet(), true)).hasMessageContaining("labels");
        assertThatThrownBy(() -> SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 1, true, 2), train, test, out, log,
                quiet(), true)).hasMessageContaining("already trained 1 epochs");
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo(before);
    }

    /**
     * A signal (SIGTERM from Slurm, Ctrl-C) that arrives during a step stops the run after that step with a message saying
     * which epoch the checkpoint holds, and a resume from it still trains exactly as the uninterrupted run.
     */
    @Test
    void aSignalStopsAfterTheStepAndTheResumeStillMatchesTheUninterruptedRun() throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 2, true, 3), train, test, whole, log, quiet());
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 1, true, 3), train, test, parts, log, quiet());
        byte[] checkpoint = Files.readAllBytes(parts.resolve(SslMnistExperiment.CHECKPOINT));
        try {
            assertThatThrownBy(() -> SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 2, true, 3), train, test, parts, log,
                    signalAfterStep(4), true)).isInstanceOf(dev.stablegan.api.RunInterruptedException.class)
                    .hasMessage("stopped by SIGTERM in epoch 2 (step 1 of 3): checkpoint " + parts.resolve(SslMnistExperiment.CHECKPOINT)
                            + " holds epoch 1; --resume continues from there, repeating epoch 2");
        } finally {
            dev.stablegan.api.RunInterruption.clear();
        }
        assertThat(Files.readAllBytes(parts.resolve(SslMnistExperiment.CHECKPOINT))).isEqualTo(checkpoint);
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 2, true, 3), train, test, parts, log, quiet(), true);
        assertThat(withoutSeconds(parts.resolve("metrics.jsonl"))).isEqualTo(withoutSeconds(whole.resolve("metrics.jsonl")));
    }

    /**
     * Issue 19: new runs take the authors' recipe; a checkpoint from before recipes existed (no "recipe" field) resumes
     * with the recipe it began with, port-1, and the summary says which.
     */
    @Test
    void newRunsTakeTheAuthorsRecipeAndOldCheckpointsResumeWithTheirs() throws IOException {
        Path out = dir.resolve("run");
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 1, true, 2), train, test, out, log, quiet());
        assertThat(JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject().get("recipe").getAsString())
                .isEqualTo("authors");
        Path checkpoint = out.resolve(SslMnistExperiment.CHECKPOINT);
        dev.stablegan.djl.train.CheckpointFile.Contents contents = dev.stablegan.djl.train.CheckpointFile.read(checkpoint);
        JsonObject meta = JsonParser.parseString(contents.metadataJson()).getAsJsonObject();
        assertThat(meta.get("recipe").getAsString()).isEqualTo("authors");
        meta.remove("recipe");
        dev.stablegan.djl.train.CheckpointFile.write(checkpoint, meta.toString(), o -> o.write(contents.body()));
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, 5L, 2, true, 2), train, test, out, log, quiet(), true);
        assertThat(JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject().get("recipe").getAsString())
                .isEqualTo("port-1");
    }

    /** The metrics lines without their wall-clock field. */
    private static java.util.List<String> withoutSeconds(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream().map(l -> {
            JsonObject o = JsonParser.parseString(l).getAsJsonObject();
            o.remove("seconds");
            return o.toString();
        }).toList();
    }

    private static int[] choose(LabelledImages train, int labels, long seed, SslMnistExperiment.LabelSet set, long labelSeed) {
        return SslMnistExperiment.chooseLabelled(train, new SslMnistExperiment.Settings(labels, seed, 1, true, 0,
                dev.stablegan.api.TechniquesSpec.FeatureDistance.MEAN_SQUARED, 0, 0, set, labelSeed));
    }

    @Test
    void theLabelledExamplesAreAnEqualShareOfEveryClassChosenBySeed() {
        int[] chosen = choose(train, 30, 9L, SslMnistExperiment.LabelSet.STREAM, 0);
        int[] perClass = new int[10];
        Set<Integer> distinct = new HashSet<>();
        for (int i : chosen) {
            perClass[train.label(i)]++;
            distinct.add(i);
        }
        assertThat(perClass).containsOnly(3);
        assertThat(distinct).hasSize(30);
        assertThat(choose(train, 30, 9L, SslMnistExperiment.LabelSet.STREAM, 0)).containsExactly(chosen);
        assertThat(choose(train, 30, 10L, SslMnistExperiment.LabelSet.STREAM, 0)).isNotEqualTo(chosen);
    }

    /** Issue 19: the authors' labelled set is the first of each class in numpy's RandomState(seed_data).permutation. */
    @Test
    void theAuthorsLabelledSetFollowsNumpysPermutationAndNotTheWeightSeed() {
        int[] permutation = new NumpyRandomState(1).permutation(train.count());
        int[] taken = new int[10];
        List<Integer> expected = new java.util.ArrayList<>();
        for (int i : permutation) {
            if (taken[train.label(i)]++ < 3) {
                expected.add(i);
            }
        }
        int[] chosen = choose(train, 30, 9L, SslMnistExperiment.LabelSet.AUTHORS, 1);
        assertThat(chosen).isSorted();
        assertThat(java.util.Arrays.stream(chosen).boxed().toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(choose(train, 30, 10L, SslMnistExperiment.LabelSet.AUTHORS, 1)).as("another weight seed").containsExactly(chosen);
        assertThat(choose(train, 30, 9L, SslMnistExperiment.LabelSet.AUTHORS, 2)).as("another label seed").isNotEqualTo(chosen);
        assertThatThrownBy(() -> SslMnistExperiment.LabelSet.parse("numpy")).hasMessageContaining("--label-set");
    }

    /** The schedule itself is golden-tested in gan-djl ({@code SemiSupervisedGanTests}); here only the option's bounds. */
    @Test
    void aDecayFromTheLastEpochOnIsRefused() {
        assertThatThrownBy(() -> new SslMnistExperiment.Settings(10, 1, 4, true, 10,
                dev.stablegan.api.TechniquesSpec.FeatureDistance.MEAN_ABSOLUTE, 0, 4, SslMnistExperiment.LabelSet.AUTHORS, 1))
                .hasMessageContaining("--decay-from");
    }

    @Test
    void badSettingsAreRefusedByOption() {
        assertThatThrownBy(() -> new SslMnistExperiment.Settings(15, 1, 1, true, 0)).hasMessageContaining("--labels");
        assertThatThrownBy(() -> new SslMnistExperiment.Settings(10, 1, 0, true, 0)).hasMessageContaining("--epochs");
        LabelledImages train = SyntheticDigits.squares("train", 40, 0);
        assertThatThrownBy(() -> choose(train, 60, 1L, SslMnistExperiment.LabelSet.STREAM, 0)).hasMessageContaining("class");
        assertThatThrownBy(() -> choose(train, 60, 1L, SslMnistExperiment.LabelSet.AUTHORS, -1)).hasMessageContaining("--label-seed");
    }

    /** A progress bar that sends SIGTERM (as the command line's handler does) while it shows step {@code step}. */
    private static ConsoleProgress signalAfterStep(long step) {
        StringBuilder seen = new StringBuilder();
        OutputStream trigger = new OutputStream() {
            @Override
            public void write(int b) {
                seen.append((char) b);
                if (b == '\n' && seen.indexOf(" " + step + "/") >= 0) {
                    dev.stablegan.api.RunInterruption.request("SIGTERM");
                }
                if (b == '\n') {
                    seen.setLength(0);
                }
            }
        };
        return new ConsoleProgress(new PrintStream(trigger, true), 0, false);
    }

    private static ConsoleProgress quiet() {
        return new ConsoleProgress(new PrintStream(OutputStream.nullOutputStream()), 1000, false);
    }
}
