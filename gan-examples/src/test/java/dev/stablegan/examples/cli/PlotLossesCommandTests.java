package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.examples.GanCli;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotLossesCommandTests {
    @TempDir
    Path dir;

    @Test
    void aMetricsFileBecomesAPictureAndBadFilesAreNamed() throws IOException {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"),
                "{\"step\":1,\"critic_loss\":-0.5,\"wasserstein_estimate\":0.5}\n{\"step\":2,\"critic_loss\":-0.7,\"wasserstein_estimate\":0.7}\n");
        Path png = dir.resolve("losses.png");
        assertThat(GanCli.execute("plot-losses", metrics.toString(), "--out", png.toString())).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(100);

        Path none = Files.writeString(dir.resolve("none.jsonl"), "{\"step\":1,\"js4\":0.9}\n");
        assertThat(err("plot-losses", none.toString(), "--out", dir.resolve("x.png").toString())).contains("nothing to plot");
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"step\":1,\"critic_loss\":1}\nnot json\n");
        assertThat(err("plot-losses", broken.toString(), "--out", dir.resolve("y.png").toString())).contains("line 2");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    private static String err(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            code = GanCli.execute(args);
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(GanCli.EXIT_BAD_INPUT);
        return err.toString(StandardCharsets.UTF_8);
    }
}
