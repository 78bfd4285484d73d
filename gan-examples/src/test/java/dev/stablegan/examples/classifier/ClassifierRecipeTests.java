package dev.stablegan.examples.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.eval.features.Extraction;
import dev.stablegan.eval.features.LeNet;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.eval.features.Sha256;
import dev.stablegan.examples.data.SyntheticDigits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier recipe end to end on a tiny synthetic set: learns, writes weights with their card, reproduces itself. */
class ClassifierRecipeTests {
    @TempDir
    Path dir;

    @Test
    void learnsAToySetWritesACardAndRepeatsItselfBitForBit() throws IOException {
        LabelledImages train = SyntheticDigits.squares("train", 300, 0);
        LabelledImages test = SyntheticDigits.squares("test", 100, 1);
        ClassifierRecipe.Settings settings = new ClassifierRecipe.Settings("lenet-squares", "LeNet-Squares", "squares",
                "synthetic squares", 3, 5L, 0);
        ClassifierRecipe.Outcome first = ClassifierRecipe.run(settings, train, test, Files.createDirectories(dir.resolve("a")), quiet());
        ClassifierRecipe.Outcome again = ClassifierRecipe.run(settings, train, test, Files.createDirectories(dir.resolve("b")), quiet());
        ClassifierRecipe.Outcome otherSeed = ClassifierRecipe.run(new ClassifierRecipe.Settings("lenet-squares", "LeNet-Squares",
                "squares", "synthetic squares", 3, 6L, 0), train, test, Files.createDirectories(dir.resolve("c")), quiet());

        assertThat(first.testAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(Sha256.of(again.params())).isEqualTo(Sha256.of(first.params()));
        assertThat(Sha256.of(otherSeed.params())).isNotEqualTo(Sha256.of(first.params()));

        JsonObject card = JsonParser.parseString(Files.readString(first.card())).getAsJsonObject();
        assertThat(card.get("sha256").getAsString()).isEqualTo(Sha256.of(first.params()));
        assertThat(card.get("test_errors").getAsInt()).isEqualTo(first.testErrors());
        assertThat(card.getAsJsonObject("recipe").get("seed").getAsLong()).isEqualTo(5L);
        JsonObject baselines = card.getAsJsonObject("baselines");
        assertThat(baselines.get("fid_train_vs_test").getAsDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(baselines.get("score_test").getAsDouble()).isBetween(1.0, 10.0);

        try (LeNetClassifier loaded = LeNetClassifier.load(first.params(), first.card())) {
            Extraction e = loaded.extract(ClassifierRecipe.asImages(test, 10));
            assertThat(e.features().cols()).isEqualTo(LeNet.FEATURE_DIM);
            assertThat(e.probabilities().cols()).isEqualTo(LeNet.CLASSES);
            int[] predicted = loaded.predict(ClassifierRecipe.asImages(test, test.count()));
            int errors = 0;
            for (int i = 0; i < test.count(); i++) {
                errors += predicted[i] == test.label(i) ? 0 : 1;
            }
            assertThat(errors).isEqualTo(first.testErrors());
            assertThat(loaded.describe()).containsEntry("sha256", Sha256.of(first.params()));
        }
    }

    private static ConsoleProgress quiet() {
        return new ConsoleProgress(new PrintStream(OutputStream.nullOutputStream()), 1000, false);
    }
}
