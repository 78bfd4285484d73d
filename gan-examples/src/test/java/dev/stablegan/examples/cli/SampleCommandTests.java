package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stablegan.djl.train.TrainedGenerator;
import dev.stablegan.examples.GanCli;
import dev.stablegan.examples.toy.ToyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTests {
    @TempDir
    Path dir;

    /**
     * Issue 17, item 6: a count past what one array holds threw NegativeArraySizeException or ran out of memory; now
     * samples are made and written in parts (equal to one draw), and a file larger than the free space is refused first.
     */
    @Test
    void largeCountsAreWrittenInPartsEqualToOneDrawAndAFileTooLargeForTheDiskIsRefused() throws IOException {
        Path run = dir.resolve("quickstart");
        assertThat(GanCli.execute("toy", "--steps", "2", "--out", run.toString())).isZero();
        Path csv = dir.resolve("samples.csv");
        int count = 2 * SampleCommand.CHUNK + 17;
        assertThat(GanCli.execute("sample", "--checkpoint", run.resolve(ToyRun.CHECKPOINT).toString(), "--count",
                String.valueOf(count), "--seed", "7", "--out", csv.toString())).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(count);
        try (TrainedGenerator g = TrainedGenerator.load(run.resolve(ToyRun.CHECKPOINT))) {
            float[][] expected = g.sample(count, 7L);
            for (int i : new int[] {0, SampleCommand.CHUNK - 1, SampleCommand.CHUNK, SampleCommand.CHUNK + 1, count - 1}) {
                String[] cells = lines.get(i).split(",");
                assertThat(Float.parseFloat(cells[0])).as("row %d", i).isCloseTo(expected[i][0], within(1e-5f));
                assertThat(Float.parseFloat(cells[1])).as("row %d", i).isCloseTo(expected[i][1], within(1e-5f));
            }
        }
        assertThatThrownBy(() -> SampleCommand.requireRoomFor(2_000_000_000, 2, csv, 1L << 30))
                .hasMessage("--count: 2,000,000,000 samples of 2 values make up to 53,405 MB of CSV in " + csv
                        + ", but its file system has 1,024 MB free");
        SampleCommand.requireRoomFor(1000, 2, csv, 28_000); // 1000 x 2 x 14 bytes fit exactly
    }
}
