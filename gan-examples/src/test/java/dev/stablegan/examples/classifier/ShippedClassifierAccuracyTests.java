package dev.stablegan.examples.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.examples.data.DataCache;
import dev.stablegan.examples.data.MnistFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Re-measures the shipped classifiers on the real test sets (installing them on first use, so it needs the
 * registries): the error count must be exactly the one on each card. Tagged long; run with
 * {@code mvn -B verify -Dgroups=long -Dsurefire.excludedGroups=none -pl gan-examples -am}.
 */
@Tag("long")
class ShippedClassifierAccuracyTests {
    @ParameterizedTest
    @EnumSource(MnistFamily.class)
    void theTestErrorsAreThoseOnTheCard(MnistFamily family) throws IOException {
        String name = "lenet-" + family.id();
        JsonObject card;
        try (InputStream in = LeNetClassifier.class.getResourceAsStream("/dev/stablegan/eval/features/" + name + ".json")) {
            card = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        LabelledImages test = family.test(DataCache.defaultRoot(), new PrintWriter(System.err, true));
        try (LeNetClassifier net = LeNetClassifier.shipped(name)) {
            int[] predicted = net.predict(ClassifierRecipe.asImages(test, test.count()));
            int errors = 0;
            for (int i = 0; i < test.count(); i++) {
                errors += predicted[i] == test.label(i) ? 0 : 1;
            }
            assertThat(errors).isEqualTo(card.get("test_errors").getAsInt());
        }
    }
}
