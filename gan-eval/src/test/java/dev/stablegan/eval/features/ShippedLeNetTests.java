package dev.stablegan.eval.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped LeNet weights: present, matching their cards, and behaving as feature networks. Their test accuracy is
 * re-measured on the real test sets by the long-tagged ShippedClassifierAccuracyTests in gan-examples.
 */
class ShippedLeNetTests {
    @ParameterizedTest
    @ValueSource(strings = {"lenet-mnist", "lenet-fashion-mnist"})
    void loadsWithItsCardAndGivesFeaturesAndProbabilities(String name) throws IOException {
        JsonObject card = JsonParser.parseString(new String(resource(name + ".json"), StandardCharsets.UTF_8)).getAsJsonObject();
        try (FeatureExtractor net = FeatureExtractors.open(name, null)) {
            assertThat(net.name()).isEqualTo(name);
            assertThat(net.describe()).containsEntry("sha256", card.get("sha256").getAsString());
            assertThat(net.describe().get("test_accuracy")).isEqualTo(card.get("test_accuracy").getAsDouble());
            Extraction e = net.extract(images(7));
            assertThat(e.features().rows()).isEqualTo(7);
            assertThat(e.features().cols()).isEqualTo(LeNet.FEATURE_DIM);
            for (int i = 0; i < 7; i++) {
                assertThat(Arrays.stream(e.probabilities().row(i)).sum()).isCloseTo(1.0, within(1e-5));
                assertThat(Arrays.stream(e.features().row(i)).min().orElseThrow()).isGreaterThanOrEqualTo(0.0); // ReLU layer
            }
            // One image's features do not depend on the rest of its batch (inference mode, no batch statistics).
            Extraction alone = net.extract(images(7).subList(3, 4));
            assertThat(alone.features().row(0)).containsExactly(e.features().row(3), within(1e-5));
        }
        assertThat(card.get("score_suffix").getAsString()).startsWith("LeNet-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet-mnist"})
    void theMnistNetworkMeetsThe99PercentTarget(String name) throws IOException {
        JsonObject card = JsonParser.parseString(new String(resource(name + ".json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(card.get("test_accuracy").getAsDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(card.get("test_examples").getAsInt()).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet-mnist"})
    void damagedWeightsAreRefused(String name) throws IOException {
        byte[] params = resource(name + ".params");
        params[params.length / 2] ^= 1;
        assertThatThrownBy(() -> LeNetClassifier.verified(name, resource(name + ".json"), params)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> LeNetClassifier.fromBytes(name, "x", new JsonObject(), Arrays.copyOf(params, 100)))
                .isInstanceOf(IOException.class).hasMessageContaining(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet-mnist"})
    void imagesOfAnotherSizeAreRefusedByName(String name) {
        try (FeatureExtractor net = FeatureExtractors.open(name, null)) {
            RgbImage big = new RgbImage("big.png", 32, 32, new byte[3 * 32 * 32]);
            assertThatThrownBy(() -> net.extract(List.of(big))).hasMessageContaining("big.png").hasMessageContaining("28x28");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<RgbImage> images(int n) {
        List<RgbImage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[3 * 28 * 28];
            for (int p = 0; p < 28 * 28; p++) {
                int y = p / 28;
                int x = p % 28;
                byte v = (byte) (Math.abs(x - 14) + Math.abs(y - 14) < 4 + i ? 255 : 0);
                rgb[3 * p] = v;
                rgb[3 * p + 1] = v;
                rgb[3 * p + 2] = v;
            }
            list.add(new RgbImage("img" + i, 28, 28, rgb));
        }
        return list;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ShippedLeNetTests.class.getResourceAsStream("/dev/stablegan/eval/features/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
