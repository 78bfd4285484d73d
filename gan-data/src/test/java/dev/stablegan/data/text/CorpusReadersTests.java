package dev.stablegan.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus readers: plain files, WordNet data files, the One Billion Word layout, and their answers to bad input. */
class CorpusReadersTests {
    @TempDir
    Path dir;

    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);

    @Test
    void aTextFileGivesItsNonBlankLinesCutWithoutMarksOrCarriageReturns() throws IOException {
        Path file = Files.writeString(dir.resolve("c.txt"), "\uFEFFfirst line\r\n\n  \nsecond\nthird line is long\n");
        List<String> lines = new ArrayList<>();
        assertThat(CorpusFiles.readLines(file, 10, 9, lines, log)).isZero();
        assertThat(lines).containsExactly("first lin", "second", "third lin");
        lines.clear();
        CorpusFiles.readLines(file, 2, 100, lines, log);
        assertThat(lines).containsExactly("first line", "second");
        assertThat(logText.toString()).isEmpty();
    }

    @Test
    void linesThatAreNotUtf8AreSkippedCountedAndReportedOnce() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("good one\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'b', 'a', 'd', (byte) 0xE9, '\n'}); // Latin-1 e-acute
        bytes.writeBytes("caf\u00e9 ok\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
        Path file = Files.write(dir.resolve("mixed.txt"), bytes.toByteArray());
        List<String> lines = new ArrayList<>();
        assertThat(CorpusFiles.readLines(file, 100, 32, lines, log)).isEqualTo(2);
        assertThat(lines).containsExactly("good one", "caf\u00e9 ok");
        assertThat(logText.toString()).contains(file.toString()).contains("skipped 2 line(s)").contains("line 2");
    }

    @Test
    void aBinaryFileAFolderAndAMissingFileAreRefusedByName() throws IOException {
        Path binary = Files.write(dir.resolve("model.bin"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        assertThatThrownBy(() -> CorpusFiles.readLines(binary, 10, 32, new ArrayList<>(), log))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(binary.toString()).hasMessageContaining("binary");
        assertThatThrownBy(() -> CorpusFiles.readLines(dir, 10, 32, new ArrayList<>(), log)).hasMessageContaining("is a folder");
        assertThatThrownBy(() -> CorpusFiles.readLines(dir.resolve("none.txt"), 10, 32, new ArrayList<>(), log))
                .isInstanceOf(IOException.class).hasMessageContaining("none.txt");
    }

    @Test
    void wordNetExamplesAreTheQuotedTextsOfEachGloss() {
        List<String> out = new ArrayList<>();
        WordNetSentences.examples("  1 This software and database is being provided \"to you\"", 32, out);
        WordNetSentences.examples("00217593 04 n 01 kill 1 002 @ 00217014 n 0000 | the destruction of an enemy plane;"
                + " \"the pilot reported two kills during the mission\"; \"a clean kill\"", 32, out);
        WordNetSentences.examples("00217499 04 n 01 disaster 0 001 @ 00217014 n 0000 | an act with no example", 32, out);
        assertThat(out).containsExactly("the pilot reported two kills dur", "a clean kill");
    }

    @Test
    void wordNetFilesAreReadInOrderAndAFileWithoutExamplesIsNamed() throws IOException {
        Path wn = Files.createDirectories(dir.resolve("wn"));
        for (String name : WordNetSentences.DATA_FILES) {
            Files.writeString(wn.resolve(name), "  1 licence line\n00000001 03 n 01 x 0 000 | gloss; \"from " + name + "\"\n");
        }
        assertThat(WordNetSentences.read(wn, 32, log)).containsExactly("from data.noun", "from data.verb", "from data.adj",
                "from data.adv");
        Files.writeString(wn.resolve("data.adj"), "00000001 03 a 01 x 0 000 | a gloss without examples\n");
        assertThatThrownBy(() -> WordNetSentences.read(wn, 32, log)).hasMessageContaining("data.adj")
                .hasMessageContaining("no example sentence");
        Files.delete(wn.resolve("data.adv"));
        Files.writeString(wn.resolve("data.adj"), "00000001 03 a 01 x 0 000 | g; \"ok\"\n");
        assertThatThrownBy(() -> WordNetSentences.read(wn, 32, log)).hasMessageContaining("data.adv").hasMessageContaining("missing");
    }

    @Test
    void theOneBillionWordLayoutGivesTrainingShardsInOrderAndTheFirstHeldOutShard() throws IOException {
        Path root = dir.resolve("1-billion-word");
        Path training = Files.createDirectories(root.resolve(OneBillionWord.TRAINING_FOLDER));
        Path heldout = Files.createDirectories(root.resolve(OneBillionWord.HELDOUT_FOLDER));
        Files.writeString(training.resolve("news.en-00002-of-00100"), "third\nfourth\n");
        Files.writeString(training.resolve("news.en-00001-of-00100"), "first\nsecond\n");
        Files.writeString(training.resolve("README"), "not a shard\n");
        Files.writeString(heldout.resolve("news.en.heldout-00000-of-00050"), "held one\nheld two\n");
        Files.writeString(heldout.resolve("news.en.heldout-00001-of-00050"), "not used\n");

        assertThat(OneBillionWord.looksLike(root)).isTrue();
        OneBillionWord.Lines lines = OneBillionWord.read(root, 3, 10, 32, log);
        assertThat(lines.train()).containsExactly("first", "second", "third");
        assertThat(lines.heldout()).containsExactly("held one", "held two");
        assertThat(lines.shards()).isEqualTo(2);
        // The training folder itself works too, and finds the held-out folder beside it.
        assertThat(OneBillionWord.read(training, 10, 10, 32, log).heldout()).containsExactly("held one", "held two");
    }
}
