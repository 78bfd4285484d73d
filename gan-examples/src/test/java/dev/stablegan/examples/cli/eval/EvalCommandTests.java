package dev.stablegan.examples.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.features.Sha256;
import dev.stablegan.eval.io.NpyFiles;
import dev.stablegan.eval.metric.FrechetDistance;
import dev.stablegan.eval.metric.InceptionScore;
import dev.stablegan.eval.metric.KernelInceptionDistance;
import dev.stablegan.examples.GanCli;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./gan eval}: one JSON object on stdout per metric; bad input is one error line, exit 2, empty stdout. */
class EvalCommandTests {
    private static final Path TINY_INCEPTION = Path.of("../gan-eval/src/test/resources/dev/stablegan/eval/features/tiny_inception.pt");

    @TempDir
    Path dir;
    private Path real;
    private Path fake;
    private FeatureMatrix realRows;
    private FeatureMatrix fakeRows;

    @BeforeEach
    void features() throws IOException {
        realRows = synthetic("real", 60, 4, 0.0);
        fakeRows = synthetic("fake", 50, 4, 0.3);
        real = dir.resolve("real.npy");
        fake = dir.resolve("fake.npy");
        NpyFiles.write(real, realRows, true);
        NpyFiles.write(fake, fakeRows, false);
    }

    @Test
    void fidPrintsTheValueItsPartsAndWhereTheFeaturesCameFrom() throws IOException {
        JsonObject out = ok("eval", "fid", "--real", real.toString(), "--fake", fake.toString());
        double expected = FrechetDistance.between(realRows, NpyFiles.read(fake)).value();
        assertThat(out.get("metric").getAsString()).isEqualTo("fid");
        assertThat(out.get("value").getAsDouble()).isCloseTo(expected, within(1e-9));
        assertThat(out.get("mean_term").getAsDouble() + out.get("trace_term").getAsDouble()).isCloseTo(expected, within(1e-9));
        assertThat(out.getAsJsonObject("real").get("samples").getAsInt()).isEqualTo(60);
        assertThat(out.getAsJsonObject("fake").get("samples").getAsInt()).isEqualTo(50);
        assertThat(out.getAsJsonObject("fake").get("sha256").getAsString()).isEqualTo(Sha256.of(fake));
        assertThat(out.get("feature_dim").getAsInt()).isEqualTo(4);
        assertThat(out.get("extractor").isJsonNull()).isTrue();
        assertThat(out.getAsJsonObject("provenance").get("engine").getAsString()).contains("PyTorch");
    }

    @Test
    void kidAndPrdcPrintTheirFields() {
        JsonObject kid = ok("eval", "kid", "--real", real.toString(), "--fake", fake.toString(), "--subsets", "4", "--subset-size",
                "20", "--seed", "3");
        KernelInceptionDistance.Result r = KernelInceptionDistance.between(realRows, readQuietly(fake), 4, 20, 3);
        assertThat(kid.get("value").getAsDouble()).isCloseTo(r.mean(), within(1e-12));
        assertThat(kid.get("std").getAsDouble()).isCloseTo(r.std(), within(1e-12));
        assertThat(kid.get("subset_size").getAsInt()).isEqualTo(20);

        JsonObject prdc = ok("eval", "prdc", "--real", real.toString(), "--fake", fake.toString());
        for (String field : List.of("precision", "recall", "density", "coverage")) {
            assertThat(prdc.get(field).getAsDouble()).isBetween(0.0, 2.0);
        }
        assertThat(prdc.get("k_precision_recall").getAsInt()).isEqualTo(3);
        assertThat(prdc.get("k_density_coverage").getAsInt()).isEqualTo(5);
        assertThat(ok("eval", "prdc", "--real", real.toString(), "--fake", fake.toString(), "--k", "2").get("k_density_coverage")
                .getAsInt()).isEqualTo(2);
    }

    @Test
    void isScoresProbabilitiesOrLogits() throws IOException {
        FeatureMatrix logits = FeatureMatrix.of("logits", new double[][] {{0, 2, -1}, {3, 0, 0}, {0, 0, 4}, {1, 1, 1}});
        Path logitsFile = dir.resolve("logits.npy");
        Path probsFile = dir.resolve("probs.npy");
        NpyFiles.write(logitsFile, logits, true);
        NpyFiles.write(probsFile, InceptionScore.softmax(logits), true);
        double expected = InceptionScore.of(InceptionScore.softmax(logits), 2).mean();
        JsonObject fromProbs = ok("eval", "is", "--probs", probsFile.toString(), "--splits", "2");
        JsonObject fromLogits = ok("eval", "is", "--logits", logitsFile.toString(), "--splits", "2");
        assertThat(fromProbs.get("value").getAsDouble()).isCloseTo(expected, within(1e-12));
        assertThat(fromLogits.get("value").getAsDouble()).isCloseTo(expected, within(1e-12));
        assertThat(fromProbs.has("std")).isTrue();
        assertThat(fromProbs.get("samples").getAsInt()).isEqualTo(4);
    }

    @Test
    void ngramJsPrintsEveryOrder() throws IOException {
        Path ref = Files.writeString(dir.resolve("ref.txt"), "the cat sat\nthe dog ran\n");
        Path gen = Files.writeString(dir.resolve("gen.txt"), "the cat ran\n");
        JsonObject out = ok("eval", "ngram-js", "--reference", ref.toString(), "--samples", gen.toString(), "--n", "3");
        assertThat(out.get("value").getAsDouble()).isEqualTo(out.get("js3").getAsDouble());
        assertThat(out.get("js1").getAsDouble()).isLessThan(out.get("js3").getAsDouble());
        assertThat(out.getAsJsonObject("samples").get("lines").getAsInt()).isEqualTo(1);
    }

    @Test
    void imageFoldersGoThroughTheNamedExtractor() throws IOException {
        Path realDir = images("real_images", 3, 0);
        Path fakeDir = images("fake_images", 3, 40);
        JsonObject out = ok("eval", "fid", "--real", realDir.toString(), "--fake", fakeDir.toString(), "--extractor", "inception",
                "--inception-file", TINY_INCEPTION.toString());
        assertThat(out.get("name").getAsString()).isEqualTo("FID-Inception");
        assertThat(out.get("feature_dim").getAsInt()).isEqualTo(2048);
        assertThat(out.getAsJsonObject("extractor").get("sha256").getAsString()).isEqualTo(Sha256.of(TINY_INCEPTION));
        assertThat(out.getAsJsonObject("extractor").get("resize").getAsString()).contains("299");
        JsonObject is = ok("eval", "is", "--fake", fakeDir.toString(), "--extractor", "inception", "--inception-file",
                TINY_INCEPTION.toString(), "--splits", "1");
        assertThat(is.get("name").getAsString()).isEqualTo("IS-Inception");
        assertThat(is.get("classes").getAsInt()).isEqualTo(1008);
    }

    @Test
    void theShippedLeNetScoresFoldersOfDigitSizedImages() throws IOException {
        Path realDir = images("digits_real", 12, 0, 28, 28);
        Path fakeDir = images("digits_fake", 12, 90, 28, 28);
        JsonObject kid = ok("eval", "kid", "--real", realDir.toString(), "--fake", fakeDir.toString(), "--extractor", "lenet-mnist",
                "--subsets", "3", "--subset-size", "10");
        assertThat(kid.get("name").getAsString()).isEqualTo("KID-LeNet-MNIST");
        assertThat(kid.get("feature_dim").getAsInt()).isEqualTo(128);
        assertThat(kid.getAsJsonObject("extractor").get("test_accuracy").getAsDouble()).isGreaterThanOrEqualTo(0.99);
        JsonObject is = ok("eval", "is", "--fake", fakeDir.toString(), "--extractor", "lenet-mnist", "--splits", "2");
        assertThat(is.get("name").getAsString()).isEqualTo("IS-LeNet-MNIST");
        assertThat(is.get("value").getAsDouble()).isBetween(1.0, 10.0);
        bad("expected 28x28", "eval", "is", "--fake", images("big", 2, 0, 32, 32).toString(), "--extractor", "lenet-mnist");
    }

    @Test
    void badInputIsOneLineNamingTheFileWithNothingOnStdout() throws IOException {
        bad("name a metric", "eval");
        bad("missing.npy", "eval", "fid", "--real", dir.resolve("missing.npy").toString(), "--fake", fake.toString());
        Path ragged = dir.resolve("ragged.npy");
        Files.write(ragged, npyBytes("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 16));
        bad("ragged.npy", "eval", "fid", "--real", ragged.toString(), "--fake", fake.toString());
        Path text = Files.writeString(dir.resolve("numbers.npy"), "1,2\n3,x\n");
        bad("numbers.npy", "eval", "kid", "--real", text.toString(), "--fake", fake.toString());
        Path wide = dir.resolve("wide.npy");
        NpyFiles.write(wide, synthetic("wide", 10, 5, 0), false);
        bad("feature dimensions differ", "eval", "fid", "--real", real.toString(), "--fake", wide.toString());
        Path one = dir.resolve("one.npy");
        NpyFiles.write(one, synthetic("one", 1, 4, 0), false);
        bad("one.npy", "eval", "fid", "--real", real.toString(), "--fake", one.toString());
        Path nan = dir.resolve("nan.npy");
        Files.write(nan, npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", 0, Double.NaN));
        bad("nan.npy", "eval", "prdc", "--real", nan.toString(), "--fake", fake.toString());
        bad("subset-size", "eval", "kid", "--real", real.toString(), "--fake", fake.toString());
        bad("--splits", "eval", "is", "--probs", real.toString(), "--splits", "0");
        bad("probabilities (pass logits with --logits)", "eval", "is", "--probs", real.toString(), "--splits", "1");

        Path mixed = images("mixed", 2, 0);
        ImageIO.write(new BufferedImage(7, 7, BufferedImage.TYPE_INT_RGB), "png", mixed.resolve("z.png").toFile());
        bad("mixed sizes", "eval", "fid", "--real", mixed.toString(), "--fake", mixed.toString(), "--extractor", "inception",
                "--inception-file", TINY_INCEPTION.toString());
        bad("--extractor", "eval", "fid", "--real", mixed.toString(), "--fake", fake.toString());
        bad("--inception-file", "eval", "fid", "--real", mixed.toString(), "--fake", fake.toString(), "--extractor", "inception");
        bad("unknown feature network", "eval", "fid", "--real", mixed.toString(), "--fake", fake.toString(), "--extractor", "vgg");

        Path binary = dir.resolve("binary.txt");
        Files.write(binary, new byte[] {'a', 0, 'b'});
        bad("binary.txt", "eval", "ngram-js", "--reference", binary.toString(), "--samples", binary.toString());
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});
        bad("latin1.txt", "eval", "ngram-js", "--reference", latin1.toString(), "--samples", latin1.toString());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        bad("empty.txt", "eval", "ngram-js", "--reference", empty.toString(), "--samples", empty.toString());
    }

    private Path images(String name, int count, int shade) throws IOException {
        return images(name, count, shade, 6, 5);
    }

    private Path images(String name, int count, int shade, int width, int height) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, (((20 * i + shade) & 0xff) << 16) | (((10 * x) & 0xff) << 8) | ((30 * y) & 0xff));
                }
            }
            ImageIO.write(image, "png", folder.resolve("img" + i + ".png").toFile());
        }
        return folder;
    }

    private static FeatureMatrix synthetic(String name, int rows, int cols, double shift) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(1.3 * i + 0.7 * (i % cols)) + Math.cos(0.37 * i * i) + shift;
        }
        return new FeatureMatrix(name, rows, cols, v);
    }

    private static FeatureMatrix readQuietly(Path file) {
        try {
            return NpyFiles.read(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] npyBytes(String header, int padding, double... values) {
        byte[] head = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10 + head.length + padding + values.length * 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) head.length).put(head);
        for (double v : values) {
            buf.putDouble(v);
        }
        return buf.array();
    }

    /** Runs the CLI and returns stdout as JSON, requiring exit 0. */
    private static JsonObject ok(String... args) {
        Captured c = run(args);
        assertThat(c.code).as("exit code; stderr: %s", c.err).isZero();
        assertThat(c.out.lines().count()).isEqualTo(1);
        return JsonParser.parseString(c.out).getAsJsonObject();
    }

    private static void bad(String expectedInMessage, String... args) {
        Captured c = run(args);
        assertThat(c.code).as("exit code for %s; stderr: %s", String.join(" ", args), c.err).isEqualTo(GanCli.EXIT_BAD_INPUT);
        assertThat(c.out).as("stdout").isEmpty();
        List<String> errors = c.err.lines().filter(l -> l.contains("error:")).toList();
        assertThat(errors).as("stderr: %s", c.err).hasSize(1);
        assertThat(errors.get(0)).contains(expectedInMessage);
        assertThat(c.err).doesNotContain("\tat ");
    }

    private record Captured(int code, String out, String err) {}

    private static Captured run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = GanCli.execute(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
