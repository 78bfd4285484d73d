package dev.stablegan.appside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.StepReport;
import dev.stablegan.data.idx.IdxFolder;
import dev.stablegan.data.images.Cifar10Binary;
import dev.stablegan.data.images.ImageFolders;
import dev.stablegan.data.images.ImageRecords;
import dev.stablegan.data.text.CharVocabulary;
import dev.stablegan.data.text.TextRecords;
import dev.stablegan.data.text.WordNetSentences;
import dev.stablegan.djl.data.DatasetBatchSource;
import dev.stablegan.djl.train.DjlGanTrainer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, from an application's side (a package of its own, public API only): our readers load data as DJL
 * datasets, and a trainer takes one step of WGAN-GP on each.
 */
class DataAsDjlDatasetsTests {
    @TempDir
    Path dir;

    private final PrintWriter log = new PrintWriter(new StringWriter(), true);
    private final OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);

    private static void assertOneFiniteStep(GanSpec spec, DatasetBatchSource data) {
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, data)) {
            StepReport report = trainer.step();
            assertThat(report.scalars()).containsKey("critic_loss");
            assertThat(report.scalars().values()).allSatisfy(v -> assertThat(v).isFinite());
        }
    }

    private GanSpec imageSpec(int channels, int size) {
        return new GanSpec(new NetworkSpec.ImageGenerator(ImageArchitecture.DCGAN, 16, channels, size, 4),
                new NetworkSpec.ImageCritic(ImageArchitecture.DCGAN, channels, size, 4, NetworkSpec.Normalization.LAYER),
                new ObjectiveSpec.WganGp(10, false), adam, adam, new ScheduleSpec(1, 1, 4, false), 1);
    }

    @Test
    void aFolderOfPngsTrainsThroughImageRecords() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 3; i++) {
            BufferedImage image = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i, i, 0xFFFFFF);
            ImageIO.write(image, "png", folder.resolve("p" + i + ".png").toFile());
        }
        ImageRecords records = ImageRecords.of(ImageFolders.open(folder, 8, log));
        assertThat(records.size()).isEqualTo(3);
        assertOneFiniteStep(imageSpec(3, 8), new DatasetBatchSource(records, records.images().id()));
    }

    @Test
    void anMnistLayoutFolderTrainsThroughIdxFolderWithItsLabels() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        byte[] pixels = new byte[4 * 28 * 28];
        for (int i = 0; i < 4; i++) {
            pixels[i * 28 * 28 + 14 * 28 + 14] = (byte) 255;
        }
        gzip(mnist.resolve("train-images-idx3-ubyte.gz"), idx(new int[] {4, 28, 28}, pixels));
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), idx(new int[] {4}, new byte[] {5, 0, 4, 1}));
        ImageRecords records = ImageRecords.of(IdxFolder.read(mnist, IdxFolder.Split.TRAIN, "my-mnist"), 8);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            assertThat(records.get(m, 2).getLabels().head().getInt()).isEqualTo(4);
        }
        assertOneFiniteStep(imageSpec(1, 8), new DatasetBatchSource(records, "my-mnist@8"));
        assertThatThrownBy(() -> IdxFolder.read(mnist, IdxFolder.Split.TEST, "my-mnist")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte");
    }

    @Test
    void textLinesTrainTheCharacterGanThroughTextRecords() {
        List<String> lines = List.of("the cat sat", "a dog ran", "birds sing");
        CharVocabulary vocabulary = CharVocabulary.of(lines, 8, 32);
        TextRecords records = TextRecords.of(lines, vocabulary);
        GanSpec spec = new GanSpec(new NetworkSpec.CharResNetGenerator(16, vocabulary.size(), 8, 8, 1),
                new NetworkSpec.CharResNetCritic(vocabulary.size(), 8, 8, 1), new ObjectiveSpec.WganGp(10, false), adam, adam,
                new ScheduleSpec(1, 1, 4, false), 1);
        assertOneFiniteStep(spec, new DatasetBatchSource(records, "lines"));
    }

    @Test
    void cifarBatchesAndWordNetDataFilesLoadAsDjlDatasetsToo() throws IOException {
        Path cifar = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) {
            byte[] batch = new byte[2 * Cifar10Binary.RECORD]; // label byte, then 3 x 32 x 32 pixels, per record
            batch[Cifar10Binary.RECORD] = 7;
            Files.write(cifar.resolve("data_batch_" + b + ".bin"), batch);
        }
        ImageRecords images = ImageRecords.of(ImageFolders.open(cifar, 16, log));
        assertThat(images.size()).isEqualTo(10);
        assertThat(new DatasetBatchSource(images, images.images().id()).exampleShape()).containsExactly(3, 16, 16);

        Path wordnet = Files.createDirectories(dir.resolve("wordnet"));
        for (String name : WordNetSentences.DATA_FILES) {
            Files.writeString(wordnet.resolve(name), "00001740 03 n 01 entity 0 | that which exists; \"a " + name.substring(5)
                    + " in a sentence\"\n");
        }
        List<String> lines = WordNetSentences.read(wordnet, 24, log);
        assertThat(lines).hasSize(4).contains("a noun in a sentence");
        CharVocabulary vocabulary = CharVocabulary.of(lines, 24, 40);
        TextRecords text = TextRecords.of(lines, vocabulary);
        assertThat(text.size()).isEqualTo(4);
        assertThat(new DatasetBatchSource(text, "wordnet").exampleShape()).containsExactly(vocabulary.size(), 24);
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    /** An IDX file: magic 0 0 8 (unsigned bytes) and the number of dimensions, the dimensions big-endian, the values. */
    private static byte[] idx(int[] dims, byte[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            out.writeBytes(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
        }
        out.writeBytes(values);
        return out.toByteArray();
    }
}
