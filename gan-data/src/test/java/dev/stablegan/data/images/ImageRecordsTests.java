package dev.stablegan.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;
import dev.stablegan.api.RandomStream;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.djl.data.DatasetBatchSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Issue 20: our image readers as a DJL dataset give the trainers exactly the batches ImageBatchSource gives. */
class ImageRecordsTests {
    private final PrintWriter log = new PrintWriter(new StringWriter(), true);

    /** Five RGB 3x3 images whose bytes differ, so any mix-up of images or channels shows. */
    private static InMemoryImages fiveImages() {
        byte[] pixels = new byte[5 * 3 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7 % 256);
        }
        return new InMemoryImages("five", 5, 3, 3, 3, pixels);
    }

    @Test
    void theDatasetThroughDatasetBatchSourceDrawsTheBatchesOfImageBatchSourceBitForBit() {
        InMemoryImages images = fiveImages();
        DatasetBatchSource viaDjl = new DatasetBatchSource(ImageRecords.of(images), images.id());
        ImageBatchSource direct = new ImageBatchSource(images, log);
        assertThat(viaDjl.exampleShape()).containsExactly(direct.exampleShape());
        try (NDManager m = NDManager.newBaseManager()) {
            RandomStream a = new RandomStream(11);
            RandomStream b = new RandomStream(11);
            for (int step = 0; step < 3; step++) {
                float[] fromDjl = viaDjl.next(m, a, 7).toFloatArray();
                float[] fromSource = direct.next(m, b, 7).toFloatArray();
                assertThat(fromDjl).as("batch %d", step).containsExactly(fromSource);
            }
        }
    }

    @Test
    void aRecordIsOneImageScaledToMinusOneToOneWithItsClassWhenLabelled() throws IOException {
        byte[] pixels = {0, (byte) 255, 51, 102, 0, 0, 0, 0};
        LabelledImages digits = new LabelledImages("two", 2, 2, 2, pixels, new byte[] {7, 3}, 10);
        ImageRecords records = ImageRecords.of(digits, 2);
        assertThat(records.size()).isEqualTo(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Record first = records.get(m, 0);
            // 0 -> -1, 255 -> 1, 51 -> 51/127.5 - 1 = -0.6, 102 -> -0.2
            assertThat(first.getData().head().toFloatArray()).containsExactly(-1f, 1f, 51 / 127.5f - 1f, 102 / 127.5f - 1f);
            assertThat(first.getData().head().getShape().getShape()).containsExactly(1, 2, 2);
            assertThat(first.getLabels().head().getInt()).isEqualTo(7);
            assertThat(records.get(m, 1).getLabels().head().getInt()).isEqualTo(3);
            assertThat(ImageRecords.of(fiveImages()).get(m, 4).getLabels()).isEmpty();
            assertThatThrownBy(() -> records.get(m, 2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("two")
                    .hasMessageContaining("record 2 of 2");
        }
    }

    @Test
    void labelsThatDoNotMatchTheImagesAreRefusedByCount() {
        assertThatThrownBy(() -> ImageRecords.builder().images(fiveImages()).labels(new byte[4]).setSampling(1, false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 labels for 5 images");
        assertThatThrownBy(() -> ImageRecords.builder().setSampling(1, false).build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("images");
    }
}
