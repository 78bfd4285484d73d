package dev.stablegan.djl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.basicdataset.cv.classification.ImageFolder;
import ai.djl.modality.cv.transform.Normalize;
import ai.djl.modality.cv.transform.Resize;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.StepReport;
import dev.stablegan.djl.train.DjlGanTrainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: a DJL dataset (here DJL's own ImageFolder over a folder of PNGs) is the trainers' real data. */
class DatasetBatchSourceTests {
    @TempDir
    Path dir;

    /** Six 12x12 PNGs in two class folders, each a flat colour, so every example is known. */
    private Path imageFolder() throws IOException {
        for (int i = 0; i < 6; i++) {
            Path classDir = Files.createDirectories(dir.resolve("faces").resolve(i % 2 == 0 ? "a" : "b"));
            BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    image.setRGB(x, y, (40 * i) << 16 | 128 << 8 | 255 - 40 * i);
                }
            }
            ImageIO.write(image, "png", classDir.resolve("img" + i + ".png").toFile());
        }
        return dir.resolve("faces");
    }

    private ImageFolder prepared(Path folder) throws IOException, TranslateException {
        ImageFolder images = ImageFolder.builder().setRepositoryPath(folder).addTransform(new Resize(8, 8)).addTransform(new ToTensor())
                .addTransform(new Normalize(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f})).setSampling(1, false).build();
        images.prepare();
        return images;
    }

    @Test
    void batchesAreSeededStacksOfExamplesInTheGeneratorsRange() throws IOException, TranslateException {
        DatasetBatchSource source = new DatasetBatchSource(prepared(imageFolder()), "folder:faces@8");
        assertThat(source.exampleShape()).containsExactly(3, 8, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = source.next(m, new RandomStream(5), 4);
            NDArray b = source.next(m, new RandomStream(5), 4);
            assertThat(a.getShape().getShape()).containsExactly(4, 3, 8, 8);
            assertThat(a.toFloatArray()).as("the same stream draws the same batch").containsExactly(b.toFloatArray());
            float[] values = a.toFloatArray();
            // green is 128 everywhere: (128/255 - 0.5) / 0.5 = 0.00392
            assertThat(values[64]).isCloseTo(2 * 128 / 255f - 1, org.assertj.core.api.Assertions.within(1e-6f));
            assertThat(Arrays.stream(box(values)).allMatch(v -> v >= -1 && v <= 1)).isTrue();
        }
    }

    /** The README's application snippet in substance: WGAN-GP on a folder of images through the DJL dataset. */
    @Test
    void aTrainerTrainsOnTheFolder() throws IOException, TranslateException {
        DatasetBatchSource source = new DatasetBatchSource(prepared(imageFolder()), "folder:faces@8");
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);
        GanSpec spec = new GanSpec(new NetworkSpec.ImageGenerator(ImageArchitecture.DCGAN, 16, 3, 8, 4),
                new NetworkSpec.ImageCritic(ImageArchitecture.DCGAN, 3, 8, 4, NetworkSpec.Normalization.LAYER), new ObjectiveSpec.WganGp(10, false),
                adam, adam, new ScheduleSpec(2, 2, 4, false), 1);
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, source)) {
            StepReport report = trainer.step();
            assertThat(report.scalars()).containsKey("critic_loss");
            assertThat(report.scalars().values()).allSatisfy(v -> assertThat(v).isFinite());
        }
    }

    @Test
    void anEmptyOrUnpreparedDatasetIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("empty").resolve("a"));
        ImageFolder unprepared = ImageFolder.builder().setRepositoryPath(dir.resolve("empty")).setSampling(1, false).build();
        assertThatThrownBy(() -> new DatasetBatchSource(unprepared, "folder:empty")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset 'folder:empty': has 0 records");
    }

    private static Float[] box(float[] values) {
        Float[] out = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
