package dev.stablegan.djl.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.GanTrainer;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RegularizerSpec;
import dev.stablegan.api.RunProvenance;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.djl.nn.Networks;
import dev.stablegan.djl.nn.ReferenceBatch;
import dev.stablegan.djl.objective.Objective;
import dev.stablegan.djl.objective.Objectives;
import dev.stablegan.djl.optim.Optimizers;
import dev.stablegan.djl.optim.ParameterOptimizer;
import dev.stablegan.djl.regularizer.FeatureMatching;
import dev.stablegan.djl.regularizer.Regularizer;
import dev.stablegan.djl.regularizer.RegularizerSetup;
import dev.stablegan.djl.regularizer.Regularizers;
import dev.stablegan.djl.regularizer.Update;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The GAN training loop on DJL + PyTorch (WGAN-GP Algorithm 1, generalised over objectives): per generator
 * step, {@code criticSteps} critic updates on fresh real and generated batches, then one generator update. Each
 * update minimises the objective's loss plus the terms of the player's {@link Regularizer} parts (the gradient
 * penalty, historical averaging, R1, an application's own: {@link GanSpec#allRegularizers()}) and then lets the parts
 * act on the new weights (weight clipping, the historical average).
 *
 * <p>Every array a step makes lives in a child {@link NDManager} closed at the end of the step; each
 * player's gradients are zeroed right before its own backward (DJL never zeroes them, and the generator's
 * backward fills the critic's). Noise and data come from two seeded {@link RandomStream}s whose states are
 * checkpointed, so a resumed run repeats an uninterrupted one exactly on CPU.
 *
 * <p>The spec's {@link TechniquesSpec} (Salimans et al. 2016, section 3) changes the loop as follows. Feature
 * matching: the generator step draws a real batch too, and its loss is the distance between the mean critic
 * features ({@link Networks#featureLayers}) of that batch (detached) and of {@code G(z)}. Historical averaging:
 * {@code w || theta - avg ||^2} joins each player's loss, and each player's average gains its new values after
 * each of its optimizer steps (it is checkpointed). Minibatch discrimination and virtual batch norm are layers
 * ({@link Networks#buildCritic}, {@link Networks#buildGenerator}); the reference batch is {@code R} latent
 * vectors drawn once from the seed's {@code "vbn-reference"} stream.
 */
public final class DjlGanTrainer extends ListenedTrainer implements GanTrainer, SampleSource {
    private final GanSpec spec;
    private final BatchSource data;
    private final NDManager manager;
    /** The recent steps' scalars, apart from {@link #manager} so that they never look like its growth. */
    private final NDManager reports;
    private final Block generator;
    private final Block critic;
    private final ParameterStore store;
    private final Map<String, Parameter> namedGeneratorParameters;
    private final Map<String, Parameter> namedCriticParameters;
    private final List<Parameter> generatorParameters;
    private final List<Parameter> criticParameters;
    private final ParameterOptimizer generatorOptimizer;
    private final ParameterOptimizer criticOptimizer;
    private final Objective objective;
    /** The parts beside the objective ({@link GanSpec#allRegularizers()}), and those of each player. */
    private final List<Regularizer> regularizers;
    private final List<Regularizer> criticRegularizers;
    private final List<Regularizer> generatorRegularizers;
    private final TechniquesSpec.FeatureDistance featureMatching;
    private final RandomStream dataRandom;
    private final RandomStream noiseRandom;
    private RunProvenance provenance = RunProvenance.EMPTY;
    private final TechniquesSpec techniques;
    private double trainedSeconds;
    private Path lastCheckpoint;
    private long lastCheckpointStep = -1;

    private DjlGanTrainer(GanSpec spec, BatchSource data, Device device) {
        if (!Arrays.equals(data.exampleShape(), spec.generator().outputShape())) {
            throw new IllegalArgumentException("dataset '" + data.identity() + "': examples have shape "
                    + NetworkSpec.describe(data.exampleShape()) + " but the generator makes "
                    + NetworkSpec.describe(spec.generator().outputShape()));
        }
        this.spec = spec;
        this.data = data;
        provenance = provenance.withNativeMemoryGuard(EngineSetup.guardNativeMemory()).withDevice(Devices.describe(device));
        this.deferFiniteChecks = device.isGpu();
        this.manager = Devices.newManager(device);
        this.reports = Devices.newManager(device);
        boolean ok = false;
        try {
            Engine.getInstance().setRandomSeed((int) (spec.seed() ^ (spec.seed() >>> 32)));
            this.techniques = spec.techniques();
            this.generator = generatorWithReference(spec, manager);
            this.critic = Networks.buildCritic(spec.critic(), techniques);
            Networks.initialize(generator, spec.generator(), manager);
            Networks.initialize(critic, spec.critic(), manager);
            this.store = new ParameterStore(manager, false);
            this.namedGeneratorParameters = Networks.namedParameters(generator);
            this.namedCriticParameters = Networks.namedParameters(critic);
            this.generatorParameters = List.copyOf(namedGeneratorParameters.values());
            this.criticParameters = List.copyOf(namedCriticParameters.values());
            this.generatorOptimizer = Optimizers.of(spec.generatorOptimizer(), manager);
            this.criticOptimizer = Optimizers.of(spec.criticOptimizer(), manager);
            this.objective = Objectives.of(spec.objective());
            this.regularizers = Regularizers.build(spec, new RegularizerSetup(manager, device, criticParameters, generatorParameters));
            this.criticRegularizers = Regularizers.of(regularizers, Regularizer.Player.CRITIC);
            this.generatorRegularizers = Regularizers.of(regularizers, Regularizer.Player.GENERATOR);
            this.featureMatching = spec.allRegularizers().stream().filter(r -> r instanceof RegularizerSpec.FeatureMatching)
                    .map(r -> ((RegularizerSpec.FeatureMatching) r).distance()).findFirst().orElse(null);
            this.dataRandom = RandomStream.derive(spec.seed(), "data");
            this.noiseRandom = RandomStream.derive(spec.seed(), "noise");
            ok = true;
        } finally {
            if (!ok) {
                manager.close();
                reports.close();
            }
        }
        provenance = provenance.withDataset(data.identity());
    }

    /** The generator the spec describes, wrapped with its reference batch when virtual batch norm is on. */
    static Block generatorWithReference(GanSpec spec, NDManager manager) {
        Block network = Networks.buildGenerator(spec.generator(), spec.techniques());
        int r = spec.techniques().virtualBatchReference();
        if (r == 0) {
            return network;
        }
        float[] z = RandomStream.derive(spec.seed(), "vbn-reference").gaussians(r * spec.latentDim());
        return new ReferenceBatch(network, manager.create(z, new Shape(r, spec.latentDim())));
    }

    /**
     * A trainer with freshly initialised networks (seeded by {@code spec.seed()}) on the process's default device
     * ({@link Devices#defaultDevice()}).
     *
     * @throws IllegalArgumentException when the data's example shape differs from the generator's output
     */
    public static DjlGanTrainer create(GanSpec spec, BatchSource data) {
        return create(spec, data, Devices.defaultDevice());
    }

    /**
     * A trainer with freshly initialised networks (seeded by {@code spec.seed()}) whose parameters, optimizer state and
     * batches all live on {@code device}; the data's batches and the noise are copied there once per batch.
     *
     * @throws IllegalArgumentException when the data's example shape differs from the generator's output
     */
    public static DjlGanTrainer create(GanSpec spec, BatchSource data, Device device) {
        Objects.requireNonNull(spec, "spec: null; pass the GanSpec of the run");
        Objects.requireNonNull(data, "data: null; pass the BatchSource of the training examples");
        Objects.requireNonNull(device, "device: null; pass a Device, or use create(spec, data) for the default");
        return new DjlGanTrainer(spec, data, device);
    }

    /** The device everything of this run lives on. */
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public GanSpec spec() {
        return spec;
    }

    /** Seconds spent in {@link #step()} over the whole run, including the runs this one was resumed from. */
    public double trainedSeconds() {
        return trainedSeconds;
    }

    public Block generator() {
        return generator;
    }

    public Block critic() {
        return critic;
    }

    /** The long-lived manager holding parameters and optimizer state; per-step work must not attach here. */
    @Override
    public NDManager manager() {
        return manager;
    }

    /** Adds {@code key = value} to the run's provenance (a field's key, such as {@code git_revision}, sets the field). */
    public void putProvenance(String key, String value) {
        provenance = provenance.with(key, value);
    }

    /** Where this run comes from (guard, device, dataset and what callers added), as its checkpoints record it. */
    public RunProvenance provenance() {
        return provenance;
    }

    /** Generator samples {@code G(z)} for {@code z} drawn from {@code random}, made on {@code target} (inference mode). */
    @Override
    public NDArray sample(NDManager target, RandomStream random, int count) {
        NDArray z = noise(target, random, count);
        return forward(generator, z, false);
    }

    /** The critic's scores {@code D(x)} (shape {@code [n, 1]}) in inference mode. */
    public NDArray score(NDArray x) {
        return forward(critic, x, false);
    }

    NDArray noise(NDManager target, RandomStream random, int count) {
        int latent = spec.latentDim();
        return target.create(random.gaussians(count * latent), new Shape(count, latent));
    }

    private NDArray forward(Block block, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The report's scalars stay on the device until a listener (or the caller) reads them, in one copy, within
     * {@value StepScalars#KEPT_STEPS} steps; a step whose scalars nobody reads copies nothing to the host (on a CPU the
     * gradient checks still read one value per update, see {@link #deferFiniteChecks}).
     *
     * @throws NonFiniteValuesException when a gradient is not finite (the update is not applied)
     * @throws IllegalStateException when the schedule has ended
     */
    @Override
    public StepReport step() {
        if (step >= spec.schedule().generatorSteps()) {
            throw new IllegalStateException("step: the schedule ends at step " + spec.schedule().generatorSteps()
                    + " and this run is there; nothing to train");
        }
        long started = System.nanoTime();
        StepScalars scalars = newStepScalars(reports, StepScalars.KEPT_STEPS);
        int batch = spec.schedule().batchSize();
        double lrFactor = spec.schedule().learningRateFactor(step);
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 0; i < spec.schedule().criticSteps(); i++) {
                criticStep(scope, batch, lrFactor, scalars, i);
            }
            generatorStep(scope, batch, lrFactor, scalars);
        }
        step++;
        double seconds = (System.nanoTime() - started) / 1e9;
        trainedSeconds += seconds;
        return report(StepReport.deferred(step, spec.schedule().generatorSteps(), scalars::read, seconds));
    }

    private void criticStep(NDManager outer, int batch, double lrFactor, StepScalars scalars, int update) {
        try (NDManager scope = outer.newSubManager()) {
            NDArray real = data.next(scope, dataRandom, batch);
            checkBatchShape(real, batch);
            NDArray fake = forward(generator, noise(scope, noiseRandom, batch), true).stopGradient();
            for (Regularizer r : criticRegularizers) {
                r.prepare(scope, noiseRandom, batch);
            }
            Gradients.zero(criticParameters);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray dReal = forward(critic, real, true);
                NDArray dFake = forward(critic, fake, true);
                NDArray loss = objective.criticLoss(dReal, dFake);
                scalars.put("critic_loss", loss);
                scalars.put("wasserstein_estimate", dReal.mean().sub(dFake.mean()));
                Update done = new Update(scope, real, fake, dReal, dFake, x -> forward(critic, x, true), scalars::put);
                collector.backward(withTerms(loss, criticRegularizers, done));
            }
            scalars.checkGradients(namedCriticParameters, "critic", scope, deferFiniteChecks,
                    "step " + (step + 1) + ", critic update " + (update + 1) + " of " + spec.schedule().criticSteps());
            criticOptimizer.step(criticParameters, lrFactor);
            for (Regularizer r : criticRegularizers) {
                r.afterStep(scope);
            }
        }
    }

    private void checkBatchShape(NDArray real, int batch) {
        long[] expected = new long[data.exampleShape().length + 1];
        expected[0] = batch;
        System.arraycopy(data.exampleShape(), 0, expected, 1, data.exampleShape().length);
        if (!Arrays.equals(real.getShape().getShape(), expected)) {
            throw new IllegalStateException("dataset '" + data.identity() + "': returned a batch of shape "
                    + real.getShape() + ", expected " + NetworkSpec.describe(expected));
        }
        if (real.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("dataset '" + data.identity() + "': returned a batch of " + real.getDataType()
                    + "; the networks take float32 (convert in the BatchSource, e.g. array.toType(DataType.FLOAT32, false))");
        }
    }

    private void generatorStep(NDManager outer, int batch, double lrFactor, StepScalars scalars) {
        try (NDManager scope = outer.newSubManager()) {
            NDArray real = null;
            NDArray realFeatures = null;
            if (featureMatching != null) {
                real = data.next(scope, dataRandom, batch);
                checkBatchShape(real, batch);
                realFeatures = criticFeatures(real).stopGradient();
            }
            for (Regularizer r : generatorRegularizers) {
                r.prepare(scope, noiseRandom, batch);
            }
            NDArray z = noise(scope, noiseRandom, batch);
            Gradients.zero(generatorParameters);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray fake = forward(generator, z, true);
                NDArray dFake = realFeatures == null ? forward(critic, fake, true) : null;
                NDArray loss = realFeatures == null ? objective.generatorLoss(dFake)
                        : FeatureMatching.loss(realFeatures, criticFeatures(fake), featureMatching);
                scalars.put("generator_loss", loss);
                Update done = new Update(scope, real, fake, null, dFake, x -> forward(critic, x, true), scalars::put);
                collector.backward(withTerms(loss, generatorRegularizers, done));
            }
            scalars.checkGradients(namedGeneratorParameters, "generator", scope, deferFiniteChecks,
                    "step " + (step + 1) + ", generator update");
            generatorOptimizer.step(generatorParameters, lrFactor);
            for (Regularizer r : generatorRegularizers) {
                r.afterStep(scope);
            }
        }
    }

    /** The activations of the critic's feature layers (training mode), the features feature matching compares. */
    private NDArray criticFeatures(NDArray x) {
        int layers = Networks.featureLayers(critic, techniques);
        NDArray h = x;
        int i = 0;
        for (var child : critic.getChildren()) {
            if (i++ == layers) {
                break;
            }
            h = child.getValue().forward(store, new NDList(h), true).singletonOrThrow();
        }
        return h;
    }

    /** The player's loss: the objective's (or feature matching's) plus each part's term, in order. */
    private static NDArray withTerms(NDArray loss, List<Regularizer> parts, Update done) {
        NDArray total = loss;
        for (Regularizer r : parts) {
            NDArray term = r.term(done);
            if (term != null) {
                total = total.add(term);
            }
        }
        return total;
    }

    @Override
    long totalSteps() {
        return spec.schedule().generatorSteps();
    }

    @Override
    GanSpec listenerSpec() {
        return spec;
    }

    @Override
    String savedState() {
        return lastCheckpoint != null && lastCheckpointStep == step
                ? "checkpoint " + lastCheckpoint + " holds step " + step + "; --resume continues"
                : "no checkpoint was written for this step (this run keeps none)";
    }

    /**
     * {@inheritDoc}
     *
     * @throws NonFiniteValuesException when a parameter is NaN or infinite; nothing is written, so the previous
     *     checkpoint stays as it was
     */
    @Override
    public void saveCheckpoint(Path file) throws IOException {
        String refused = "checkpoint " + file + ": not written (the previous file, if any, is kept)";
        FiniteValues.requireFiniteParameters(namedGeneratorParameters, "generator", refused);
        FiniteValues.requireFiniteParameters(namedCriticParameters, "critic", refused);
        JsonObject meta = new JsonObject();
        meta.add("spec", SpecJson.toJson(spec));
        meta.addProperty("step", step);
        meta.addProperty("trainedSeconds", trainedSeconds);
        meta.addProperty("dataRandomState", dataRandom.state());
        meta.addProperty("noiseRandomState", noiseRandom.state());
        JsonObject prov = new JsonObject();
        provenance.toMap().forEach((k, v) -> prov.addProperty(k, String.valueOf(v)));
        meta.add("provenance", prov);
        if (lastReport != null && lastReport.step() == step) {
            // One read at checkpoint time, so that a run resumed with nothing left to train still reports them.
            JsonObject last = new JsonObject();
            lastReport.scalars().forEach(last::addProperty);
            meta.add("lastScalars", last);
        }
        CheckpointFile.write(file, meta.toString(), out -> {
            generator.saveParameters(out);
            critic.saveParameters(out);
            generatorOptimizer.save(out);
            criticOptimizer.save(out);
            for (Regularizer r : statefulRegularizers()) {
                r.save(out);
            }
        });
        for (GanListener l : listeners) {
            l.onCheckpoint(file, step);
        }
        lastCheckpoint = file;
        lastCheckpointStep = step;
    }

    /** The parts whose state checkpoints keep: the generator's first, then the critic's (the order of earlier files). */
    private List<Regularizer> statefulRegularizers() {
        List<Regularizer> stateful = new ArrayList<>();
        generatorRegularizers.stream().filter(Regularizer::hasState).forEach(stateful::add);
        criticRegularizers.stream().filter(Regularizer::hasState).forEach(stateful::add);
        return stateful;
    }

    /**
     * The provenance a checkpoint's metadata records, as {@link #saveCheckpoint} writes it (every value as text);
     * {@link RunProvenance#EMPTY} for files without any.
     *
     * @throws IllegalArgumentException when a numeric field is not a number
     */
    static RunProvenance provenanceOf(JsonObject meta) {
        if (!meta.has("provenance") || !meta.get("provenance").isJsonObject()) {
            return RunProvenance.EMPTY;
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        meta.getAsJsonObject("provenance").entrySet().forEach(e -> recorded.put(e.getKey(), e.getValue().getAsString()));
        return RunProvenance.fromMap(recorded);
    }

    @Override
    public void resume(Path file) throws IOException {
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        JsonObject meta;
        GanSpec saved;
        RunProvenance savedProvenance;
        try {
            meta = JsonParser.parseString(contents.metadataJson()).getAsJsonObject();
            saved = SpecJson.fromJson(meta.getAsJsonObject("spec"));
            savedProvenance = provenanceOf(meta);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + ": unreadable metadata: " + e.getMessage(), e);
        }
        String mismatch = SpecComparison.firstDifference(saved, spec);
        if (mismatch != null) {
            throw new IllegalArgumentException("checkpoint " + file + ": was written for a different run (" + mismatch + ")");
        }
        long savedStep = readStep(meta, file);
        String length = SpecComparison.lengthConflict(saved, spec, savedStep);
        if (length != null) {
            throw new IllegalArgumentException("checkpoint " + file + ": cannot continue with this length (" + length + ")");
        }
        if (savedProvenance.dataset() != null && !savedProvenance.dataset().equals(data.identity())) {
            throw new IllegalArgumentException("checkpoint " + file + ": was written for a different run (dataset: checkpoint"
                    + " has '" + savedProvenance.dataset() + "', this run has '" + data.identity() + "')");
        }
        try (DataInputStream in = contents.bodyStream()) {
            generator.loadParameters(manager, in);
            critic.loadParameters(manager, in);
            generatorOptimizer.load(in);
            criticOptimizer.load(in);
            for (Regularizer r : statefulRegularizers()) {
                r.load(in);
            }
            Networks.restoreGradientFlags(generatorParameters);
            Networks.restoreGradientFlags(criticParameters);
        } catch (ai.djl.MalformedModelException | IOException | RuntimeException e) {
            throw CheckpointFile.unfitBody(file, "parameters", e);
        }
        try {
            String refused = "checkpoint " + file + ": refused (written before this check existed, or damaged)";
            FiniteValues.requireFiniteParameters(namedGeneratorParameters, "generator", refused);
            FiniteValues.requireFiniteParameters(namedCriticParameters, "critic", refused);
        } catch (NonFiniteValuesException e) {
            throw new IOException(e.getMessage(), e);
        }
        step = savedStep;
        if (meta.has("lastScalars")) {
            Map<String, Double> last = new LinkedHashMap<>();
            meta.getAsJsonObject("lastScalars").entrySet().forEach(e -> last.put(e.getKey(), e.getValue().getAsDouble()));
            lastReport = new StepReport(step, spec.schedule().generatorSteps(), last, 0);
        }
        trainedSeconds = meta.has("trainedSeconds") ? meta.get("trainedSeconds").getAsDouble() : 0;
        dataRandom.restore(meta.get("dataRandomState").getAsLong());
        noiseRandom.restore(meta.get("noiseRandomState").getAsLong());
    }

    /**
     * The checkpoint's step, checked: present, a whole number, between 0 and 10^12.
     *
     * @throws IOException naming the file and the field otherwise
     */
    private static long readStep(JsonObject meta, Path file) throws IOException {
        try {
            long saved = meta.get("step").getAsLong();
            if (saved < 0 || saved > 1_000_000_000_000L) {
                throw new IOException("checkpoint " + file + ": metadata field 'step' is " + saved + ", outside 0..10^12");
            }
            return saved;
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + ": metadata field 'step' is missing or not a number", e);
        }
    }

    @Override
    public void close() {
        releaseScalars(); // reports read after the run (tests, summaries) keep working
        reports.close();
        regularizers.forEach(Regularizer::close);
        generatorOptimizer.close();
        criticOptimizer.close();
        manager.close();
    }
}
