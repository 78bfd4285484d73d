package dev.stablegan.examples.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.data.text.OneBillionWord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpora by name or path for the language GAN: the seeded held-out split and the answers to bad corpora. */
class TextCorpusTests {
    @TempDir
    Path dir;

    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);

    @Test
    void aCorpusWithoutHeldOutDataIsSplitBySeed() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("line " + i);
        }
        Path file = Files.write(dir.resolve("fifty.txt"), lines);
        TextCorpus a = TextCorpus.open(file.toString(), dir, 1000, 32, 7, log);
        TextCorpus b = TextCorpus.open(file.toString(), dir, 1000, 32, 7, log);
        TextCorpus c = TextCorpus.open(file.toString(), dir, 1000, 32, 8, log);
        assertThat(a.heldout()).hasSize(5).isEqualTo(b.heldout()).isNotEqualTo(c.heldout());
        assertThat(a.train()).hasSize(45).doesNotContainAnyElementsOf(a.heldout());
    }

    @Test
    void emptyUnknownAndWrongCorporaAreRefusedByName() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n \n");
        assertThatThrownBy(() -> TextCorpus.open(empty.toString(), dir, 100, 32, 1, log)).hasMessageContaining(empty.toString())
                .hasMessageContaining("no text line");
        Path one = Files.writeString(dir.resolve("one.txt"), "only\n");
        assertThatThrownBy(() -> TextCorpus.open(one.toString(), dir, 100, 32, 1, log)).hasMessageContaining("at least 2 lines");
        assertThatThrownBy(() -> TextCorpus.open("wordnett", dir, 100, 32, 1, log)).hasMessageContaining("'wordnett'");
        Path folder = Files.createDirectories(dir.resolve("pictures"));
        assertThatThrownBy(() -> TextCorpus.open(folder.toString(), dir, 100, 32, 1, log))
                .hasMessageContaining("not a One Billion Word layout");
    }

    @Test
    void aOneBillionWordFolderKeepsItsOwnHeldOutShard() throws IOException {
        Path root = dir.resolve("1-billion-word");
        Path training = Files.createDirectories(root.resolve(OneBillionWord.TRAINING_FOLDER));
        Path heldout = Files.createDirectories(root.resolve(OneBillionWord.HELDOUT_FOLDER));
        Files.writeString(training.resolve("news.en-00001-of-00100"), "first\nsecond\n");
        Files.writeString(training.resolve("news.en-00002-of-00100"), "third\nfourth\n");
        Files.writeString(heldout.resolve("news.en.heldout-00000-of-00050"), "held one\nheld two\n");

        TextCorpus corpus = TextCorpus.open(root.toString(), dir, 100, 32, 1, log);
        assertThat(corpus.train()).containsExactly("first", "second", "third", "fourth");
        assertThat(corpus.heldout()).containsExactly("held one", "held two");
        assertThat(corpus.name()).startsWith("1b-words:");
    }
}
