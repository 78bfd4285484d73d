package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.examples.GanCli;
import dev.stablegan.examples.ssl.SslRunFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslSeedsCommandTests {
    @TempDir
    Path dir;

    private Path run(String name, long seed, int... curve) throws IOException {
        return SslRunFixtures.finishedRun(dir, name, seed, 100, curve);
    }

    @Test
    void runsStillTrainingAreComparedAtTheLastEpochAllReachedOnlyWhenAsked() throws IOException {
        Path three = SslRunFixtures.tinyRun(dir, "three", 5L, 3, true);
        Path two = SslRunFixtures.tinyRun(dir, "two", 6L, 2, false);

        CliRuns.assertBadInput("summary.json: missing", "ssl-seeds", three.toString(), two.toString());
        JsonObject out = JsonParser.parseString(CliRuns.stdout("ssl-seeds", "--in-progress", three.toString(), two.toString()))
                .getAsJsonObject();

        assertThat(out.getAsJsonObject("at_epoch").get("epoch").getAsInt()).isEqualTo(2);
        var runs = out.getAsJsonArray("runs");
        assertThat(runs.get(0).getAsJsonObject().get("finished").getAsBoolean()).isFalse();
        assertThat(runs.get(0).getAsJsonObject().get("epochs").getAsInt()).as("cut at the common epoch").isEqualTo(2);
        assertThat(runs.get(1).getAsJsonObject().has("finished")).as("a finished run says nothing more").isFalse();
        double mean = (runs.get(0).getAsJsonObject().get("test_errors").getAsInt() + runs.get(1).getAsJsonObject().get("test_errors")
                .getAsInt()) / 2.0;
        assertThat(out.getAsJsonObject("at_epoch").get("mean_errors").getAsDouble()).isEqualTo(mean);
    }

    @Test
    void printsTheSpreadAsOneJsonObject() throws IOException {
        Path a = run("a", 1, 120, 93);
        Path b = run("b", 2, 130, 90);
        Path c = run("c", 3, 140, 99);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        try (PrintStream capture = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = GanCli.execute("ssl-seeds", a.toString(), b.toString(), c.toString(), "--plot", dir.resolve("seeds.png").toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        JsonObject o = JsonParser.parseString(stdout.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject at = o.getAsJsonObject("at_epoch");
        assertThat(at.get("epoch").getAsInt()).isEqualTo(2);
        assertThat(at.get("mean_errors").getAsDouble()).isEqualTo(94.0);
        assertThat(at.get("std_errors").getAsDouble()).isEqualTo(Math.sqrt(21));
        assertThat(o.getAsJsonArray("runs")).hasSize(3);
        assertThat(ImageIO.read(dir.resolve("seeds.png").toFile()).getWidth()).isGreaterThan(100);
    }

    @Test
    void badRunsAreOneErrorLine() throws IOException {
        Path a = run("a", 1, 93);
        Path again = run("again", 1, 95);
        Path unfinished = Files.createDirectories(dir.resolve("unfinished"));
        CliRuns.assertBadInput("summary.json: missing", "ssl-seeds", a.toString(), unfinished.toString());
        CliRuns.assertBadInput("seed 1 appears twice", "ssl-seeds", a.toString(), again.toString());
        CliRuns.assertBadInput("no epoch 5", "ssl-seeds", a.toString(), run("b", 2, 90).toString(), "--at-epoch", "5");
        CliRuns.assertBadInput("--at-epoch", "ssl-seeds", a.toString(), run("c", 3, 90).toString(), "--at-epoch", "-1");
    }
}
