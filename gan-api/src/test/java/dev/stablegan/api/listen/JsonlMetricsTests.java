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

    @Test
    void writesEveryNthStepAndTheLast() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        JsonlMetrics metrics = new JsonlMetrics(file, 4);
        metrics.onStart(null, 0);
        for (long s = 1; s <= 10; s++) {
            metrics.onStep(report(s));
        }
        metrics.onEnd(new RunSummary(10, 1, Map.of()));
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"step\":4,\"seconds\":0.01,\"critic_loss\":2.0}",
                "{\"step\":8,\"seconds\":0.01,\"critic_loss\":4.0}",
                "{\"step\":10,\"seconds\":0.01,\"critic_loss\":5.0}");
    }

    @Test
    void resumingDropsLinesPastTheCheckpointStep() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        JsonlMetrics first = new JsonlMetrics(file, 1);
        first.onStart(null, 0);
        for (long s = 1; s <= 7; s++) {
            first.onStep(report(s));
        }
        first.onEnd(new RunSummary(7, 1, Map.of()));
        JsonlMetrics resumed = new JsonlMetrics(file, 1);
        resumed.onStart(null, 5);
        resumed.onStep(report(6));
        resumed.onEnd(new RunSummary(6, 1, Map.of()));
        assertThat(Files.readAllLines(file)).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("{\"step\":1", "{\"step\":2", "{\"step\":3", "{\"step\":4", "{\"step\":5", "{\"step\":6");
    }
}
