package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderLockTests {
    @TempDir
    Path dir;

    @Test
    void aFolderHasOneOwnerAtATimeAndNamesIt() throws IOException {
        Path run = dir.resolve("run");
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            assertThat(Files.readString(lock.file())).startsWith("pid " + ProcessHandle.current().pid() + " on host ");
            assertThatThrownBy(() -> RunFolderLock.acquire(run)).isInstanceOf(IOException.class)
                    .hasMessageContaining(run + ": in use by another run in this process (pid " + ProcessHandle.current().pid());
        }
        try (RunFolderLock again = RunFolderLock.acquire(run)) {
            assertThat(again.file()).isEqualTo(run.resolve(RunFolderLock.FILE));
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> RunFolderLock.acquire(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    @SuppressWarnings("try") // holding the lock is the point; the body does not use it
    void theNextOwnerRemovesTemporaryFilesAKilledWriterLeft() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Path leftover = Files.writeString(run.resolve(".checkpoint.ckpt.k3j2h1.tmp"), "half a checkpoint");
        Path kept = Files.writeString(run.resolve("metrics.jsonl"), "{}\n");
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            assertThat(leftover).doesNotExist();
            assertThat(kept).exists();
        }
    }

    @Test
    void anEmptyOutputPathIsRefusedRatherThanTheCurrentDirectory() {
        assertThatThrownBy(() -> RunFolderLock.acquire(Path.of(""))).isInstanceOf(IOException.class)
                .hasMessageContaining("an empty path");
    }

    @Test
    void runFilesAreWhatTheFolderHoldsBesideTheLockLeftoversAndReplacedRuns() throws IOException {
        Path run = dir.resolve("run");
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            assertThat(lock.runFiles()).isEmpty();
            Files.writeString(run.resolve("metrics.jsonl"), "{}\n");
            Files.writeString(run.resolve("checkpoint.ckpt"), "c");
            Files.createDirectories(run.resolve("snapshots"));
            Files.createDirectories(run.resolve(RunFolderLock.REPLACED));
            Files.writeString(run.resolve(".summary.json.abc.tmp"), "");
            assertThat(lock.runFiles()).extracting(p -> p.getFileName().toString())
                    .containsExactly("checkpoint.ckpt", "metrics.jsonl", "snapshots");
        }
    }

    @Test
    void movingAsideKeepsEveryFileUnderReplacedAndLeavesOnlyTheLock() throws IOException {
        Path run = dir.resolve("run");
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":1}\n");
            Files.writeString(run.resolve("checkpoint.ckpt"), "c");
            Files.createDirectories(run.resolve("snapshots"));
            Files.writeString(run.resolve("snapshots").resolve("0001.png"), "p");
            Path first = lock.moveRunFilesAside("checkpoint.ckpt");
            assertThat(first.getParent()).isEqualTo(run.resolve(RunFolderLock.REPLACED));
            assertThat(first.getFileName().toString()).matches("\\d{8}T\\d{6}Z");
            assertThat(first.resolve("metrics.jsonl")).hasContent("{\"step\":1}");
            assertThat(first.resolve("checkpoint.ckpt")).hasContent("c");
            assertThat(first.resolve("snapshots").resolve("0001.png")).hasContent("p");
            assertThat(lock.runFiles()).isEmpty();
            Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":2}\n");
            Path second = lock.moveRunFilesAside("checkpoint.ckpt");
            assertThat(second).isNotEqualTo(first); // a second replacement in the same second gets its own folder
            assertThat(second.resolve("metrics.jsonl")).hasContent("{\"step\":2}");
            assertThat(first.resolve("metrics.jsonl")).hasContent("{\"step\":1}");
        }
    }
}
