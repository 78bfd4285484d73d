package dev.stablegan.examples.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedSpreadTests {
    @TempDir
    Path dir;

    @Test
    void theSpreadIsTheMeanAndTheSampleStandardDeviation() {
        // 90, 93, 99: mean 94, squared deviations 16 + 1 + 25 = 42, over n - 1 = 2: 21
        SeedSpread.Spread s = SeedSpread.of(new int[] {93, 90, 99});
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isEqualTo(94.0);
        assertThat(s.std()).isCloseTo(Math.sqrt(21), within(1e-12));
        assertThat(s.min()).isEqualTo(90);
        assertThat(s.max()).isEqualTo(99);
        assertThatThrownBy(() -> SeedSpread.of(new int[] {90})).hasMessageContaining("at least 2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsAreComparedAtTheirEndsAndAtTheLastEpochAllReached() throws IOException {
        List<SeedSpread.Run> runs = List.of(
                SeedSpread.read(SslRunFixtures.finishedRun(dir, "a", 1, 100, 300, 100, 90)),
                SeedSpread.read(SslRunFixtures.finishedRun(dir, "b", 2, 100, 310, 102)),
                SeedSpread.read(SslRunFixtures.finishedRun(dir, "c", 3, 100, 320, 110, 105, 99)));
        assertThat(runs.get(1).curve()).containsEntry(2, 102);

        Map<String, Object> s = SeedSpread.summarize(runs, 0);
        Map<String, Object> last = (Map<String, Object>) s.get("final");
        assertThat(last.get("mean_errors")).isEqualTo((90 + 102 + 99) / 3.0);
        Map<String, Object> at = (Map<String, Object>) s.get("at_epoch");
        // epoch 2, the last one run b reached: 100, 102, 110, mean 104, squared deviations 16 + 4 + 36 = 56, over 2: 28
        assertThat(at.get("epoch")).isEqualTo(2);
        assertThat(at.get("mean_errors")).isEqualTo(104.0);
        assertThat((double) at.get("std_errors")).isCloseTo(Math.sqrt(28), within(1e-12));
        assertThat((double) at.get("mean_test_error")).isCloseTo(0.0104, within(1e-15));
        assertThat(s).containsEntry("labels", 100).containsEntry("mode", "gan");

        Map<String, Object> first = (Map<String, Object>) SeedSpread.summarize(runs, 1).get("at_epoch");
        assertThat(first.get("mean_errors")).isEqualTo(310.0);
        assertThatThrownBy(() -> SeedSpread.summarize(runs, 3)).hasMessageContaining("b").hasMessageContaining("no epoch 3");
    }

    /**
     * Issue 19: weight seeds 1, 2, 3 on the authors' set of label seed 1 (final errors 90, 100, 110: mean 100, sample
     * standard deviation 10) and label seeds 1, 2, 3 with weight seed 1 (90, 130, 150: mean 123.33, deviations
     * -33.33, 6.67, 26.67, squares 1111.1 + 44.4 + 711.1 = 1866.7, over 2: 933.3).
     */
    @Test
    @SuppressWarnings("unchecked")
    void bothSpreadsComeFromOneCollectionOfRuns() throws IOException {
        List<SeedSpread.Run> runs = List.of(
                SeedSpread.read(SslRunFixtures.finishedAuthorsRun(dir, "seed1_labels1", 1, 1, 100, 120, 90)),
                SeedSpread.read(SslRunFixtures.finishedAuthorsRun(dir, "seed2_labels1", 2, 1, 100, 100)),
                SeedSpread.read(SslRunFixtures.finishedAuthorsRun(dir, "seed3_labels1", 3, 1, 100, 110)),
                SeedSpread.read(SslRunFixtures.finishedAuthorsRun(dir, "seed1_labels2", 1, 2, 100, 130)),
                SeedSpread.read(SslRunFixtures.finishedAuthorsRun(dir, "seed1_labels3", 1, 3, 100, 150)));
        assertThat(runs.get(3).labelSet()).isEqualTo("authors:2");
        Map<String, Object> both = SeedSpread.bothSpreads(runs);
        List<Map<String, Object>> overSeeds = (List<Map<String, Object>>) both.get("over_weight_seeds");
        assertThat(overSeeds).hasSize(1);
        assertThat(overSeeds.get(0)).containsEntry("label_set", "authors:1").containsEntry("mean_errors", 100.0)
                .containsEntry("std_errors", 10.0).containsEntry("n", 3);
        List<Map<String, Object>> overSets = (List<Map<String, Object>>) both.get("over_label_sets");
        assertThat(overSets).hasSize(1);
        assertThat(overSets.get(0)).containsEntry("weight_seed", 1L).containsEntry("n", 3);
        assertThat((double) overSets.get(0).get("mean_errors")).isCloseTo(370 / 3.0, within(1e-12));
        assertThat((double) overSets.get(0).get("std_errors")).isCloseTo(Math.sqrt(2800 / 3.0), within(1e-9));
        assertThat(both).containsEntry("labels", 100);
        assertThatThrownBy(() -> SeedSpread.bothSpreads(List.of(runs.get(1), runs.get(3))))
                .hasMessageContaining("give no spread");
        // A run of another recipe does not join the spread: the recipe is a shared setting.
        Path other = SslRunFixtures.finishedAuthorsRun(dir, "seed4_labels1", 4, 1, 100, 95);
        Files.writeString(other.resolve("summary.json"), Files.readString(other.resolve("summary.json")).replace("{", "{\"recipe\":\"authors\","));
        assertThatThrownBy(() -> SeedSpread.bothSpreads(List.of(runs.get(0), runs.get(1), SeedSpread.read(other))))
                .hasMessageContaining("differ in recipe");
    }

    @Test
    void runsThatDifferInMoreThanTheSeedAreRefused() throws IOException {
        SeedSpread.Run a = SeedSpread.read(SslRunFixtures.finishedRun(dir, "a", 1, 100, 90));
        SeedSpread.Run otherLabels = SeedSpread.read(SslRunFixtures.finishedRun(dir, "b", 2, 1000, 80));
        SeedSpread.Run sameSeed = SeedSpread.read(SslRunFixtures.finishedRun(dir, "c", 1, 100, 95));
        assertThatThrownBy(() -> SeedSpread.summarize(List.of(a, otherLabels), 0)).hasMessageContaining("differ in labels")
                .hasMessageContaining("100").hasMessageContaining("1000");
        assertThatThrownBy(() -> SeedSpread.summarize(List.of(a, sameSeed), 0)).hasMessageContaining("seed 1 appears twice");
        assertThatThrownBy(() -> SeedSpread.summarize(List.of(a), 0)).hasMessageContaining("at least 2 runs");
    }

    @Test
    void aMissingOrMalformedSummaryIsNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("unfinished"));
        assertThatThrownBy(() -> SeedSpread.read(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining(empty.resolve("summary.json").toString()).hasMessageContaining("no finished ssl-mnist run");
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("summary.json"), "[1, 2");
        assertThatThrownBy(() -> SeedSpread.read(broken)).isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
        Path noSeed = SslRunFixtures.finishedRun(dir, "no-seed", 4, 100, 90);
        Files.writeString(noSeed.resolve("summary.json"), Files.readString(noSeed.resolve("summary.json")).replace("\"seed\":4,", ""));
        assertThatThrownBy(() -> SeedSpread.read(noSeed)).hasMessageContaining("field 'seed' missing");
        Path badCurve = SslRunFixtures.finishedRun(dir, "bad-curve", 5, 100, 90);
        Files.writeString(badCurve.resolve("summary.json"),
                Files.readString(badCurve.resolve("summary.json")).replace("[[1,0.009]]", "[[1,0.009],\"x\"]"));
        assertThatThrownBy(() -> SeedSpread.read(badCurve)).hasMessageContaining("learning_curve[1]");
    }
}
