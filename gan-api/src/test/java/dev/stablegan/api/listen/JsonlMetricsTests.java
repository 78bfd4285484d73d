package dev.stablegan.api.listen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.api.RunSummary;
import dev.stablegan.api.StepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMetricsTests {
    @TempDir
    Path dir;

    private static StepReport report(long step) {
        return new StepReport(step, 10, Map.of("critic_loss", step * 0.5), 0.01);
    }

    /** A run of {@code steps} steps from the start, written every {@code every} steps into {@code file}. */
    private static void writeRun(Path file, int every, long steps) throws Exception {
        JsonlMetrics metrics = new JsonlMetrics(file, every);
        metrics.onStart(null, 0);
        for (long s = 1; s <= steps; s++) {
            metrics.onStep(report(s));
        }
        metrics.onEnd(new RunSummary(steps, 1, Map.of()));
    }

    @Test
    void writesEveryNthStepAndTheLast() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        writeRun(file, 4, 10);
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"step\":4,\"seconds\":0.01,\"critic_loss\":2.0}",
                "{\"step\":8,\"seconds\":0.01,\"critic_loss\":4.0}",
                "{\"step\":10,\"seconds\":0.01,\"critic_loss\":5.0}");
    }

    @Test
    void resumingDropsLinesPastTheCheckpointStep() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        writeRun(file, 1, 7);
        JsonlMetrics resumed = new JsonlMetrics(file, 1);
        resumed.onStart(null, 5);
        resumed.onStep(report(6));
        resumed.onEnd(new RunSummary(6, 1, Map.of()));
        assertThat(Files.readAllLines(file)).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("{\"step\":1", "{\"step\":2", "{\"step\":3", "{\"step\":4", "{\"step\":5", "{\"step\":6");
    }
}
