package dev.stablegan.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPeerTests {

    @Test
    void missingPythonIsSkippedWithTheInstallHint(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("peer.py"), "");
        PeerBenchmark.Outcome outcome = PeerBenchmark.run(dir.resolve("no-python"), script, 1, 1.0, 0,
                List.of(BenchModel.TOY_MLP), 64);

        assertThat(outcome.status()).isEqualTo(PeerBenchmark.Status.SKIPPED);
        assertThat(outcome.message()).contains("peer skipped").contains("apt-get install python3-torch");
        assertThat(outcome.models()).isEmpty();
    }

    @Test
    void pythonWithoutTorchIsSkippedWithTheInstallHint(@TempDir Path dir) throws IOException {
        Path python = fakePython(dir, "echo 'no torch' >&2; exit 3");
        PeerBenchmark.Outcome outcome = PeerBenchmark.run(python, Files.writeString(dir.resolve("peer.py"), ""), 1, 1.0,
                0, List.of(BenchModel.TOY_MLP), 64);

        assertThat(outcome.status()).isEqualTo(PeerBenchmark.Status.SKIPPED);
        assertThat(outcome.message()).contains("PyTorch is not installed").contains("apt-get install python3-torch");
    }

    @Test
    void readsOneJsonLinePerModelAndPassesTheSettings(@TempDir Path dir) throws IOException {
        Path args = dir.resolve("args.txt");
        Path python = fakePython(dir, "echo \"$@\" > '" + args + "'\n"
                + "echo 'progress'\n"
                + "echo '{\"model\": \"dcgan32\", \"generator_iterations_per_second\": 0.25, \"torch\": \"1.13\"}'");
        Path script = Files.writeString(dir.resolve("peer.py"), "");
        PeerBenchmark.Outcome outcome = PeerBenchmark.run(python, script, 2, 0.5, 3,
                List.of(BenchModel.TOY_MLP, BenchModel.DCGAN32), 256);

        assertThat(outcome.status()).isEqualTo(PeerBenchmark.Status.OK);
        assertThat(outcome.models()).containsOnlyKeys("dcgan32");
        assertThat(outcome.number("dcgan32", "generator_iterations_per_second")).isEqualTo(0.25);
        assertThat(outcome.number("toy-mlp", "generator_iterations_per_second")).isNaN();
        assertThat(Files.readString(args).trim()).isEqualTo(script + " --threads 2 --seconds 0.5 --warmup 3"
                + " --models toy-mlp,dcgan32 --matmul-size 256");
    }

    @Test
    void otherFailuresAreReportedAsFailed(@TempDir Path dir) throws IOException {
        Path python = fakePython(dir, "exit 1");
        PeerBenchmark.Outcome outcome = PeerBenchmark.run(python, Files.writeString(dir.resolve("peer.py"), ""), 1, 1.0,
                0, List.of(BenchModel.TOY_MLP), 64);

        assertThat(outcome.status()).isEqualTo(PeerBenchmark.Status.FAILED);
        assertThat(outcome.message()).contains("exited with status 1");
    }

    private static Path fakePython(Path dir, String body) throws IOException {
        Path python = dir.resolve("python3");
        Files.writeString(python, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        return python;
    }
}
