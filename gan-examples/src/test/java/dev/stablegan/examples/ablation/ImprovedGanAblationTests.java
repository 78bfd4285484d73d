package dev.stablegan.examples.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.examples.data.LabelledImages;
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
