package dev.stablegan.examples.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.examples.data.SyntheticDigits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ablation end to end on tiny synthetic images (the real table needs Fashion-MNIST and half an hour). */
class ImprovedGanAblationTests {
    @TempDir
    Path dir;

    private static final ImprovedGanAblation.Settings TINY = new ImprovedGanAblation.Settings(2, 8, 4, 3, 4, 20, 7);

    @Test
    void trainsScoresAndTabulatesEachVariantAndResumesWithoutRetraining() throws IOException {
        LabelledImages train = SyntheticDigits.squares("train", 60, 0);
        LabelledImages test = SyntheticDigits.squares("test", 30, 1);
        List<ImprovedGanAblation.Variant> chosen = ImprovedGanAblation.select(TINY, "none,all");
        assertThat(chosen).extracting(ImprovedGanAblation.Variant::name).containsExactly("all", "none");
        List<Map<String, Object>> rows;
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            rows = ImprovedGanAblation.run(TINY, chosen, train, test, scorer, dir, new PrintWriter(new StringWriter()), quiet());
        }
        assertThat(rows).hasSize(2);
        for (Map<String, Object> row : rows) {
            assertThat(((Number) row.get("score")).doubleValue()).isBetween(1.0, 10.0);
            assertThat(((Number) row.get("fid")).doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(row.get("score_name")).isEqualTo("IS-LeNet-FashionMNIST");
            assertThat(dir.resolve(row.get("variant") + "/samples.png")).exists();
        }
        JsonArray saved = JsonParser.parseString(Files.readString(dir.resolve("results.json"))).getAsJsonArray();
        assertThat(saved).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("results.md"))).hasSize(4).anyMatch(l -> l.startsWith("| all: every technique |"));

        StringWriter log = new StringWriter();
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            List<Map<String, Object>> again = ImprovedGanAblation.run(TINY, chosen, train, test, scorer, dir, new PrintWriter(log), quiet());
            assertThat(again).extracting(r -> r.get("fid")).containsExactlyElementsOf(rows.stream().map(r -> r.get("fid")).toList());
        }
        assertThat(log.toString()).contains("all already done").contains("none already done");

        ImprovedGanAblation.Settings other = new ImprovedGanAblation.Settings(3, 8, 4, 3, 4, 20, 7);
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            assertThatThrownBy(() -> ImprovedGanAblation.run(other, chosen, train, test, scorer, dir, new PrintWriter(new StringWriter()),
                    quiet())).hasMessageContaining("result.json").hasMessageContaining("other settings");
        }
    }

    /**
     * Issue 18: the variants as runs of a job array: one by one in any order, a variant killed part-way continuing from
     * its checkpoint, then collected, equal the single process (timings aside); a collect names the missing runs.
     */
    @Test
    void variantsRunOneByOneAndCollectedEqualTheSingleProcess() throws IOException {
        LabelledImages train = SyntheticDigits.squares("train", 60, 0);
        LabelledImages test = SyntheticDigits.squares("test", 30, 1);
        ImprovedGanAblation.Settings s = new ImprovedGanAblation.Settings(4, 8, 4, 3, 4, 20, 7);
        List<ImprovedGanAblation.Variant> chosen = ImprovedGanAblation.select(s, "none,-ls,all");
        assertThat(ImprovedGanAblation.runNames(chosen)).containsExactly("all", "-ls", "none");
        Path single = dir.resolve("single");
        Path tasks = dir.resolve("tasks");
        PrintWriter log = new PrintWriter(new StringWriter());
        List<Map<String, Object>> expected;
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            expected = ImprovedGanAblation.run(s, chosen, train, test, scorer, single, log, quiet());
            ImprovedGanAblation.runOne(s, chosen, "none", train, test, scorer, tasks, log, quiet());
            ImprovedGanAblation.runOne(s, chosen, "all", train, test, scorer, tasks, log, quiet());
            StringWriter partial = new StringWriter();
            assertThat(ImprovedGanAblation.collect(s, chosen, train.name() + " / " + test.name(), tasks, new PrintWriter(partial, true)))
                    .hasSize(2);
            assertThat(partial.toString()).contains("1 of 3 runs missing (not finished): -ls");
            assertThat(tasks.resolve("all").resolve("checkpoint.ckpt")).as("a variant checkpoints as it trains").isRegularFile();
            // "-ls" as a requeued task finds the checkpoint a killed first attempt left at step 2 and continues from it.
            try (dev.stablegan.djl.train.DjlGanTrainer partialRun = dev.stablegan.djl.train.DjlGanTrainer.create(
                    ImprovedGanAblation.spec(s, chosen.get(1)), new ImprovedGanAblation.PaddedImages(train))) {
                partialRun.step();
                partialRun.step();
                Files.createDirectories(tasks.resolve("-ls"));
                partialRun.saveCheckpoint(tasks.resolve("-ls").resolve("checkpoint.ckpt"));
            }
            StringWriter resumed = new StringWriter();
            ImprovedGanAblation.runOne(s, chosen, "-ls", train, test, scorer, tasks, new PrintWriter(resumed, true), quiet());
            assertThat(resumed.toString()).contains("-ls resumed at step 2");
        }
        List<Map<String, Object>> collected = ImprovedGanAblation.collect(s, chosen, train.name() + " / " + test.name(), tasks, log);
        assertThat(withoutTimings(collected)).isEqualTo(withoutTimings(expected));
        assertThat(tasks.resolve("results.md")).hasSameTextualContentAs(single.resolve("results.md"));
        assertThatThrownBy(() -> ImprovedGanAblation.collect(s, chosen, "other / data", tasks, log)).hasMessageContaining("dataset:");
        assertThatThrownBy(() -> ImprovedGanAblation.collect(s, chosen, "x", dir.resolve("empty"), log))
                .hasMessageContaining("nothing to collect");
    }

    /** The rows through JSON (so numbers compare alike), without timings and provenance. */
    private static List<com.google.gson.JsonElement> withoutTimings(List<Map<String, Object>> rows) {
        List<com.google.gson.JsonElement> out = new java.util.ArrayList<>();
        for (var row : JsonParser.parseString(dev.stablegan.api.Json.write(rows)).getAsJsonArray()) {
            row.getAsJsonObject().remove("seconds");
            row.getAsJsonObject().remove("provenance");
            out.add(row);
        }
        return out;
    }

    @Test
    void eachVariantRemovesExactlyOneTechniqueFromAll() {
        List<ImprovedGanAblation.Variant> v = ImprovedGanAblation.variants(TINY);
        var all = v.get(0).techniques();
        assertThat(all.featureMatching()).isNotNull();
        assertThat(all.minibatchDiscrimination()).isTrue();
        assertThat(all.historicalAveraging()).isPositive();
        assertThat(all.virtualBatchNorm()).isTrue();
        assertThat(v.get(0).realLabel()).isLessThan(1);
        assertThat(v.get(1).techniques().featureMatching()).isNull();
        assertThat(v.get(2).techniques().minibatchDiscrimination()).isFalse();
        assertThat(v.get(3).techniques().historicalAveraging()).isZero();
        assertThat(v.get(4).realLabel()).isEqualTo(1);
        assertThat(v.get(5).techniques().virtualBatchNorm()).isFalse();
        var noFm = v.get(1).techniques();
        assertThat(v.get(6).techniques()).isEqualTo(noFm.withMinibatchDiscrimination(0, 0));
        assertThat(v.get(7).techniques()).isEqualTo(noFm.withHistoricalAveraging(0));
        assertThat(v.get(8).techniques()).isEqualTo(noFm);
        assertThat(v.get(8).realLabel()).isEqualTo(1);
        assertThat(v.get(9).techniques()).isEqualTo(noFm.withVirtualBatchNorm(0));
        assertThat(v.get(10).techniques().isNone()).isTrue();
        assertThat(v).hasSize(11);
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThatThrownBy(() -> ImprovedGanAblation.select(TINY, "all,-xyz")).hasMessageContaining("--variants").hasMessageContaining("-xyz");
        assertThatThrownBy(() -> new ImprovedGanAblation.Settings(1, 8, 4, 3, 4, 5, 1)).hasMessageContaining("--samples");
        assertThatThrownBy(() -> new ImprovedGanAblation.Settings(0, 8, 4, 3, 4, 20, 1)).hasMessageContaining("--steps");
    }

    private static ConsoleProgress quiet() {
        return new ConsoleProgress(new PrintStream(OutputStream.nullOutputStream()), 1000, false);
    }
}
