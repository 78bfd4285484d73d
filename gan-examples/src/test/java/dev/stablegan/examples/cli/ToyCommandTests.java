package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.examples.GanCli;
import dev.stablegan.examples.toy.ToyRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of {@code ./gan toy} on a few steps, and its answers to bad input. */
class ToyCommandTests {
    @TempDir
    Path dir;

    @Test
    void aShortRunWritesSummaryMetricsPicturesAndCheckpoint() throws IOException {
        Path out = dir.resolve("run");
        int code = run("toy", "--dataset", "8gaussians", "--objective", "wgan-gp", "--steps", "6", "--plot-every", "3",
                "--out", out.toString());

        assertThat(code).isZero();
        JsonObject summary = json(out.resolve(ToyRun.SUMMARY));
        assertThat(summary.get("steps").getAsLong()).isEqualTo(6);
        assertThat(summary.get("modes_total").getAsInt()).isEqualTo(8);
        assertThat(summary.get("modes_covered").getAsInt()).isBetween(0, 8);
        assertThat(summary.get("high_quality_fraction").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(summary.get("seconds").getAsDouble()).isPositive();
        assertThat(summary.getAsJsonObject("provenance").get("engine").getAsString()).startsWith("PyTorch");
        assertThat(steps(out.resolve(ToyRun.METRICS))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(steps(out.resolve(ToyRun.MODES))).containsExactly(3L, 6L);
        assertImage(out.resolve(ToyRun.VALUE_SURFACE));
        assertImage(out.resolve(ToyRun.LOSSES));
        assertImage(out.resolve("frames/value_surface_step0000003.png"));
        assertThat(out.resolve(ToyRun.CHECKPOINT)).isRegularFile();
    }

    @Test
    void aResumedRunContinuesFromItsCheckpointAndKeepsOneLinePerStep() throws IOException {
        Path out = dir.resolve("run");
        // The paper preset has no learning-rate decay, so a run may grow; the quick preset's may not (below).
        assertThat(run("toy", "--preset", "paper", "--objective", "wgan-clip", "--steps", "4", "--out", out.toString())).isZero();
        assertThat(run("toy", "--preset", "paper", "--objective", "wgan-clip", "--steps", "7", "--resume", "--out", out.toString()))
                .isZero();

        JsonObject summary = json(out.resolve(ToyRun.SUMMARY));
        assertThat(summary.get("steps").getAsLong()).isEqualTo(7);
        assertThat(summary.get("seconds").getAsDouble()).isGreaterThan(summary.get("seconds_this_run").getAsDouble());
        assertThat(steps(out.resolve(ToyRun.METRICS))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void theSwissRollHasNoModesSoItsModeFieldsAreNull() throws IOException {
        Path out = dir.resolve("roll");
        assertThat(run("toy", "--dataset", "swissroll", "--objective", "lsgan", "--steps", "2", "--out", out.toString()))
                .isZero();
        JsonObject summary = json(out.resolve(ToyRun.SUMMARY));
        assertThat(summary.get("modes_covered").isJsonNull()).isTrue();
        assertThat(summary.get("high_quality_fraction").isJsonNull()).isTrue();
        assertImage(out.resolve(ToyRun.VALUE_SURFACE));
    }

    @Test
    void badSettingsFailWithTheOptionNamedAndWriteNothing() throws IOException {
        Path out = dir.resolve("never");
        CliRuns.assertBadInput("--dataset", "toy", "--dataset", "9gaussians", "--out", out.toString());
        CliRuns.assertBadInput("--objective", "toy", "--objective", "wgan-xx", "--out", out.toString());
        CliRuns.assertBadInput("--preset", "toy", "--preset", "huge", "--out", out.toString());
        CliRuns.assertBadInput("--steps", "toy", "--steps", "0", "--out", out.toString());
        CliRuns.assertBadInput("--lambda", "toy", "--lambda", "-1", "--out", out.toString());
        CliRuns.assertBadInput("--lambda", "toy", "--objective", "minimax", "--lambda", "1", "--out", out.toString());
        CliRuns.assertBadInput("--clip", "toy", "--objective", "wgan-gp", "--clip", "0.1", "--out", out.toString());
        CliRuns.assertBadInput("--samples", "toy", "--samples", "100", "--out", out.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void resumeWithoutACheckpointNamesTheMissingFile() throws IOException {
        Path out = dir.resolve("empty");
        String err = CliRuns.assertBadInput("resume", "toy", "--resume", "--steps", "2", "--out", out.toString());
        assertThat(err).contains(out.resolve(ToyRun.CHECKPOINT).toString());
        assertThat(list(out)).isEmpty();
    }

    @Test
    void anOutputPathThatIsAFileIsRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "not a folder");
        String err = CliRuns.assertBadInput(file.toString(), "toy", "--steps", "2", "--out", file.toString());
        assertThat(err.lines().count()).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    private static int run(String... args) {
        return GanCli.execute(args);
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<Long> steps(Path jsonl) throws IOException {
        return Files.readAllLines(jsonl).stream().filter(l -> !l.isBlank())
                .map(l -> JsonParser.parseString(l).getAsJsonObject().get("step").getAsLong()).collect(Collectors.toList());
    }

    private static void assertImage(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("PNG %s", png).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(100);
    }

    private static Set<Path> list(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.collect(Collectors.toSet());
        }
    }

    /** Issue 17, item 3: resuming must not mix data sets or restart a learning-rate decay; the differing field is named. */
    @Test
    void aResumeThatWouldChangeTheDataOrTheDecayIsRefused() throws IOException {
        Path out = dir.resolve("run");
        assertThat(run("toy", "--dataset", "8gaussians", "--steps", "3", "--out", out.toString())).isZero();
        byte[] checkpoint = Files.readAllBytes(out.resolve(ToyRun.CHECKPOINT));
        CliRuns.assertBadInput("dataset: checkpoint has 'toy:8gaussians', this run has 'toy:swissroll'",
                "toy", "--dataset", "swissroll", "--steps", "3", "--resume", "--out", out.toString());
        CliRuns.assertBadInput("decays its learning rate linearly to 0 at step 3",
                "toy", "--dataset", "8gaussians", "--steps", "6", "--resume", "--out", out.toString());
        CliRuns.assertBadInput("schedule.generatorSteps: 2 ends before the checkpoint's step 3",
                "toy", "--dataset", "8gaussians", "--steps", "2", "--resume", "--out", out.toString());
        assertThat(Files.readAllBytes(out.resolve(ToyRun.CHECKPOINT))).as("the checkpoint after three refusals").isEqualTo(checkpoint);
    }

    /** Issue 17, item 4: resuming a finished run keeps its last scalars in the summary. */
    @Test
    void resumingAFinishedRunKeepsItsLastScalars() throws IOException {
        Path out = dir.resolve("run");
        assertThat(run("toy", "--steps", "3", "--out", out.toString())).isZero();
        JsonObject first = json(out.resolve(ToyRun.SUMMARY)).getAsJsonObject("last_scalars");
        assertThat(run("toy", "--steps", "3", "--resume", "--out", out.toString())).isZero();
        assertThat(json(out.resolve(ToyRun.SUMMARY)).getAsJsonObject("last_scalars")).isEqualTo(first);
        assertThat(first.keySet()).contains("critic_loss");
    }

    /**
     * Issue 17, item 2: a new run in a folder holding a finished run is refused, so a killed restart can no longer leave
     * one run's metrics beside another's checkpoint; {@code --force} moves the old run aside whole.
     */
    @Test
    void aNewRunInAFolderHoldingAnotherRunIsRefusedUnlessForcedWhichMovesItAside() throws IOException {
        Path out = dir.resolve("run");
        assertThat(run("toy", "--steps", "3", "--seed", "7", "--out", out.toString())).isZero();
        Set<Path> before = list(out);
        byte[] checkpoint = Files.readAllBytes(out.resolve(ToyRun.CHECKPOINT));
        String metrics = Files.readString(out.resolve(ToyRun.METRICS));
        String text = CliRuns.assertBadInput(out + ": holds another run's files (", "toy", "--steps", "3", "--seed", "8",
                "--out", out.toString());
        assertThat(text).contains("--resume continues that run", "--force moves");
        assertThat(list(out)).as("nothing written by the refused run").isEqualTo(before);
        assertThat(Files.readAllBytes(out.resolve(ToyRun.CHECKPOINT))).isEqualTo(checkpoint);
        CliRuns.assertBadInput("--resume and --force: choose one", "toy", "--steps", "3", "--resume", "--force", "--out", out.toString());

        assertThat(run("toy", "--steps", "3", "--seed", "8", "--force", "--out", out.toString())).isZero();
        Path replaced = out.resolve("replaced");
        List<Path> moved = List.copyOf(list(replaced));
        assertThat(moved).hasSize(1);
        assertThat(Files.readAllBytes(moved.get(0).resolve(ToyRun.CHECKPOINT))).isEqualTo(checkpoint);
        assertThat(Files.readString(moved.get(0).resolve(ToyRun.METRICS))).isEqualTo(metrics);
        assertThat(json(moved.get(0).resolve(ToyRun.SUMMARY)).toString()).contains("\"seed\":7");
        assertThat(json(out.resolve(ToyRun.SUMMARY)).toString()).contains("\"seed\":8");
        assertThat(Files.readString(out.resolve(ToyRun.METRICS))).isNotEqualTo(metrics);
    }

    /**
     * A command line that does not parse is one {@code error:} line with where the help is, like every other refusal, not
     * the whole usage text; a thread count out of range names the option.
     */
    @Test
    void unparsableArgumentsAndThreadCountsAreOneErrorLineNamingTheOption() {
        String text = CliRuns.assertBadInput("toy: error: Invalid value for option '--seed': 'abc' is not a long", "toy", "--seed", "abc",
                "--out", dir.resolve("o").toString());
        assertThat(text).contains("see: gan toy --help").doesNotContain("Usage:");
        CliRuns.assertBadInput("toy: error: --threads: must be between 1 and ", "toy", "--threads", "0", "--out", dir.resolve("o").toString());
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
