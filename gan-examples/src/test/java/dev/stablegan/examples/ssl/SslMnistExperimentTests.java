package dev.stablegan.examples.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.examples.data.LabelledImages;
import dev.stablegan.examples.data.SyntheticDigits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semi-supervised experiment end to end on a tiny synthetic set (the real run needs MNIST and an hour). */
class SslMnistExperimentTests {
    @TempDir
    Path dir;

    @Test
    void writesTheSummaryCurveAndPicturesForTheGanAndTheBaseline() throws IOException {
        LabelledImages train = SyntheticDigits.squares("train", 400, 0);
        LabelledImages test = SyntheticDigits.squares("test", 100, 1);
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
        }
    }

    @Test
    void theLabelledExamplesAreAnEqualShareOfEveryClassChosenBySeed() {
        LabelledImages train = SyntheticDigits.squares("train", 400, 0);
        int[] chosen = SslMnistExperiment.chooseLabelled(train, 30, 9L);
        int[] perClass = new int[10];
        Set<Integer> distinct = new HashSet<>();
        for (int i : chosen) {
            perClass[train.label(i)]++;
            distinct.add(i);
        }
        assertThat(perClass).containsOnly(3);
        assertThat(distinct).hasSize(30);
        assertThat(SslMnistExperiment.chooseLabelled(train, 30, 9L)).containsExactly(chosen);
        assertThat(SslMnistExperiment.chooseLabelled(train, 30, 10L)).isNotEqualTo(chosen);
    }

    @Test
    void theLearningRateFallsLinearlyToZeroAfterTheDecayEpoch() {
        SslMnistExperiment.Settings s = new SslMnistExperiment.Settings(10, 1, 4, true, 10,
                dev.stablegan.api.TechniquesSpec.FeatureDistance.MEAN_ABSOLUTE, 0, 2);
        assertThat(SslMnistExperiment.learningRateFactor(s, 0, 10)).isEqualTo(1.0);
        assertThat(SslMnistExperiment.learningRateFactor(s, 19, 10)).isEqualTo(1.0);
        assertThat(SslMnistExperiment.learningRateFactor(s, 20, 10)).isEqualTo(1.0);
        assertThat(SslMnistExperiment.learningRateFactor(s, 30, 10)).isEqualTo(0.5);
        assertThat(SslMnistExperiment.learningRateFactor(s, 39, 10)).isEqualTo(0.05);
        assertThat(SslMnistExperiment.learningRateFactor(new SslMnistExperiment.Settings(10, 1, 4, true, 10), 39, 10)).isEqualTo(1.0);
        assertThatThrownBy(() -> new SslMnistExperiment.Settings(10, 1, 4, true, 10,
                dev.stablegan.api.TechniquesSpec.FeatureDistance.MEAN_ABSOLUTE, 0, 4)).hasMessageContaining("--decay-from");
    }

    @Test
    void badSettingsAreRefusedByOption() {
        assertThatThrownBy(() -> new SslMnistExperiment.Settings(15, 1, 1, true, 0)).hasMessageContaining("--labels");
        assertThatThrownBy(() -> new SslMnistExperiment.Settings(10, 1, 0, true, 0)).hasMessageContaining("--epochs");
        LabelledImages train = SyntheticDigits.squares("train", 40, 0);
        assertThatThrownBy(() -> SslMnistExperiment.chooseLabelled(train, 60, 1L)).hasMessageContaining("class");
    }

    private static ConsoleProgress quiet() {
        return new ConsoleProgress(new PrintStream(OutputStream.nullOutputStream()), 1000, false);
    }
}
