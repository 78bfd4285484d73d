package dev.stablegan.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, item 8: a damaged dataset cache was reported as "(first use)"; now the damage is named before reinstalling. */
class DamagedCacheTests {
    @TempDir
    Path dir;

    @Test
    void aCachedFileThatIsMissingOrAltersIsNamed() throws IOException {
        Path cached = Files.createDirectories(dir.resolve("mnist"));
        String first = MnistFamily.MNIST.problem(cached);
        assertThat(first).endsWith(" is missing").startsWith("t");
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.write(cached.resolve(name), new byte[] {0, 0, 8, 1});
        }
        assertThat(MnistFamily.MNIST.problem(cached)).endsWith(" has another SHA-256 than the published file");
        assertThat(MnistFamily.MNIST.complete(cached)).isFalse();
    }

    @Test
    void reinstallingOverADamagedCopySaysWhatIsWrongNotFirstUse() throws IOException {
        StringWriter text = new StringWriter();
        PrintWriter log = new PrintWriter(text, true);
        Path fresh = dir.resolve("fresh");
        assertThatThrownBy(() -> PackageFetch.installing(dir, "demo", "the demo files", fresh, "unused", log, work -> {
            throw new IOException("stopped before fetching");
        })).hasMessage("stopped before fetching");
        assertThat(text.toString()).contains("demo: installing the demo files into " + fresh + " (first use) ...");

        text.getBuffer().setLength(0);
        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        assertThatThrownBy(() -> PackageFetch.installing(dir, "demo", "the demo files", damaged, "labels.idx is missing", log, work -> {
            throw new IOException("stopped before fetching");
        })).hasMessage("stopped before fetching");
        assertThat(text.toString()).contains("demo: installing the demo files into " + damaged
                + " (the copy there is damaged or incomplete (labels.idx is missing); replacing it) ...");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the work folder is deleted").containsExactlyInAnyOrder("damaged");
        }
    }
}
