package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTests {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("summary.json");
        AtomicFiles.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    /* Results are for people and other tools: not owner-only like a temporary file, but as any new file. */
    @Test
    void writtenFilesGetTheModeOfAnyNewFileNotTheOwnerOnlyModeOfTemporaryFiles() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("written.txt");
        AtomicFiles.writeString(written, "x");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void anOutputFolderUnderAFileIsReportedByName() throws Exception {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> AtomicFiles.ensureWritableDirectory(file.resolve("out")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.resolve("out").toString());
    }

    /** Issue 17, item 8: a dangling symbolic link as the output folder was a bare FileAlreadyExistsException. */
    @Test
    void aDanglingSymbolicLinkAsTheOutputFolderNamesItsMissingTarget() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("out"), dir.resolve("gone"));
        assertThatThrownBy(() -> AtomicFiles.ensureWritableDirectory(link)).isInstanceOf(IOException.class)
                .hasMessage("output folder " + link + " is a symbolic link to " + dir.resolve("gone")
                        + ", which does not exist; create that folder or name another");
        Files.createDirectories(dir.resolve("gone"));
        AtomicFiles.ensureWritableDirectory(link); // once the target exists, the link is a folder like any other
    }
}
