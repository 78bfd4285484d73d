package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.examples.GanCli;
import java.awt.image.BufferedImage;
import java.io.IOException;
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
        CliRuns.assertBadInput("nothing to plot", "plot-losses", none.toString(), "--out", dir.resolve("x.png").toString());
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"step\":1,\"critic_loss\":1}\nnot json\n");
        CliRuns.assertBadInput("line 2", "plot-losses", broken.toString(), "--out", dir.resolve("y.png").toString());
        assertThat(dir.resolve("x.png")).doesNotExist();
        // Issue 17, item 8: a binary file was "Input length = 1".
        Path binary = Files.write(dir.resolve("checkpoint.ckpt"), new byte[] {0x53, 0x54, (byte) 0xff, (byte) 0xfe, 0, 1, 2});
        CliRuns.assertBadInput(binary + ": not a text file of JSON lines (it holds bytes that are not UTF-8 text)", "plot-losses",
                binary.toString(), "--out", dir.resolve("z.png").toString());
        assertThat(dir.resolve("z.png")).doesNotExist();
    }
}
