package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMetricsCommandTests {
    @Test
    void timesEachChosenMetricAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("metrics.json");
        String out = CliRuns.stdout("bench-metrics", "--samples", "1001", "--dim", "3", "--metrics", "fid,kid", "--threads", "1",
                "--json", json.toString());
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(root.get("samples").getAsInt()).isEqualTo(1001);
        assertThat(root.getAsJsonObject("fid").get("seconds").getAsDouble()).isPositive();
        assertThat(root.getAsJsonObject("kid").get("value").getAsDouble()).isFinite();
        assertThat(root.has("prdc")).isFalse();
        assertThat(JsonParser.parseString(out).getAsJsonObject()).isEqualTo(root);
    }

    @Test
    void anUnknownMetricIsRefusedByName() {
        CliRuns.assertBadInput("bleu", "bench-metrics", "--metrics", "fid,bleu", "--threads", "1");
    }
}
