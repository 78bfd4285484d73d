package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.nn.Networks;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime guard: a non-finite gradient stops the step that made it; non-finite parameters never reach or leave a checkpoint. */
class NonFiniteValuesTests {
    @TempDir
    Path dir;

    /** The shifted Gaussian of {@link DjlGanTrainerTests}, with one NaN coordinate from batch {@code poisonedFrom} on. */
    static final class NanFromBatch implements BatchSource {
        private final DjlGanTrainerTests.ShiftedGaussian clean = new DjlGanTrainerTests.ShiftedGaussian(2);
        private final int poisonedFrom;
        private int batches;

        NanFromBatch(int poisonedFrom) {
            this.poisonedFrom = poisonedFrom;
        }

        @Override
        public long[] exampleShape() {
            return clean.exampleShape();
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int batchSize) {
            NDArray batch = clean.next(manager, random, batchSize);
            if (++batches < poisonedFrom) {
                return batch;
            }
            float[] values = batch.toFloatArray();
            values[3] = Float.NaN;
            return manager.create(values, new Shape(batchSize, 2));
        }

        @Override
        public String identity() {
            return "test:nan-from-batch-" + poisonedFrom;
        }
    }

    @Test
    void aNonFiniteGradientStopsTheStepThatMadeItBeforeAnyUpdate() {
        // 2 critic updates per step: batches 1-4 are clean (steps 1 and 2), batch 5 is step 3's first critic update.
        try (DjlGanTrainer trainer = DjlGanTrainer.create(DjlGanTrainerTests.spec(new ObjectiveSpec.Wgan(), 10), new NanFromBatch(5))) {
            trainer.step();
            trainer.step();
            Map<String, float[]> before = values(trainer.critic());
            assertThatThrownBy(trainer::step)
                    .isInstanceOfSatisfying(NonFiniteValuesException.class, e -> {
                        assertThat(e.network()).isEqualTo("critic");
                        assertThat(Networks.namedParameters(trainer.critic())).containsKey(e.parameter());
                    })
                    .hasMessageContaining("step 3, critic update 1 of 2: the gradient of critic parameter '")
                    .hasMessageContaining("non-finite value")
                    .hasMessageContaining("the update was not applied");
            assertThat(values(trainer.critic())).as("critic parameters after the refused update")
                    .usingRecursiveComparison().isEqualTo(before);
        }
    }

    @Test
    void aCheckpointIsNeverWrittenFromNonFiniteParameters() throws IOException {
        Path file = dir.resolve("checkpoint.ckpt");
        try (DjlGanTrainer trainer = wganTrainer()) {
            trainer.step();
            trainer.saveCheckpoint(file);
            byte[] good = Files.readAllBytes(file);
            trainer.step();
            String poisoned = poisonOneValue(trainer.generator());
            assertThatThrownBy(() -> trainer.saveCheckpoint(file))
                    .isInstanceOf(NonFiniteValuesException.class)
                    .hasMessageContaining("checkpoint " + file + ": not written")
                    .hasMessageContaining("generator parameter '" + poisoned + "' has 1 non-finite value");
            assertThat(Files.readAllBytes(file)).as("the previous checkpoint").isEqualTo(good);
            try (var files = Files.list(dir)) {
                assertThat(files).as("files in the run folder").containsExactly(file);
            }
        }
    }

    @Test
    void aCheckpointWithNonFiniteParametersIsRefusedOnLoad() throws IOException {
        Path good = dir.resolve("good.ckpt");
        Path bad = dir.resolve("bad.ckpt");
        String poisoned;
        try (DjlGanTrainer trainer = wganTrainer()) {
            trainer.step();
            trainer.saveCheckpoint(good);
            // A checkpoint as a version without the write check could leave it: the generator's part poisoned, the rest as saved.
            CheckpointFile.Contents contents = CheckpointFile.read(good);
            byte[] generatorPart = serialized(trainer.generator());
            poisoned = poisonOneValue(trainer.generator());
            byte[] poisonedPart = serialized(trainer.generator());
            assertThat(poisonedPart).hasSameSizeAs(generatorPart);
            assertThat(Arrays.copyOf(contents.body(), generatorPart.length)).isEqualTo(generatorPart);
            byte[] body = contents.body().clone();
            System.arraycopy(poisonedPart, 0, body, 0, poisonedPart.length);
            CheckpointFile.write(bad, contents.metadataJson(), out -> out.write(body));
        }
        assertThatThrownBy(() -> TrainedGenerator.load(bad))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checkpoint " + bad + ": refused")
                .hasMessageContaining("generator parameter '" + poisoned + "'");
        try (DjlGanTrainer fresh = wganTrainer()) {
            assertThatThrownBy(() -> fresh.resume(bad))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("checkpoint " + bad + ": refused")
                    .hasMessageContaining("generator parameter '" + poisoned + "'");
        }
        try (TrainedGenerator loaded = TrainedGenerator.load(good)) {
            assertThat(loaded.step()).isEqualTo(1);
        }
    }

    /** A small WGAN trainer on the shifted Gaussian, 10 steps, 2 critic updates per step. */
    /** A sound checkpoint, written after one step of {@link #wganTrainer()}: what the damaged copies start from. */
    private Path checkpointAfterOneStep() throws IOException {
        Path good = dir.resolve("good.ckpt");
        try (DjlGanTrainer trainer = wganTrainer()) {
            trainer.step();
            trainer.saveCheckpoint(good);
        }
        return good;
    }

    private static DjlGanTrainer wganTrainer() {
        return DjlGanTrainer.create(DjlGanTrainerTests.spec(new ObjectiveSpec.Wgan(), 10), new DjlGanTrainerTests.ShiftedGaussian(2));
    }

    /** Sets one value of the generator's first weight to NaN, in place; returns the parameter's name. */
    private static String poisonOneValue(Block network) {
        Map.Entry<String, Parameter> first = Networks.namedParameters(network).entrySet().iterator().next();
        NDArray w = first.getValue().getArray();
        float[] values = w.toFloatArray();
        values[0] = Float.NaN;
        w.set(values);
        return first.getKey();
    }

    private static byte[] serialized(Block network) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static Map<String, float[]> values(Block network) {
        Map<String, float[]> out = new LinkedHashMap<>();
        Networks.namedParameters(network).forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }

    /** Issue 17, item 8: a checkpoint whose metadata step is out of range, or missing, is refused naming the field. */
    @Test
    void aCheckpointStepOutOfRangeOrMissingIsRefused() throws IOException {
        Path good = checkpointAfterOneStep();
        CheckpointFile.Contents contents = CheckpointFile.read(good);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("-5", "metadata field 'step' is -5, outside 0..10^12");
        cases.put("1000000000000000", "metadata field 'step' is 1000000000000000, outside 0..10^12");
        cases.put(null, "metadata field 'step' is missing or not a number");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            com.google.gson.JsonObject meta = com.google.gson.JsonParser.parseString(contents.metadataJson()).getAsJsonObject();
            if (c.getKey() == null) {
                meta.remove("step");
            } else {
                meta.addProperty("step", Long.parseLong(c.getKey()));
            }
            Path bad = dir.resolve("bad.ckpt");
            CheckpointFile.write(bad, meta.toString(), out -> out.write(contents.body()));
            try (DjlGanTrainer fresh = wganTrainer()) {
                assertThatThrownBy(() -> fresh.resume(bad)).as("step %s", c.getKey()).isInstanceOf(IOException.class)
                        .hasMessageContaining("checkpoint " + bad + ": " + c.getValue());
            }
        }
    }

    /**
     * Issue 17, item 8: a checkpoint whose body ends early but whose checksum matches (damaged before it was framed, or
     * made for a smaller model) was a bare EOFException; now the file and the cause are named.
     */
    @Test
    void aCheckpointBodyThatEndsEarlyIsNamedNotABareEndOfFile() throws IOException {
        Path good = checkpointAfterOneStep();
        CheckpointFile.Contents contents = CheckpointFile.read(good);
        Path shortBody = dir.resolve("short.ckpt");
        CheckpointFile.write(shortBody, contents.metadataJson(), out -> out.write(contents.body(), 0, contents.body().length / 3));
        try (DjlGanTrainer fresh = wganTrainer()) {
            assertThatThrownBy(() -> fresh.resume(shortBody)).isInstanceOf(IOException.class)
                    .hasMessage("checkpoint " + shortBody + ": the body ends before all parameters were read (written for a smaller"
                            + " model, or damaged before its checksum)");
        }
        Path noBody = dir.resolve("empty-body.ckpt");
        CheckpointFile.write(noBody, contents.metadataJson(), out -> { });
        assertThatThrownBy(() -> TrainedGenerator.load(noBody)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("checkpoint " + noBody + ": the body ends before all generator parameters were read");
    }
}
