package dev.stablegan.djl.train;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.Trainer;
import dev.stablegan.djl.Devices;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A semi-supervised GAN run (Salimans et al. 2016, section 5) under the {@link Trainer} contract: the
 * {@link SemiSupervisedTrainer}'s updates fed from a labelled set and an unlabelled pool, epoch by epoch, with listeners
 * and checkpoints.
 *
 * <p>Batches follow the authors' {@code train_mnist_feature_matching.py}: at the start of epoch {@code e} the layer
 * noise is reseeded with {@code e} and two permutations of the unlabelled pool are drawn (one for the discriminator, one
 * for feature matching); step {@code b} of the epoch takes rows {@code [b B, (b + 1) B)} of each and {@code B} labelled
 * examples from fresh shuffled passes over the labelled set. All draws come from one stream derived from the seed
 * ({@code "order"}), whose first draw, a permutation of the pool, picks the {@value #INIT_ROWS} rows of the
 * data-dependent initialization. The learning rate is {@code lr * f(t)} with {@link Schedule#lrFactor}.
 *
 * <p>Checkpoints are taken at the end of an epoch, the only point where a resume continues exactly (the engine's layer
 * noise is reseeded per epoch, not saved); {@link #saveCheckpoint} elsewhere is refused. A listener that evaluates per
 * epoch looks for {@link #atEpochEnd()} in {@code onStep}. Listeners get {@code null} as the spec in {@code onStart}.
 */
public final class SemiSupervisedGan extends ListenedTrainer {
    /** Rows of the pool the data-dependent initialization runs on. */
    public static final int INIT_ROWS = 500;

    /** The unlabelled pool: {@link #count()} rows of the input size, any of which can be copied out by index. */
    public interface Rows {
        int count();

        /** Rows {@code indices[from]} to {@code indices[from + n - 1]}, row-major. */
        float[] rows(int[] indices, int from, int n);
    }

    /**
     * What the run learns from.
     *
     * @param labelledRows the labelled examples, row-major, {@code labelledClasses.length} rows of the input size
     * @param labelledClasses their classes, in {@code [0, K)}
     * @param unlabelled the pool of unlabelled rows
     */
    public record Data(float[] labelledRows, int[] labelledClasses, Rows unlabelled) {
        public Data {
            Objects.requireNonNull(labelledRows, "labelledRows");
            Objects.requireNonNull(labelledClasses, "labelledClasses");
            Objects.requireNonNull(unlabelled, "unlabelled");
            if (labelledClasses.length == 0) {
                throw new IllegalArgumentException("labelledClasses: at least one labelled example is required");
            }
        }
    }

    /**
     * How long the run is and how its learning rate falls.
     *
     * @param batch examples per batch, labelled and unlabelled alike
     * @param stepsPerEpoch steps of one epoch
     * @param epochs the run's length
     * @param decayFrom the epoch after which the learning rate falls linearly to 0 at the run's last step; 0 for none
     */
    public record Schedule(int batch, int stepsPerEpoch, int epochs, int decayFrom) {
        public Schedule {
            SpecChecks.atLeast("batch", batch, 1);
            SpecChecks.atLeast("stepsPerEpoch", stepsPerEpoch, 1);
            SpecChecks.atLeast("epochs", epochs, 1);
            if (decayFrom < 0 || (decayFrom > 0 && decayFrom >= epochs)) {
                throw new IllegalArgumentException("decayFrom: must be 0 or in [1, epochs), got " + decayFrom + " with " + epochs + " epochs");
            }
        }

        public long totalSteps() {
            return (long) stepsPerEpoch * epochs;
        }

        /**
         * 1 up to epoch {@code decayFrom}, then falling linearly to 0 at the last step:
         * {@code (T - t) / (T - t0)} for step {@code t} counted from 0, {@code t0 = decayFrom * stepsPerEpoch}.
         */
        public double lrFactor(long step) {
            if (decayFrom == 0) {
                return 1.0;
            }
            long start = (long) decayFrom * stepsPerEpoch;
            long end = totalSteps();
            return step < start ? 1.0 : (double) (end - step) / (end - start);
        }
    }

    private final SemiSupervisedTrainer trainer;
    private final Data data;
    private final Schedule schedule;
    private final int inputDim;
    private final RandomStream order;
    private int[] discriminatorOrder;
    private int[] generatorOrder;

    /**
     * Builds both networks and initializes them ({@link SemiSupervisedTrainer}) on {@code device}.
     *
     * @param inputDim the size of one row
     */
    public SemiSupervisedGan(SemiSupervisedTrainer.Settings settings, SequentialBlock body, SequentialBlock head, Block generator,
            int inputDim, Data data, Schedule schedule, Device device) {
        if (data.labelledRows().length != (long) data.labelledClasses().length * inputDim) {
            throw new IllegalArgumentException("labelledRows: " + data.labelledRows().length + " values are not "
                    + data.labelledClasses().length + " rows of " + inputDim);
        }
        int[] classes = data.labelledClasses();
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= settings.classes()) {
                throw new IllegalArgumentException("labelledClasses[" + i + "]: class " + classes[i] + " is outside [0, "
                        + settings.classes() + ")");
            }
        }
        if (data.unlabelled().count() < (long) schedule.batch() * schedule.stepsPerEpoch()) {
            throw new IllegalArgumentException("stepsPerEpoch: " + schedule.stepsPerEpoch() + " batches of " + schedule.batch()
                    + " need " + (long) schedule.batch() * schedule.stepsPerEpoch() + " unlabelled rows, the pool has "
                    + data.unlabelled().count());
        }
        this.data = data;
        this.schedule = schedule;
        this.inputDim = inputDim;
        this.order = RandomStream.derive(settings.seed(), "order");
        int pool = data.unlabelled().count();
        int[] initRows = Arrays.copyOf(order.permutation(pool), Math.min(INIT_ROWS, pool));
        this.trainer = new SemiSupervisedTrainer(settings, body, head, generator, data.unlabelled().rows(initRows, 0, initRows.length),
                inputDim, device);
        this.deferFiniteChecks = device.isGpu();
    }

    /** As the other constructor, on the process's default device. */
    public SemiSupervisedGan(SemiSupervisedTrainer.Settings settings, SequentialBlock body, SequentialBlock head, Block generator,
            int inputDim, Data data, Schedule schedule) {
        this(settings, body, head, generator, inputDim, data, schedule, Devices.defaultDevice());
    }

    /** The updates, predictions and samples of the two networks. */
    public SemiSupervisedTrainer trainer() {
        return trainer;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** Epochs finished so far. */
    public int epochsDone() {
        return (int) (step / schedule.stepsPerEpoch());
    }

    /** Whether the last step ended an epoch (or nothing has been trained yet): where checkpoints are taken. */
    public boolean atEpochEnd() {
        return step % schedule.stepsPerEpoch() == 0;
    }

    /**
     * One discriminator and one generator update on the next batches; the report's scalars are {@code epoch} and
     * the trainer's ({@code loss_supervised}, {@code loss_unsupervised}, {@code train_error}, {@code loss_generator}).
     *
     * @throws IllegalStateException after the schedule's last step
     */
    @Override
    public StepReport step() {
        if (step >= schedule.totalSteps()) {
            throw new IllegalStateException("step: the schedule's " + schedule.totalSteps() + " steps (" + schedule.epochs()
                    + " epochs) are done; resume with more epochs to continue");
        }
        long started = System.nanoTime();
        int spe = schedule.stepsPerEpoch();
        int epoch = epochsDone() + 1;
        int inEpoch = (int) (step % spe);
        int pool = data.unlabelled().count();
        if (inEpoch == 0) {
            trainer.reseedLayerNoise(epoch);
            discriminatorOrder = order.permutation(pool);
            generatorOrder = order.permutation(pool);
        }
        int batch = schedule.batch();
        int[] picked = shuffled(data.labelledClasses().length, batch, order);
        float[] xl = new float[picked.length * inputDim];
        int[] yl = new int[picked.length];
        for (int k = 0; k < picked.length; k++) {
            System.arraycopy(data.labelledRows(), picked[k] * inputDim, xl, k * inputDim, inputDim);
            yl[k] = data.labelledClasses()[picked[k]];
        }
        // at least an epoch's unread scalars stay readable, so that a listener can read them at the epoch's end
        StepScalars scalars = newStepScalars(trainer.manager(), Math.max(StepScalars.KEPT_STEPS, spe));
        trainer.step(xl, yl, data.unlabelled().rows(discriminatorOrder, inEpoch * batch, batch),
                data.unlabelled().rows(generatorOrder, inEpoch * batch, batch), schedule.lrFactor(step), scalars, deferFiniteChecks);
        step++;
        return report(StepReport.deferred(step, schedule.totalSteps(), () -> {
            Map<String, Double> shown = new LinkedHashMap<>();
            shown.put("epoch", (double) epoch);
            shown.putAll(scalars.read());
            return shown;
        }, (System.nanoTime() - started) / 1e9));
    }

    @Override
    long totalSteps() {
        return schedule.totalSteps();
    }

    @Override
    GanSpec listenerSpec() {
        return null;
    }

    @Override
    public void saveCheckpoint(Path file) throws IOException {
        saveCheckpoint(file, new JsonObject());
    }

    /**
     * Writes the checkpoint with the caller's own metadata beside the run's ({@code recipe}, {@code epoch},
     * {@code order_state}): an experiment keeps its settings and curves there.
     *
     * @throws IllegalStateException in the middle of an epoch
     * @throws NonFiniteValuesException when a parameter is NaN or infinite; nothing is written
     */
    public void saveCheckpoint(Path file, JsonObject extra) throws IOException {
        if (!atEpochEnd()) {
            throw new IllegalStateException("checkpoint " + file + ": not written in the middle of epoch " + (epochsDone() + 1)
                    + " (step " + step % schedule.stepsPerEpoch() + " of " + schedule.stepsPerEpoch()
                    + "); a semi-supervised run resumes exactly only from the end of an epoch");
        }
        JsonObject meta = new JsonObject();
        for (Map.Entry<String, JsonElement> e : extra.entrySet()) {
            meta.add(e.getKey(), e.getValue());
        }
        meta.addProperty("recipe", trainer.settings().recipe().id());
        meta.addProperty("epoch", epochsDone());
        meta.addProperty("order_state", order.state());
        CheckpointFile.write(file, meta.toString(), trainer::save);
        for (GanListener l : listeners) {
            l.onCheckpoint(file, step);
        }
    }

    @Override
    public void resume(Path file) throws IOException {
        resume(CheckpointFile.read(file));
    }

    /**
     * The recipe a checkpoint's metadata records; {@link SemiSupervisedTrainer.Recipe#PORT_1} for checkpoints from before
     * recipes, which record none. A run resumes with the recipe it began with.
     */
    public static SemiSupervisedTrainer.Recipe recipeOf(JsonObject checkpointMetadata) {
        return SemiSupervisedTrainer.Recipe.parse(checkpointMetadata.has("recipe") ? checkpointMetadata.get("recipe").getAsString()
                : null);
    }

    /**
     * Restores a checkpoint already read (its caller may have checked its own metadata first).
     *
     * @throws IllegalArgumentException when the checkpoint was written with another recipe than this run's
     */
    public void resume(CheckpointFile.Contents contents) throws IOException {
        Path file = contents.file();
        JsonObject meta;
        int epoch;
        long orderState;
        try {
            meta = JsonParser.parseString(contents.metadataJson()).getAsJsonObject();
            epoch = meta.get("epoch").getAsInt();
            orderState = meta.get("order_state").getAsLong();
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + ": not a checkpoint of a semi-supervised run (" + e.getMessage() + ")", e);
        }
        SemiSupervisedTrainer.Recipe recipe = recipeOf(meta);
        if (recipe != trainer.settings().recipe()) {
            throw new IllegalArgumentException("checkpoint " + file + ": was written with recipe " + recipe.id() + ", this run has "
                    + trainer.settings().recipe().id());
        }
        try (DataInputStream in = contents.bodyStream()) {
            trainer.load(in);
        } catch (IOException | RuntimeException e) {
            throw CheckpointFile.unfitBody(file, "parameters", e);
        }
        order.restore(orderState);
        step = (long) epoch * schedule.stepsPerEpoch();
    }

    @Override
    public void close() {
        releaseScalars();
        trainer.close();
    }

    /** {@code n} indices into {@code [0, size)}: one shuffled pass, continued by further passes when {@code n > size}. */
    private static int[] shuffled(int size, int n, RandomStream random) {
        int[] out = new int[n];
        int filled = 0;
        while (filled < n) {
            int[] pass = random.permutation(size);
            int take = Math.min(size, n - filled);
            System.arraycopy(pass, 0, out, filled, take);
            filled += take;
        }
        return out;
    }
}
