package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTests {

    @Test
    void timesTheToyModelAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        String out = CliRuns.stdout("bench", "--seconds", "0.5", "--warmup", "0", "--models", "toy-mlp", "--matmul-size", "128",
                "--json", json.toString());

        assertThat(out).contains("toy-mlp").contains("java").contains("GFLOP/s").contains("best ms");
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(root.get("threads").getAsInt()).isEqualTo(1);
        assertThat(root.get("matmul_size").getAsInt()).isEqualTo(128);
        assertThat(root.get("matmul_gflops_per_second").getAsDouble()).isPositive();
        assertThat(root.getAsJsonObject("peer").get("status").getAsString()).isEqualTo("not_requested");
        JsonObject toy = root.getAsJsonArray("models").get(0).getAsJsonObject();
        assertThat(toy.get("model").getAsString()).isEqualTo("toy-mlp");
        assertThat(toy.get("batch").getAsInt()).isEqualTo(256);
        assertThat(toy.get("critic_steps").getAsInt()).isEqualTo(5);
        int n = toy.get("iterations").getAsInt();
        double seconds = toy.get("seconds").getAsDouble();
        assertThat(n).isPositive();
        assertThat(seconds).isGreaterThanOrEqualTo(0.5);
        assertThat(toy.get("generator_iterations_per_second").getAsDouble()).isCloseTo(n / seconds,
                withinPercentage(1e-6));
        assertThat(toy.get("ms_per_iteration").getAsDouble() * toy.get("generator_iterations_per_second").getAsDouble())
                .isCloseTo(1000.0, offset(1e-6));
        assertThat(toy.get("min_ms_per_iteration").getAsDouble())
                .isLessThanOrEqualTo(toy.get("ms_per_iteration").getAsDouble() + 1e-9);
        assertThat(toy.get("flops_per_iteration").getAsLong()).isEqualTo(19_116_851_200L);
        assertThat(toy.get("gflops_per_second").getAsDouble()).isCloseTo(19.1168512 * n / seconds,
                withinPercentage(1e-6));
        assertThat(toy.has("peer")).isFalse();
    }

    @Test
    void rejectsBadInputNamingTheOption() {
        assertThatThrownBy(() -> call("--seconds", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--seconds");
        assertThatThrownBy(() -> call("--seconds", "NaN"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--seconds");
        assertThatThrownBy(() -> call("--models", "toy-mlp,resnet"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--models");
        assertThatThrownBy(() -> call("--warmup", "-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--warmup");
        assertThatThrownBy(() -> call("--matmul-size", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--matmul-size");
    }

    private static void call(String... args) throws Exception {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        command.call();
    }
}
