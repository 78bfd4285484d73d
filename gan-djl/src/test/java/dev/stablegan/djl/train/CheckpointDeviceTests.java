package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.djl.Devices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint holds no device: written on one device it loads on another (on a machine with a GPU, {@code auto} is the
 * GPU and these tests move a CPU checkpoint onto it). The RNG streams are host state, so a resume on the same device stays
 * exact.
 */
class CheckpointDeviceTests {
    @TempDir
    Path dir;

    @Test
    void theCheckpointNamesNoDeviceOutsideItsProvenance() throws IOException {
        Path file = dir.resolve("c.ckpt");
        try (DjlGanTrainer trainer = DjlGanTrainer.create(DjlGanTrainerTests.spec(new ObjectiveSpec.WganGp(10, false), 5),
                new DjlGanTrainerTests.ShiftedGaussian(2), Devices.resolve("cpu"))) {
            trainer.step();
            trainer.saveCheckpoint(file);
        }
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        JsonObject meta = JsonParser.parseString(contents.metadataJson()).getAsJsonObject();
        assertThat(meta.getAsJsonObject("provenance").get("device").getAsString()).isEqualTo("cpu");
        meta.remove("provenance");
        String body = new String(contents.body(), StandardCharsets.ISO_8859_1);
        for (String device : new String[] {"cpu", "gpu", "cuda"}) {
            assertThat(meta.toString()).as("metadata without provenance").doesNotContainIgnoringCase(device);
            assertThat(body).as("parameter and optimizer bytes").doesNotContainIgnoringCase(device);
        }
    }

    @Test
    void aCheckpointWrittenOnTheCpuResumesAndSamplesOnAnotherDevice() throws IOException {
        Path file = dir.resolve("c.ckpt");
        float[][] expected;
        float lossAfter;
        try (DjlGanTrainer trainer = DjlGanTrainer.create(DjlGanTrainerTests.spec(new ObjectiveSpec.WganGp(10, false), 5),
                new DjlGanTrainerTests.ShiftedGaussian(2), Devices.resolve("cpu"))) {
            trainer.step();
            trainer.saveCheckpoint(file);
            lossAfter = trainer.step().scalars().get("critic_loss").floatValue();
            try (TrainedGenerator g = TrainedGenerator.load(file, Device.cpu())) {
                expected = g.sample(16, 3L);
            }
        }
        Device other = Devices.resolve("auto");
        try (TrainedGenerator g = TrainedGenerator.load(file, other)) {
            float[][] moved = g.sample(16, 3L);
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    assertThat(moved[i][j]).isCloseTo(expected[i][j], within(1e-4f));
                }
            }
        }
        try (DjlGanTrainer resumed = DjlGanTrainer.create(DjlGanTrainerTests.spec(new ObjectiveSpec.WganGp(10, false), 5),
                new DjlGanTrainerTests.ShiftedGaussian(2), other)) {
            resumed.resume(file);
            assertThat(resumed.device()).isEqualTo(other);
            assertThat(resumed.currentStep()).isEqualTo(1);
            assertThat(resumed.step().scalars().get("critic_loss").floatValue()).isCloseTo(lossAfter, within(1e-4f));
        }
    }
}
