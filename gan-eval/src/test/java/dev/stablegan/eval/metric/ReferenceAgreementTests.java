package dev.stablegan.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.io.NpyFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric against the implementations users trust, on files NumPy wrote: the values in reference.json come
 * from scripts/eval_reference.py (scipy's sqrtm for FID, openai/improved-gan's IS, Binkowski's unbiased MMD,
 * the prdc package's formulas, the WGAN-GP language helpers). Agreement is required to 1e-6 relative.
 */
class ReferenceAgreementTests {
    private static final Percentage ONE_IN_A_MILLION = Percentage.withPercentage(1e-4);
    private static Path dir;
    private static JsonObject reference;
    private static FeatureMatrix real;
    private static FeatureMatrix fake;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        dir = Path.of(ReferenceAgreementTests.class.getResource("/dev/stablegan/eval/reference/reference.json").toURI()).getParent();
        reference = JsonParser.parseString(Files.readString(dir.resolve("reference.json"))).getAsJsonObject();
        real = NpyFiles.read(dir.resolve("real.npy")); // float64, 300 x 12
        fake = NpyFiles.read(dir.resolve("fake.npy")); // float32, 240 x 12
    }

    @Test
    void theFixturesAreWhatTheScriptWrote() {
        assertThat(real.rows()).isEqualTo(300);
        assertThat(fake.rows()).isEqualTo(240);
        assertThat(real.cols()).isEqualTo(12);
    }

    @Test
    void fidMatchesScipysSqrtm() {
        double expected = reference.get("fid_real_fake").getAsDouble();
        assertThat(FrechetDistance.between(real, fake).value()).isCloseTo(expected, ONE_IN_A_MILLION);
        assertThat(FrechetDistance.between(GaussianMoments.of(real), GaussianMoments.of(fake)).value()).isCloseTo(expected,
                ONE_IN_A_MILLION);
    }

    @Test
    void fidWithFewerSamplesThanDimensionsMatchesTheSymmetricForm() throws IOException {
        FeatureMatrix few = NpyFiles.read(dir.resolve("few.npy")); // 9 x 12
        FrechetDistance.Result r = FrechetDistance.between(few, real);
        assertThat(r.value()).isCloseTo(reference.get("fid_few_real").getAsDouble(), ONE_IN_A_MILLION);
        assertThat(r.warnings()).isNotEmpty();
    }

    @Test
    void inceptionScoreMatchesImprovedGan() throws IOException {
        FeatureMatrix probs = NpyFiles.read(dir.resolve("probs.npy"));
        for (int splits : new int[] {1, 10}) {
            var expected = reference.getAsJsonArray("is_splits_" + splits);
            InceptionScore.Result r = InceptionScore.of(probs, splits);
            assertThat(r.mean()).isCloseTo(expected.get(0).getAsDouble(), ONE_IN_A_MILLION);
            assertThat(r.std()).isCloseTo(expected.get(1).getAsDouble(), within(1e-9));
        }
    }

    @Test
    void kidOfOneWholeSubsetMatchesTheUnbiasedEstimator() {
        FeatureMatrix x = firstRows(real, 120);
        FeatureMatrix y = firstRows(fake, 120);
        KernelInceptionDistance.Result r = KernelInceptionDistance.between(x, y, 1, 120, 99L);
        assertThat(r.mean()).isCloseTo(reference.get("kid_first_120").getAsDouble(), ONE_IN_A_MILLION);
    }

    @Test
    void prdcMatchesTheReferenceFormulas() {
        JsonObject expected = reference.getAsJsonObject("prdc");
        PrecisionRecallDensityCoverage.Result r = PrecisionRecallDensityCoverage.between(real, fake, 3, 5);
        assertThat(r.precision()).isCloseTo(expected.get("precision").getAsDouble(), within(1e-12));
        assertThat(r.recall()).isCloseTo(expected.get("recall").getAsDouble(), within(1e-12));
        assertThat(r.density()).isCloseTo(expected.get("density").getAsDouble(), within(1e-12));
        assertThat(r.coverage()).isCloseTo(expected.get("coverage").getAsDouble(), within(1e-12));
    }

    @Test
    void ngramJsMatchesTheLanguageHelpers() throws IOException {
        List<String> ref = Files.readAllLines(dir.resolve("reference.txt"), StandardCharsets.UTF_8);
        List<String> gen = Files.readAllLines(dir.resolve("samples.txt"), StandardCharsets.UTF_8);
        NgramJensenShannon.Result r = NgramJensenShannon.between(ref, gen, 4);
        var expected = reference.getAsJsonArray("ngram_js");
        for (int n = 1; n <= 4; n++) {
            assertThat(r.order(n)).isCloseTo(expected.get(n - 1).getAsDouble(), ONE_IN_A_MILLION);
        }
    }

    private static FeatureMatrix firstRows(FeatureMatrix x, int n) {
        double[] values = java.util.Arrays.copyOf(x.values(), n * x.cols());
        return new FeatureMatrix(x.source(), n, x.cols(), values);
    }
}
