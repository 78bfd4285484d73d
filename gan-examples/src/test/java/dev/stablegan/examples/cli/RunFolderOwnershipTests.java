package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.stablegan.djl.train.CheckpointFile;
import dev.stablegan.examples.GanCli;
import dev.stablegan.examples.toy.ToyRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder has one owner, and a signal saves the run (issue 17, items 1 and 5), checked against a real second
 * process: {@code ./gan toy} started as a child JVM.
 */
class RunFolderOwnershipTests {
    @TempDir
    Path dir;

    private Process startToy(Path out, String... extra) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                GanCli.class.getName(), "toy", "--out", out.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("DJL_OFFLINE", "true");
        return builder.start();
    }

    /** Waits until the child has finished at least {@code steps} logged steps (its metrics file), or fails. */
    private static void awaitTraining(Process child, Path out, long steps, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("child still training: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            Path metrics = out.resolve(ToyRun.METRICS);
            if (Files.exists(metrics) && Files.readAllLines(metrics).size() >= steps) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child did not train within 120 s: " + Files.readString(log));
    }

    @Test
    void aSecondProcessIsRefusedAndSigtermSavesTheStepInProgress() throws Exception {
        Path out = dir.resolve("run");
        // The paper preset: no learning-rate decay, so the run can be resumed with another length (below).
        Process child = startToy(out, "--preset", "paper", "--steps", "100000");
        try {
            awaitTraining(child, out, 1, dir.resolve("child.log"));

            String refused = CliRuns.assertBadInput("in use by pid " + child.pid(), "toy", "--preset", "quick", "--steps", "10",
                    "--out", out.toString());
            assertThat(refused).contains(out.toString());

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits after SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("exit status after SIGTERM: %s", log).isEqualTo(143);
        assertThat(log).contains("SIGTERM: stopping after the current step and writing a checkpoint")
                .containsPattern("stopped by SIGTERM after step \\d+ of 100000: checkpoint .* holds step \\d+; --resume continues");
        long saved = JsonParser.parseString(CheckpointFile.read(out.resolve(ToyRun.CHECKPOINT)).metadataJson())
                .getAsJsonObject().get("step").getAsLong();
        assertThat(log).contains("after step " + saved + " of 100000");
        assertThat(saved).isGreaterThanOrEqualTo(1);
        assertThat(out.resolve(ToyRun.SUMMARY)).as("no summary of a run that did not finish").doesNotExist();

        // The lock went with the process: the same folder now resumes in this one, from the saved step (ending there).
        assertThat(GanCli.execute("toy", "--preset", "paper", "--steps", Long.toString(saved), "--resume", "--out",
                out.toString())).isZero();
        var summary = JsonParser.parseString(Files.readString(out.resolve(ToyRun.SUMMARY))).getAsJsonObject();
        assertThat(summary.get("steps").getAsLong()).isEqualTo(saved);
        assertThat(summary.getAsJsonObject("last_scalars").keySet()).as("the saved step's scalars (issue 17, item 4)")
                .contains("critic_loss", "generator_loss");
    }
}
