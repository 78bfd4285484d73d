package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchMetricsCommandTests {
    @Test
    void timesEachChosenMetricAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("metrics.json");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchMetricsCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        int exit = cli.execute("--samples", "1001", "--dim", "3", "--metrics", "fid,kid", "--threads", "1", "--json", json.toString());
        assertThat(exit).isZero();
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(root.get("samples").getAsInt()).isEqualTo(1001);
        assertThat(root.getAsJsonObject("fid").get("seconds").getAsDouble()).isPositive();
        assertThat(root.getAsJsonObject("kid").get("value").getAsDouble()).isFinite();
        assertThat(root.has("prdc")).isFalse();
        assertThat(JsonParser.parseString(out.toString()).getAsJsonObject()).isEqualTo(root);
    }

    @Test
    void anUnknownMetricIsRefusedByName() {
        CommandLine cli = new CommandLine(new BenchMetricsCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int exit = cli.execute("--metrics", "fid,bleu", "--threads", "1");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("bleu");
    }
}
