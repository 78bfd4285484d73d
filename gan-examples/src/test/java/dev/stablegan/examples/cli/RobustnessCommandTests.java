package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./gan robustness}: which network scores which data is settled before anything is read or trained. */
class RobustnessCommandTests {
    @TempDir
    Path dir;

    @Test
    void colourDataWithoutAnInceptionIsRefusedByOption() {
        Path out = dir.resolve("out");
        String text = CliRuns.assertBadInput("--extractor", "robustness", "--dataset", "emoji", "--out", out.toString());
        assertThat(text).contains("--extractor").contains("emoji").contains("--inception-file");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aLeNetScoresOnlyItsOwnDataset() {
        assertThat(CliRuns.assertBadInput("lenet-mnist scores only its own dataset", "robustness", "--dataset", "fashion-mnist", "--extractor",
                "lenet-mnist", "--out", dir.resolve("a").toString())).contains("not fashion-mnist");
        CliRuns.assertBadInput("use inception", "robustness", "--dataset", dir.toString(), "--extractor", "lenet-fashion-mnist", "--out",
                dir.resolve("b").toString());
    }

    @Test
    void theInceptionNeedsItsFile() {
        CliRuns.assertBadInput("none ships", "robustness", "--dataset", "emoji", "--extractor", "inception", "--out", dir.resolve("c").toString());
    }
}
