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

    /** Issue 18: the runs of a grid are listed by index and name, without data or engine; modes do not mix. */
    @Test
    void runsAreListedByIndexAndNameAndModesAreExclusive() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        int code;
        try (java.io.PrintStream capture = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = dev.stablegan.examples.GanCli.execute("robustness", "--archs", "dcgan,g-mlp", "--methods", "wgan-gp,lsgan",
                    "--list-runs", "--out", dir.resolve("grid").toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
                .containsExactly("0 dcgan_wgan-gp", "1 dcgan_lsgan", "2 g-mlp_wgan-gp", "3 g-mlp_lsgan");
        assertThat(Files.exists(dir.resolve("grid"))).isFalse();
        CliRuns.assertBadInput("choose one", "robustness", "--collect", "--run-index", "0", "--out", dir.resolve("grid").toString());
        CliRuns.assertBadInput("--run-index: 9 is not a run of this sweep; it has runs 0 to 3", "robustness", "--archs", "dcgan,g-mlp",
                "--methods", "wgan-gp,lsgan", "--run-index", "9", "--out", dir.resolve("grid").toString());
    }

    /** Issue 17, item 6: {@code --width 100000} died with a native out-of-memory error; it is refused with the estimate. */
    @Test
    void aWidthTooLargeForThisMachineIsRefusedBeforeAnyWork() {
        Path out = dir.resolve("wide");
        String text = CliRuns.assertBadInput("--width: 100,000 makes networks of about ", "robustness", "--dataset", "mnist", "--archs",
                "dcgan", "--methods", "wgan-gp", "--width", "100000", "--out", out.toString());
        assertThat(text).contains("parameters, which need at least").contains("GB of memory");
        assertThat(out).doesNotExist();
    }
}
