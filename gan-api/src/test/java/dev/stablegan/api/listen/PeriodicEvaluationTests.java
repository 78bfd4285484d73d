package dev.stablegan.api.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.api.StepReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: the one listener the experiments measure with. */
class PeriodicEvaluationTests {
    @TempDir
    Path dir;

    private static StepReport step(long step, long total) {
        return new StepReport(step, total, Map.of("wasserstein_estimate", 0.5 * step), 0.1);
    }

    @Test
    void measuresEveryNStepsAndAtTheLastWithTheStepFirstAndTheMeasuresInOrder() throws IOException {
        Path file = dir.resolve("scores.jsonl");
        PeriodicEvaluation evaluation = new PeriodicEvaluation(file, 2, report -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("score", 10 * report.step());
            m.put("w", report.scalars().get("wasserstein_estimate"));
            return m;
        });
        for (long s = 1; s <= 5; s++) {
            evaluation.onStep(step(s, 5));
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"step\":2,\"score\":20,\"w\":1.0}", "{\"step\":4,\"score\":40,\"w\":2.0}",
                "{\"step\":5,\"score\":50,\"w\":2.5}");
    }

    @Test
    void withoutTheLastStepAndANullMeasureNothingIsWritten() throws IOException {
        Path file = dir.resolve("modes.jsonl");
        PeriodicEvaluation evaluation = new PeriodicEvaluation(file, 2, false, report -> report.step() == 2 ? null : Map.of("m", 1));
        for (long s = 1; s <= 5; s++) {
            evaluation.onStep(step(s, 5));
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"step\":4,\"m\":1}");
    }

    @Test
    void aFailedMeasurementNamesTheFileAndABadIntervalIsRefused() {
        Path file = dir.resolve("curves.jsonl");
        PeriodicEvaluation evaluation = new PeriodicEvaluation(file, 1, report -> {
            throw new IOException("scorer weights unreadable");
        });
        assertThatThrownBy(() -> evaluation.onStep(step(1, 3))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("scorer weights unreadable");
        assertThatThrownBy(() -> new PeriodicEvaluation(file, 0, report -> null)).hasMessageContaining("interval");
    }
}
