package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.examples.GanCli;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ToyGradientsCommandTests {
    private static final List<String> METHODS = List.of("clip 0.1", "clip 0.01", "clip 0.001", "gradient penalty");

    @TempDir
    Path folder;

    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** Runs the command as picocli does, keeping the exception a failing call throws. */
    private int execute(String... args) {
        CommandLine cli = new CommandLine(new ToyGradientsCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            failure.set(e);
            return 2;
        });
        return cli.execute(args);
    }

    @Test
    void writesTwelveLayerNormsPerMethodAndAChart() throws IOException {
        Path out = folder.resolve("fig1b");

        int code = execute("--out", out.toString(), "--steps", "2", "--width", "8", "--batch", "8", "--threads", "1");

        assertThat(failure.get()).isNull();
        assertThat(code).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve(ToyGradientsCommand.JSON_FILE)))
                .getAsJsonObject();
        assertThat(json.get("norm").getAsString()).isEqualTo("frobenius-over-batch");
        assertThat(json.getAsJsonObject("settings").get("steps").getAsInt()).isEqualTo(2);
        assertThat(json.getAsJsonObject("settings").get("width").getAsInt()).isEqualTo(8);
        JsonObject methods = json.getAsJsonObject("methods");
        assertThat(methods.keySet()).containsExactlyElementsOf(METHODS);
        for (String method : METHODS) {
            assertThat(methods.getAsJsonObject(method).getAsJsonArray("log10Norms")).as(method).hasSize(12);
        }
        assertThat(methods.getAsJsonObject("clip 0.01").get("clip").getAsDouble()).isEqualTo(0.01);
        assertThat(methods.getAsJsonObject("gradient penalty").get("lambda").getAsDouble()).isEqualTo(0.1);
        assertThat(methods.getAsJsonObject("gradient penalty").get("optimizer").getAsString()).startsWith("Adam");
        assertThat(methods.getAsJsonObject("clip 0.1").get("optimizer").getAsString()).startsWith("RMSProp");
        BufferedImage png = ImageIO.read(out.resolve(ToyGradientsCommand.PNG_FILE).toFile());
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isGreaterThan(300);
    }

    @Test
    void rejectsZeroStepsBeforeWritingAnything() {
        Path out = folder.resolve("never");

        int code = execute("--out", out.toString(), "--steps", "0");

        assertThat(code).isEqualTo(2);
        assertThat(failure.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--steps");
        assertThat(out).doesNotExist();
    }

    @Test
    void theLauncherRunsItAsToyGradientsWithExitCodeTwoForBadInput() {
        Path out = folder.resolve("never");
        assertThat(GanCli.execute("toy-gradients", "--out", out.toString(), "--steps", "0"))
                .isEqualTo(GanCli.EXIT_BAD_INPUT);
        assertThat(out).doesNotExist();
    }

    @Test
    void rejectsNonPositiveWidthAndBatch() {
        execute("--out", folder.resolve("w").toString(), "--width", "0");
        assertThat(failure.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--width");
        execute("--out", folder.resolve("b").toString(), "--batch", "-3");
        assertThat(failure.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--batch");
    }

    @Test
    void namesAnUnwritableOutputFolderBeforeTraining() throws IOException {
        Path blocker = Files.writeString(folder.resolve("a-file"), "not a folder");
        Path out = blocker.resolve("fig1b");

        int code = execute("--out", out.toString(), "--steps", "100000");

        assertThat(code).isEqualTo(2);
        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessageContaining(out.toString());
    }

    /**
     * The default run (a few minutes): weight clipping at 0.1 makes the gradient grow toward the input, at 0.01
     * and 0.001 shrink, while the gradient penalty keeps it within about a decade (WGAN-GP Figure 1b).
     */
    @Test
    @Tag("long")
    void defaultRunShowsExplodingAndVanishingGradientsOnlyWithClipping() throws IOException {
        Path out = folder.resolve("default");

        assertThat(execute("--out", out.toString())).isZero();

        JsonObject methods = JsonParser.parseString(Files.readString(out.resolve(ToyGradientsCommand.JSON_FILE)))
                .getAsJsonObject().getAsJsonObject("methods");
        double[] clip1 = log10Norms(methods, "clip 0.1");
        double[] clip01 = log10Norms(methods, "clip 0.01");
        double[] clip001 = log10Norms(methods, "clip 0.001");
        double[] gp = log10Norms(methods, "gradient penalty");
        assertThat(clip1[0] - clip1[11]).as("clip 0.1 explodes toward the input").isGreaterThan(3);
        assertThat(clip01[0] - clip01[11]).as("clip 0.01 vanishes toward the input").isLessThan(-5);
        assertThat(clip001[0] - clip001[11]).as("clip 0.001 vanishes faster").isLessThan(clip01[0] - clip01[11]);
        for (int l = 0; l < 12; l++) {
            assertThat(gp[l]).as("gradient penalty, layer " + (l + 1)).isBetween(-2.0, 1.0);
        }
    }

    private static double[] log10Norms(JsonObject methods, String method) {
        List<Double> values = new ArrayList<>();
        for (JsonElement e : methods.getAsJsonObject(method).getAsJsonArray("log10Norms")) {
            values.add(e.isJsonNull() ? Double.NEGATIVE_INFINITY : e.getAsDouble());
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
