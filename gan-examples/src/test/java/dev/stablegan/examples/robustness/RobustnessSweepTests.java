package dev.stablegan.examples.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.data.images.InMemoryImages;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.eval.features.RgbImage;
import dev.stablegan.eval.features.TorchScriptInception;
import dev.stablegan.examples.classifier.ClassifierRecipe;
import dev.stablegan.examples.data.SyntheticDigits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The robustness grid end to end on synthetic 16x16 images, its resumption, verdicts and method settings. */
class RobustnessSweepTests {
    private static final Path TINY_INCEPTION = Path.of("../gan-eval/src/test/resources/dev/stablegan/eval/features/tiny_inception.pt");

    @TempDir
    Path dir;

    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);

    private static final RobustnessSweep.Settings TINY = new RobustnessSweep.Settings(
            List.of(Family.of("dcgan"), Family.of("no-norm")), List.of(RobustnessMethod.WGAN_GP, RobustnessMethod.LSGAN),
            RobustnessPreset.CPU, 16, 4, 2, 20, 5);

    @Test
    void everyCellTrainsScoresAndJoinsTheTableAndFigure() throws IOException {
        LabelledImages test = SyntheticDigits.squares("test", 30, 1);
        InMemoryImages train = trainImages();
        List<Map<String, Object>> rows;
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            rows = RobustnessSweep.run(TINY, train, ClassifierRecipe.asImages(test, test.count()), scorer, dir, log);
        }
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(r -> r.get("architecture") + "/" + r.get("method"))
                .containsExactly("dcgan/wgan-gp", "dcgan/lsgan", "no-norm/wgan-gp", "no-norm/lsgan");
        assertThat(rows).allSatisfy(r -> assertThat((String) r.get("verdict")).isIn("trained", "mode-collapsed", "failed", "diverged"));
        assertThat(rows.get(0).get("score_name")).isEqualTo("IS-LeNet-FashionMNIST");
        for (String cell : List.of("dcgan_wgan-gp", "dcgan_lsgan", "no-norm_wgan-gp", "no-norm_lsgan")) {
            assertThat(dir.resolve(cell).resolve("result.json")).isRegularFile();
            assertThat(dir.resolve(cell).resolve("checkpoint.ckpt")).isRegularFile();
            assertThat(dir.resolve(cell).resolve("samples.png")).isRegularFile();
        }
        String md = Files.readString(dir.resolve("results.md"));
        assertThat(md).contains("| architecture | wgan-gp | lsgan |").contains("| no-norm |").contains("FID-LeNet-FashionMNIST");
        BufferedImage figure = ImageIO.read(dir.resolve("grid.png").toFile());
        assertThat(figure.getWidth()).isGreaterThan(2 * 64);
        assertThat(figure.getHeight()).isGreaterThan(2 * 64);

        // A second call trains nothing; a cell that lost its result continues from its checkpoint.
        Files.delete(dir.resolve("no-norm_lsgan").resolve("result.json"));
        logText.getBuffer().setLength(0);
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            rows = RobustnessSweep.run(TINY, train, ClassifierRecipe.asImages(test, test.count()), scorer, dir, log);
        }
        assertThat(rows).hasSize(4);
        assertThat(logText.toString()).contains("dcgan_wgan-gp already done").contains("no-norm lsgan resumed at step 2");
    }

    /**
     * Issue 18: a grid run as one task per cell (--run-index), in any order, then collected, gives the single process's
     * results (timings aside); a collect before every run finished names the missing ones.
     */
    @Test
    void runsTrainedOneByOneAndCollectedEqualTheSingleProcessGrid() throws IOException {
        LabelledImages test = SyntheticDigits.squares("test", 30, 1);
        Path single = dir.resolve("single");
        Path tasks = dir.resolve("tasks");
        List<Map<String, Object>> expected;
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            expected = RobustnessSweep.run(TINY, trainImages(), ClassifierRecipe.asImages(test, test.count()), scorer, single, log);
            List<String> names = RobustnessSweep.runNames(TINY);
            assertThat(names).containsExactly("dcgan_wgan-gp", "dcgan_lsgan", "no-norm_wgan-gp", "no-norm_lsgan");
            for (int i : new int[] {2, 0, 3}) {
                RobustnessSweep.runOne(TINY, RobustnessSweep.runName(TINY, null, i), trainImages(),
                        ClassifierRecipe.asImages(test, test.count()), scorer, tasks, log);
            }
            assertThat(tasks.resolve("results.json")).as("a task writes only inside its run's folder").doesNotExist();
            java.io.StringWriter partial = new java.io.StringWriter();
            assertThat(RobustnessSweep.collect(TINY, trainImages().id(), 1, tasks, new java.io.PrintWriter(partial, true))).hasSize(3);
            assertThat(partial.toString()).contains("1 of 4 runs missing (not finished): dcgan_lsgan");
            RobustnessSweep.runOne(TINY, "dcgan_lsgan", trainImages(), ClassifierRecipe.asImages(test, test.count()), scorer, tasks, log);
        }
        List<Map<String, Object>> collected = RobustnessSweep.collect(TINY, trainImages().id(), 1, tasks, log);
        assertThat(withoutTimings(collected)).isEqualTo(withoutTimings(expected));
        assertThat(tasks.resolve("results.md")).hasSameTextualContentAs(single.resolve("results.md"));
        assertThatThrownBy(() -> RobustnessSweep.runName(TINY, null, 4)).hasMessageContaining("--run-index: 4 is not a run of this sweep; it has runs 0 to 3");
        assertThatThrownBy(() -> RobustnessSweep.runName(TINY, "dcgan_hinge", null)).hasMessageContaining("--run: 'dcgan_hinge'");
        assertThatThrownBy(() -> RobustnessSweep.collect(TINY, trainImages().id(), 1, dir.resolve("empty"), log)).hasMessageContaining("nothing to collect");
    }

    /** The rows as results.json holds them (through JSON, so numbers compare alike), without timings and provenance. */
    private static List<com.google.gson.JsonElement> withoutTimings(List<Map<String, Object>> rows) {
        List<com.google.gson.JsonElement> out = new java.util.ArrayList<>();
        for (var row : com.google.gson.JsonParser.parseString(dev.stablegan.api.Json.write(rows)).getAsJsonArray()) {
            for (String key : List.of("seconds", "real_images_per_second", "generator_steps_per_second", "provenance")) {
                row.getAsJsonObject().remove(key);
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void aResultOfOtherSettingsIsRefusedRatherThanMixedIn() throws IOException {
        LabelledImages test = SyntheticDigits.squares("test", 30, 1);
        RobustnessSweep.Settings one = new RobustnessSweep.Settings(List.of(Family.of("tanh")), List.of(RobustnessMethod.DCGAN),
                RobustnessPreset.CPU, 16, 4, 1, 20, 5);
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            RobustnessSweep.run(one, trainImages(), ClassifierRecipe.asImages(test, test.count()), scorer, dir, log);
            RobustnessSweep.Settings longer = new RobustnessSweep.Settings(one.architectures(), one.methods(), RobustnessPreset.CPU, 16, 4, 3,
                    20, 5);
            assertThatThrownBy(() -> RobustnessSweep.run(longer, trainImages(), ClassifierRecipe.asImages(test, test.count()), scorer, dir,
                    log)).hasMessageContaining("tanh_dcgan").hasMessageContaining("other settings");
            // Issue 17, item 3: the data and the number of scored samples are part of a cell's identity.
            RobustnessSweep.Settings moreSamples = new RobustnessSweep.Settings(one.architectures(), one.methods(), RobustnessPreset.CPU,
                    16, 4, 1, 30, 5);
            assertThatThrownBy(() -> RobustnessSweep.run(moreSamples, trainImages(), ClassifierRecipe.asImages(test, test.count()), scorer,
                    dir, log)).hasMessageContaining("tanh_dcgan").hasMessageContaining("samples: the cell was scored on 20 generated images,"
                            + " this run asks for 30");
            InMemoryImages same = trainImages();
            InMemoryImages otherData = new InMemoryImages("other-squares", same.size(), same.channels(), same.height(), same.width(),
                    same.pixels());
            assertThatThrownBy(() -> RobustnessSweep.run(one, otherData, ClassifierRecipe.asImages(test, test.count()), scorer, dir, log))
                    .hasMessageContaining("dataset: the cell was trained on '" + same.id() + "', this run has 'other-squares'");
            assertThatThrownBy(() -> RobustnessSweep.collect(one, "other-squares", 1, dir, log)).hasMessageContaining("dataset:");
            assertThat(RobustnessSweep.collect(one, same.id(), 1, dir, log)).hasSize(1);
        }
    }

    /** A user's own pair of networks, named on the command line as class:...OwnMlps. */
    public static final class OwnMlps implements dev.stablegan.djl.nn.ImageNetworkFactory {
        @Override
        public ai.djl.nn.Block generator(int latentDim, int channels, int size, int width) {
            ai.djl.nn.SequentialBlock g = new ai.djl.nn.SequentialBlock();
            g.add(ai.djl.nn.core.Linear.builder().setUnits((long) channels * size * size).build());
            g.add(ai.djl.nn.Activation.tanhBlock());
            g.add(ai.djl.nn.LambdaBlock.singleton(x -> x.reshape(-1, channels, size, size)));
            return g;
        }

        @Override
        public ai.djl.nn.Block critic(int channels, int size, int width, NetworkSpec.Normalization normalization) {
            ai.djl.nn.SequentialBlock d = new ai.djl.nn.SequentialBlock();
            d.add(ai.djl.nn.Blocks.batchFlattenBlock());
            d.add(ai.djl.nn.core.Linear.builder().setUnits(1).build());
            return d;
        }
    }

    @Test
    void aUsersOwnArchitectureJoinsTheGridByClassName() throws IOException {
        Family own = Family.of("class:" + OwnMlps.class.getName());
        assertThat(own.id()).isEqualTo("RobustnessSweepTests-OwnMlps");
        RobustnessSweep.Settings s = new RobustnessSweep.Settings(List.of(own), List.of(RobustnessMethod.WGAN_GP), RobustnessPreset.CPU, 16,
                4, 1, 20, 5);
        LabelledImages test = SyntheticDigits.squares("test", 30, 1);
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            List<Map<String, Object>> rows = RobustnessSweep.run(s, trainImages(), ClassifierRecipe.asImages(test, test.count()), scorer,
                    dir, log);
            assertThat(rows).singleElement().satisfies(r -> assertThat(r.get("architecture")).isEqualTo("RobustnessSweepTests-OwnMlps"));
        }
        assertThat(RobustnessSweep.spec(s, own, RobustnessMethod.WGAN_GP, 1).critic())
                .isEqualTo(new NetworkSpec.CustomImageCritic(OwnMlps.class.getName(), 1, 16, 4, NetworkSpec.Normalization.LAYER));
        assertThatThrownBy(() -> Family.of("class:")).hasMessageContaining("names no class");
    }

    @Test
    void colourImagesAreScoredByATorchScriptInceptionAgainstTrainingImages() throws IOException {
        InMemoryImages colour = colourImages(40);
        RobustnessSweep.Settings one = new RobustnessSweep.Settings(List.of(Family.of("dcgan")), List.of(RobustnessMethod.DCGAN),
                RobustnessPreset.CPU, 16, 4, 2, 20, 5);
        List<RgbImage> reference = RobustnessSweep.referenceImages(colour, 20, 5);
        assertThat(reference).hasSize(20).allSatisfy(r -> assertThat(r.width()).isEqualTo(16));
        // Pixels come back exactly: the byte of channel c at (y, x) is the training image's.
        byte[] first = reference.get(0).rgb();
        boolean found = false;
        for (int i = 0; i < colour.size() && !found; i++) {
            byte[] image = colour.image(i);
            found = image[0] == first[0] && image[256] == first[1] && image[512] == first[2] && image[17] == first[3 * 17];
        }
        assertThat(found).isTrue();
        List<Map<String, Object>> rows;
        try (TorchScriptInception inception = TorchScriptInception.load(TINY_INCEPTION)) {
            rows = RobustnessSweep.run(one, colour, reference, inception, dir, log);
        }
        Map<String, Object> r = rows.get(0);
        assertThat((String) r.get("score_name")).startsWith("IS-").doesNotContain("LeNet");
        assertThat((Double) r.get("fid")).isFinite();
        BufferedImage samples = ImageIO.read(dir.resolve("dcgan_dcgan").resolve("samples.png").toFile());
        boolean coloured = false;
        for (int y = 0; y < samples.getHeight() && !coloured; y++) {
            for (int x = 0; x < samples.getWidth() && !coloured; x++) {
                int rgb = samples.getRGB(x, y);
                coloured = ((rgb >> 16) & 0xff) != (rgb & 0xff);
            }
        }
        assertThat(coloured).as("the samples are drawn in colour").isTrue();
    }

    @Test
    void theShippedLeNetRefusesColourImages() throws IOException {
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-fashion-mnist")) {
            assertThatThrownBy(() -> RobustnessSweep.run(TINY, colourImages(20), List.of(), scorer, dir, log))
                    .hasMessageContaining("3 channels").hasMessageContaining("Inception");
        }
    }

    /** Random colour images with a colour cast per image, so that red and blue differ. */
    private static InMemoryImages colourImages(int n) {
        dev.stablegan.api.RandomStream random = new dev.stablegan.api.RandomStream(8);
        byte[] pixels = new byte[n * 3 * 16 * 16];
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < 3; c++) {
                int cast = random.nextInt(200);
                for (int p = 0; p < 256; p++) {
                    pixels[(k * 3 + c) * 256 + p] = (byte) (cast + random.nextInt(56));
                }
            }
        }
        return new InMemoryImages("colour squares", n, 3, 16, 16, pixels);
    }

    @Test
    void verdictsFollowPixelThenFeatureDiversity() {
        assertThat(RobustnessSweep.verdict(0.3, 1.0)).isEqualTo("mode-collapsed");
        assertThat(RobustnessSweep.verdict(0.9, 0.2)).isEqualTo("failed");
        assertThat(RobustnessSweep.verdict(0.9, 0.8)).isEqualTo("trained");
    }

    @Test
    void eachMethodKeepsThePapersHyperparameters() {
        assertThat(RobustnessMethod.WGAN_GP.objective()).isEqualTo(new ObjectiveSpec.WganGp(10, false));
        assertThat(RobustnessMethod.WGAN_GP.criticSteps()).isEqualTo(5);
        assertThat(RobustnessMethod.WGAN_GP.criticNormalization(ImageArchitecture.DCGAN)).isEqualTo(NetworkSpec.Normalization.LAYER);
        assertThat(RobustnessMethod.WGAN_CLIP.objective()).isEqualTo(new ObjectiveSpec.WganClip(0.01));
        assertThat(RobustnessMethod.DCGAN.criticSteps()).isEqualTo(1);
        assertThat(RobustnessMethod.LSGAN.criticNormalization(ImageArchitecture.NO_NORMALIZATION)).isEqualTo(NetworkSpec.Normalization.NONE);
        assertThat(RobustnessSweep.spec(TINY, Family.of("gated"), RobustnessMethod.WGAN_CLIP, 1).criticOptimizer())
                .isEqualTo(RobustnessMethod.WGAN_CLIP.optimizer());
        assertThatThrownBy(() -> RobustnessMethod.byName("began")).hasMessageContaining("wgan-gp, wgan-clip, dcgan, lsgan");
    }

    private static InMemoryImages trainImages() {
        return SyntheticDigits.squares("train", 60, 0).toImages(16);
    }
}
