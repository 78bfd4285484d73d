package dev.stablegan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.djl.EngineSetup;
import dev.stablegan.djl.train.TrainedGenerator;
import dev.stablegan.examples.toy.ToyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use from an application" snippet, run as written: an application loads a checkpoint that
 * {@code ./gan toy} wrote and draws samples with {@link TrainedGenerator} alone.
 */
class ApplicationUseTests {
    @TempDir
    Path dir;

    @Test
    void anApplicationSamplesATrainedGeneratorWithoutTrainingCode() throws IOException {
        Path run = dir.resolve("quickstart");
        assertThat(GanCli.execute("toy", "--steps", "3", "--out", run.toString())).isZero();
        Path checkpoint = run.resolve(ToyRun.CHECKPOINT);

        // --- the README snippet ---
        EngineSetup.configure(1);
        float[][] points;
        try (TrainedGenerator g = TrainedGenerator.load(checkpoint)) {
            points = g.sample(1000, 42L);
            assertThat(g.step()).isEqualTo(3);
        }
        // --- end of snippet ---

        assertThat(points).hasNumberOfRows(1000);
        assertThat(points[0]).hasSize(2);
        try (TrainedGenerator again = TrainedGenerator.load(checkpoint)) {
            assertThat(again.sample(1000, 42L)).isDeepEqualTo(points);
            assertThat(again.sample(1000, 43L)).isNotEqualTo(points);
        }
    }

    @Test
    void theSampleCommandWritesTheSameSamplesAsCsv() throws IOException {
        Path run = dir.resolve("quickstart");
        assertThat(GanCli.execute("toy", "--steps", "2", "--out", run.toString())).isZero();
        Path csv = dir.resolve("samples.csv");
        assertThat(GanCli.execute("sample", "--checkpoint", run.resolve(ToyRun.CHECKPOINT).toString(), "--count", "5",
                "--seed", "7", "--out", csv.toString())).isZero();

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5);
        try (TrainedGenerator g = TrainedGenerator.load(run.resolve(ToyRun.CHECKPOINT))) {
            float[][] expected = g.sample(5, 7L);
            for (int i = 0; i < 5; i++) {
                String[] cells = lines.get(i).split(",");
                assertThat(Float.parseFloat(cells[0])).isCloseTo(expected[i][0], within(1e-5f));
                assertThat(Float.parseFloat(cells[1])).isCloseTo(expected[i][1], within(1e-5f));
            }
        }
    }
}
