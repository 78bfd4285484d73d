package dev.stablegan.eval.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading, calling convention and shapes of the TorchScript Inception path, on the stand-in that
 * scripts/make_tiny_inception.py writes (no real Inception weights exist offline). The stand-in asserts uint8
 * input and reports the input size it received in features 0 and 1.
 */
class TorchScriptInceptionTests {
    @TempDir
    Path dir;

    @Test
    void theStandInGivesItsPythonOutputsForTheSameImages() throws Exception {
        JsonObject expected = JsonParser.parseString(Files.readString(resource("tiny_inception_expected.json"))).getAsJsonObject();
        try (TorchScriptInception inception = TorchScriptInception.load(resource("tiny_inception.pt"))) {
            Extraction e = inception.extract(testImages());
            assertThat(e.features().rows()).isEqualTo(2);
            assertThat(e.features().cols()).isEqualTo(TorchScriptInception.FEATURE_DIM);
            assertThat(e.probabilities().cols()).isEqualTo(TorchScriptInception.CLASSES);
            for (int i = 0; i < 2; i++) {
                // Height 4 and width 5 reached the module: no resize before it.
                assertThat(e.features().get(i, 0)).isEqualTo(4.0);
                assertThat(e.features().get(i, 1)).isEqualTo(5.0);
                JsonArray head = expected.getAsJsonArray("features_head").get(i).getAsJsonArray();
                for (int j = 0; j < head.size(); j++) {
                    assertThat(e.features().get(i, j)).isCloseTo(head.get(j).getAsDouble(), within(1e-4));
                }
                double sum = 0;
                for (int j = 0; j < TorchScriptInception.FEATURE_DIM; j++) {
                    sum += e.features().get(i, j);
                }
                assertThat(sum).isCloseTo(expected.getAsJsonArray("features_sum").get(i).getAsDouble(), within(1e-2));
                // The probabilities are taken without the output bias, as the Inception score needs.
                JsonArray probs = expected.getAsJsonArray("probs_head").get(i).getAsJsonArray();
                for (int j = 0; j < probs.size(); j++) {
                    assertThat(e.probabilities().get(i, j)).isCloseTo(probs.get(j).getAsDouble(), within(1e-8));
                }
            }
            assertThat(inception.describe()).containsKeys("sha256", "resize", "input").containsEntry("name", "inception");
            assertThat((String) inception.describe().get("sha256")).hasSize(64);
        }
    }

    @Test
    void moreImagesThanABatchComeBackInOrder() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < TorchScriptInception.BATCH + 3; i++) {
            images.add(constant("img" + i, 5, 4, i, 2 * i, 255 - i));
        }
        try (TorchScriptInception inception = TorchScriptInception.load(resource("tiny_inception.pt"))) {
            Extraction all = inception.extract(images);
            Extraction last = inception.extract(images.subList(images.size() - 1, images.size()));
            assertThat(all.features().rows()).isEqualTo(images.size());
            assertThat(all.features().row(images.size() - 1)).containsExactly(last.features().row(0), within(1e-5));
        }
    }

    @Test
    void aMissingOrForeignFileIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> TorchScriptInception.load(dir.resolve("absent.pt"))).isInstanceOf(IOException.class)
                .hasMessageContaining("absent.pt");
        Path foreign = dir.resolve("weights.pt");
        Files.writeString(foreign, "not a zip archive");
        assertThatThrownBy(() -> TorchScriptInception.load(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights.pt").hasMessageContaining("not a TorchScript module");
    }

    static List<RgbImage> testImages() {
        RgbImage a = constant("a", 5, 4, 200, 30, 90);
        byte[] rgb = new byte[3 * 5 * 4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * (y * 5 + x) + c] = (byte) (50 * x);
                }
            }
        }
        return List.of(a, new RgbImage("b", 5, 4, rgb));
    }

    static RgbImage constant(String name, int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            rgb[3 * p] = (byte) r;
            rgb[3 * p + 1] = (byte) g;
            rgb[3 * p + 2] = (byte) b;
        }
        return new RgbImage(name, w, h, rgb);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchScriptInceptionTests.class.getResource("/dev/stablegan/eval/features/" + name).toURI());
    }
}
