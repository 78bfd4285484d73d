package dev.stablegan.examples.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.data.images.InMemoryImages;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.examples.data.SyntheticDigits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvergenceExperimentTests {
    @TempDir
    Path dir;

    @Test
    void eachVariantLogsItsScoreAgainstTrainingSecondsAndTheFigureIsWritten() throws IOException {
        InMemoryImages train = SyntheticDigits.squares("train", 40, 0).toImages(16);
        ConvergenceExperiment.Settings s = new ConvergenceExperiment.Settings(ConvergenceExperiment.select("wgan-gp-rmsprop,dcgan"), 16, 4, 4,
                2, 20, 3);
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            ConvergenceExperiment.run(s, train, scorer, dir, new PrintWriter(new StringWriter(), true));
        }
        for (String v : List.of("wgan-gp-rmsprop", "dcgan")) {
            List<String> lines = Files.readAllLines(dir.resolve(v).resolve("scores.jsonl"));
            assertThat(lines).hasSize(2);
            JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
            JsonObject second = JsonParser.parseString(lines.get(1)).getAsJsonObject();
            assertThat(second.get("seconds").getAsDouble()).isGreaterThan(first.get("seconds").getAsDouble());
            assertThat(second.get("score").getAsDouble()).isBetween(1.0, 10.0);
        }
        assertThat(dir.resolve("convergence.png")).isRegularFile();
    }

    /** Issue 18: variants as runs of a job array; a collect plots the finished ones and names the others. */
    @Test
    void variantsRunOneByOneAndCollectedEqualTheSingleProcess() throws IOException {
        InMemoryImages train = SyntheticDigits.squares("train", 40, 0).toImages(16);
        ConvergenceExperiment.Settings s = new ConvergenceExperiment.Settings(ConvergenceExperiment.select("wgan-gp-adam,dcgan"), 16, 4, 4,
                2, 20, 3);
        assertThat(ConvergenceExperiment.runNames(s)).containsExactly("wgan-gp-adam", "dcgan");
        Path single = dir.resolve("single");
        Path tasks = dir.resolve("tasks");
        StringWriter text = new StringWriter();
        PrintWriter log = new PrintWriter(text, true);
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            ConvergenceExperiment.run(s, train, scorer, single, log);
            assertThatThrownBy(() -> ConvergenceExperiment.collect(s, scorer.scoreSuffix(), tasks, log)).hasMessageContaining("nothing to collect");
            ConvergenceExperiment.runOne(s, "dcgan", train, scorer, tasks, log);
            assertThat(tasks.resolve("wgan-gp-adam")).doesNotExist();
            ConvergenceExperiment.collect(s, scorer.scoreSuffix(), tasks, log);
            assertThat(text.toString()).contains("1 of 2 runs missing (not finished): wgan-gp-adam");
            ConvergenceExperiment.runOne(s, "wgan-gp-adam", train, scorer, tasks, log);
        }
        for (String v : List.of("wgan-gp-adam", "dcgan")) {
            assertThat(scores(tasks.resolve(v).resolve("scores.jsonl"))).isEqualTo(scores(single.resolve(v).resolve("scores.jsonl")));
            assertThat(tasks.resolve(v).resolve("finished.json")).isRegularFile();
        }
        assertThat(tasks.resolve("convergence.png")).isRegularFile();
    }

    /** The scores of a scores.jsonl, without the seconds. */
    private static List<Double> scores(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> JsonParser.parseString(l).getAsJsonObject().get("score").getAsDouble()).toList();
    }

    @Test
    void theFourCurvesKeepThePapersOptimizers() {
        assertThat(ConvergenceExperiment.select("all")).extracting(ConvergenceExperiment.Variant::id)
                .containsExactly("wgan-clip-rmsprop", "wgan-gp-rmsprop", "wgan-gp-adam", "dcgan");
        assertThat(ConvergenceExperiment.select("wgan-gp-rmsprop").get(0).optimizer()).isEqualTo(new OptimizerSpec.RmsProp(5e-5));
        assertThat(ConvergenceExperiment.select("wgan-gp-adam").get(0).optimizer()).isEqualTo(new OptimizerSpec.Adam(1e-4, 0.5, 0.9));
        assertThatThrownBy(() -> ConvergenceExperiment.select("wgan-gp-sgd")).hasMessageContaining("wgan-gp-sgd");
    }
}
