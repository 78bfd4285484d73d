package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.examples.GanCli;
import dev.stablegan.examples.text.LanguageRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of {@code ./gan language} on a tiny corpus, resumption, and its answers to bad input. */
class LanguageCommandTests {
    @TempDir
    Path dir;

    private Path corpus;

    @BeforeEach
    void writeCorpus() throws IOException {
        List<String> lines = new ArrayList<>();
        String[] words = {"the cat", "a dog", "sat on", "the mat", "ran off", "at noon"};
        for (int i = 0; i < 60; i++) {
            lines.add(words[i % words.length] + " " + words[(i * 7 + 1) % words.length]);
        }
        corpus = Files.write(dir.resolve("corpus.txt"), lines);
    }

    @Test
    void bothObjectivesTrainAndTheRunWritesSamplesScoresAndPictures() throws IOException {
        Path minimax = dir.resolve("minimax");
        assertThat(run("--objective", "minimax", "--steps", "2", "--out", minimax.toString())).isZero();
        Path gp = dir.resolve("gp");
        assertThat(run("--objective", "wgan-gp", "--steps", "4", "--compare", minimax.toString(), "--out", gp.toString())).isZero();

        JsonObject summary = json(gp.resolve(LanguageRun.SUMMARY));
        assertThat(summary.get("objective").getAsString()).isEqualTo("wgan-gp");
        assertThat(summary.get("steps").getAsLong()).isEqualTo(4);
        assertThat(summary.get("seconds").getAsDouble()).isPositive();
        for (int n = 1; n <= 4; n++) {
            assertThat(summary.get("js" + n).getAsDouble()).isBetween(0.0, 1.0);
            assertThat(summary.get("heldout_js" + n).getAsDouble()).isBetween(0.0, 1.0);
        }
        // 54 training lines (60 minus a tenth held out), 6 held out: the floor uses all 6.
        assertThat(summary.get("training_lines").getAsInt()).isEqualTo(54);
        assertThat(summary.get("heldout_lines").getAsInt()).isEqualTo(6);
        assertThat(summary.get("vocabulary_size").getAsInt()).isBetween(10, 30);
        List<String> samples = Files.readAllLines(gp.resolve(LanguageRun.SAMPLES));
        assertThat(samples).hasSize(16);
        assertThat(samples).allSatisfy(s -> assertThat(s.codePointCount(0, s.length())).isLessThanOrEqualTo(32));
        assertThat(steps(gp.resolve(LanguageRun.METRICS))).containsExactly(2L, 4L);
        assertThat(json(minimax.resolve(LanguageRun.SUMMARY)).get("objective").getAsString()).isEqualTo("minimax");
        assertImage(gp.resolve(LanguageRun.JS_PLOT));
        assertImage(gp.resolve(LanguageRun.LOSSES_PLOT));
        assertThat(gp.resolve(LanguageRun.CHECKPOINT)).isRegularFile();
        assertThat(gp.resolve(LanguageRun.VOCABULARY)).isRegularFile();
    }

    @Test
    void aResumedRunContinuesAndKeepsOneEvaluationPerStep() throws IOException {
        Path out = dir.resolve("run");
        assertThat(run("--steps", "2", "--out", out.toString())).isZero();
        List<String> firstSamples = Files.readAllLines(out.resolve(LanguageRun.SAMPLES));
        assertThat(run("--steps", "4", "--resume", "--out", out.toString())).isZero();
        assertThat(steps(out.resolve(LanguageRun.METRICS))).containsExactly(2L, 4L);
        assertThat(json(out.resolve(LanguageRun.SUMMARY)).get("steps").getAsLong()).isEqualTo(4);
        // Nothing left to train: the last step is scored again, once, with the same samples.
        List<String> lastSamples = Files.readAllLines(out.resolve(LanguageRun.SAMPLES));
        assertThat(run("--steps", "4", "--resume", "--out", out.toString())).isZero();
        assertThat(steps(out.resolve(LanguageRun.METRICS))).containsExactly(2L, 4L);
        assertThat(Files.readAllLines(out.resolve(LanguageRun.SAMPLES))).isEqualTo(lastSamples);
        assertThat(firstSamples).hasSize(16);
    }

    @Test
    void resumingOnAnotherCorpusIsRefusedByItsVocabulary() throws IOException {
        Path out = dir.resolve("run");
        assertThat(run("--steps", "2", "--out", out.toString())).isZero();
        List<String> other = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            other.add("xyz " + i);
        }
        Path otherCorpus = Files.write(dir.resolve("other.txt"), other);
        String err = CliRuns.assertBadInput("vocabulary", "language", "--corpus", otherCorpus.toString(), "--steps", "3", "--resume",
                "--dim", "4", "--samples", "16", "--eval-every", "2", "--out", out.toString());
        assertThat(err).contains(out.resolve(LanguageRun.VOCABULARY).toString());
    }

    @Test
    void badSettingsFailWithTheOptionNamedAndWriteNothing() throws IOException {
        Path out = dir.resolve("never");
        CliRuns.assertBadInput("--objective", "language", "--corpus", corpus.toString(), "--objective", "lsgan", "--out", out.toString());
        CliRuns.assertBadInput("--preset", "language", "--corpus", corpus.toString(), "--preset", "huge", "--out", out.toString());
        CliRuns.assertBadInput("--steps", "language", "--corpus", corpus.toString(), "--steps", "0", "--out", out.toString());
        CliRuns.assertBadInput("--eval-every", "language", "--corpus", corpus.toString(), "--eval-every", "0", "--out", out.toString());
        CliRuns.assertBadInput("--vocabulary", "language", "--corpus", corpus.toString(), "--vocabulary", "1", "--out", out.toString());
        Path binary = Files.write(dir.resolve("weights.bin"), new byte[] {1, 0, 2, 0});
        CliRuns.assertBadInput("binary", "language", "--corpus", binary.toString(), "--out", out.toString());
        CliRuns.assertBadInput("no-such-corpus", "language", "--corpus", "no-such-corpus", "--out", out.toString());
        // Issue 17, item 6: sizes that failed after training had started (an overflow, a native out-of-memory) are refused first.
        CliRuns.assertBadInput("samples: 2,000,000,000 sentences are too many to score at once; at most ", "language", "--corpus",
                corpus.toString(), "--samples", "2000000000", "--out", out.toString());
        CliRuns.assertBadInput("--dim: 1,000,000 makes networks of about ", "language", "--corpus", corpus.toString(), "--dim", "1000000",
                "--out", out.toString());
        assertThat(out).doesNotExist();
    }

    /** Issue 18: objectives and seeds as runs of a job array, collected into one table, JS-4 mean per objective. */
    @Test
    void objectivesAndSeedsRunOneByOneAndCollectIntoOneTable() throws IOException {
        Path out = dir.resolve("sweep");
        List<String> sweep = List.of("--objectives", "wgan-gp,minimax", "--seeds", "1,2", "--steps", "2", "--out", out.toString());
        List<String> listing = new ArrayList<>(List.of("language", "--corpus", corpus.toString(), "--list-runs"));
        listing.addAll(sweep);
        assertThat(CliRuns.stdout(listing.toArray(String[]::new)).lines())
                .containsExactly("0 wgan-gp_seed1", "1 wgan-gp_seed2", "2 minimax_seed1", "3 minimax_seed2");
        List<String> one = new ArrayList<>(List.of("--run-index", "2"));
        one.addAll(sweep);
        assertThat(run(one.toArray(String[]::new))).isZero();
        assertThat(out.resolve("minimax_seed1").resolve(LanguageRun.SUMMARY)).isRegularFile();
        assertThat(out.resolve("wgan-gp_seed1")).doesNotExist();
        List<String> collect = new ArrayList<>(List.of("--collect"));
        collect.addAll(sweep);
        List<String> collectArgs = new ArrayList<>(List.of("language", "--corpus", corpus.toString()));
        collectArgs.addAll(collect);
        assertThat(CliRuns.stderr(collectArgs.toArray(String[]::new)))
                .contains("3 of 4 runs missing (not finished): wgan-gp_seed1, wgan-gp_seed2, minimax_seed2");
        assertThat(run(sweep.toArray(String[]::new))).isZero(); // the rest, then the table; minimax_seed1 is not trained again
        JsonObject results = json(out.resolve("results.json"));
        assertThat(results.getAsJsonArray("runs")).hasSize(4);
        assertThat(results.getAsJsonArray("by_objective")).hasSize(2);
        JsonObject gp = results.getAsJsonArray("by_objective").get(0).getAsJsonObject();
        assertThat(gp.get("objective").getAsString()).isEqualTo("wgan-gp");
        assertThat(gp.get("seeds").getAsInt()).isEqualTo(2);
        double a = json(out.resolve("wgan-gp_seed1").resolve(LanguageRun.SUMMARY)).get("js4").getAsDouble();
        double b = json(out.resolve("wgan-gp_seed2").resolve(LanguageRun.SUMMARY)).get("js4").getAsDouble();
        assertThat(gp.get("mean_js4").getAsDouble()).isCloseTo((a + b) / 2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(out.resolve("js.png")).isRegularFile();
        assertThat(Files.readString(out.resolve("results.md"))).contains("| minimax_seed2 |").contains("| wgan-gp | 2 |");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("language", "--corpus", corpus.toString(), "--dim", "4", "--samples", "16",
                "--eval-every", "2"));
        all.addAll(List.of(args));
        return GanCli.execute(all.toArray(String[]::new));
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<Long> steps(Path jsonl) throws IOException {
        return Files.readAllLines(jsonl).stream().filter(l -> !l.isBlank())
                .map(l -> JsonParser.parseString(l).getAsJsonObject().get("step").getAsLong()).toList();
    }

    private static void assertImage(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("PNG %s", png).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(100);
    }
}
