package dev.stablegan.examples.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.data.images.InMemoryImages;
import dev.stablegan.examples.data.SyntheticDigits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverfittingExperimentTests {
    @TempDir
    Path dir;

    private final PrintWriter log = new PrintWriter(new StringWriter(), true);

    @Test
    void bothMethodsWriteTrainingAndHeldOutLossesEveryFewStepsAndResume() throws IOException {
        InMemoryImages all = SyntheticDigits.squares("all", 40, 0).toImages(16);
        OverfittingExperiment.Settings s = new OverfittingExperiment.Settings(List.of(RobustnessMethod.WGAN_GP, RobustnessMethod.WGAN_CLIP),
                16, 4, 4, 10, 2, 3);
        OverfittingExperiment.run(s, all, dir, log);
        for (String m : List.of("wgan-gp", "wgan-clip")) {
            List<String> lines = Files.readAllLines(dir.resolve(m).resolve("curves.jsonl"));
            assertThat(lines).hasSize(2);
            JsonObject last = JsonParser.parseString(lines.get(1)).getAsJsonObject();
            assertThat(last.get("step").getAsLong()).isEqualTo(4);
            assertThat(last.get("train_critic_loss").getAsDouble()).isFinite();
            assertThat(last.get("heldout_critic_loss").getAsDouble()).isFinite();
        }
        assertThat(dir.resolve("overfitting.png")).isRegularFile();
        // Longer: continues from the checkpoint and keeps one line per evaluation.
        OverfittingExperiment.Settings longer = new OverfittingExperiment.Settings(s.methods(), 16, 4, 6, 10, 2, 3);
        OverfittingExperiment.run(longer, all, dir, log);
        assertThat(Files.readAllLines(dir.resolve("wgan-gp").resolve("curves.jsonl"))).hasSize(3);
        assertThat(OverfittingExperiment.spec(s, RobustnessMethod.WGAN_GP, 1).critic())
                .isEqualTo(new NetworkSpec.ImageCritic(dev.stablegan.api.ImageArchitecture.DCGAN, 1, 16, 4, NetworkSpec.Normalization.NONE));
    }

    /** Issue 18: methods as runs of a job array, collected into the single process's curves. */
    @Test
    void methodsRunOneByOneAndCollectedEqualTheSingleProcess() throws IOException {
        InMemoryImages all = SyntheticDigits.squares("all", 40, 0).toImages(16);
        OverfittingExperiment.Settings s = new OverfittingExperiment.Settings(List.of(RobustnessMethod.WGAN_GP, RobustnessMethod.LSGAN),
                16, 4, 4, 10, 2, 3);
        assertThat(OverfittingExperiment.runNames(s)).containsExactly("wgan-gp", "lsgan");
        OverfittingExperiment.run(s, all, dir.resolve("single"), log);
        OverfittingExperiment.runOne(s, "lsgan", all, dir.resolve("tasks"), log);
        OverfittingExperiment.runOne(s, "wgan-gp", all, dir.resolve("tasks"), log);
        OverfittingExperiment.collect(s, dir.resolve("tasks"), log);
        for (String m : List.of("wgan-gp", "lsgan")) {
            assertThat(dir.resolve("tasks").resolve(m).resolve("curves.jsonl"))
                    .hasSameTextualContentAs(dir.resolve("single").resolve(m).resolve("curves.jsonl"));
        }
        assertThat(dir.resolve("tasks").resolve("overfitting.png")).isRegularFile();
        assertThatThrownBy(() -> OverfittingExperiment.runOne(s, "hinge", all, dir.resolve("tasks"), log)).hasMessageContaining("'hinge'");
    }

    @Test
    void theSubsetAndTheHeldOutImagesAreDisjointAndSeeded() throws IOException {
        byte[] pixels = new byte[30 * 64];
        for (int i = 0; i < 30; i++) {
            Arrays.fill(pixels, i * 64, (i + 1) * 64, (byte) i);
        }
        InMemoryImages all = new InMemoryImages("numbered", 30, 1, 8, 8, pixels);
        InMemoryImages[] a = OverfittingExperiment.split(all, 10, 1);
        InMemoryImages[] b = OverfittingExperiment.split(all, 10, 1);
        assertThat(a[0].pixels()).isEqualTo(b[0].pixels());
        for (int i = 0; i < 10; i++) {
            byte id = a[0].image(i)[0];
            for (int j = 0; j < 10; j++) {
                assertThat(a[1].image(j)[0]).isNotEqualTo(id);
            }
        }
        assertThatThrownBy(() -> OverfittingExperiment.split(all, 16, 1)).hasMessageContaining("--train-images");
    }
}
