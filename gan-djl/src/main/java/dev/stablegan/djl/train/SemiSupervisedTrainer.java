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
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.nn.Networks;
import dev.stablegan.djl.nn.WeightNormLinear;
import dev.stablegan.djl.objective.SemiSupervisedLosses;
import dev.stablegan.djl.optim.Adam;
import dev.stablegan.djl.optim.RunningAverage;
import dev.stablegan.djl.regularizer.FeatureMatching;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop of the semi-supervised GAN (Salimans et al. 2016, section 5): a K-logit discriminator that
 * classifies labelled data and tells unlabelled real data from generated data, and a generator trained by
 * feature matching on the discriminator's last hidden layer.
 *
 * <p>One step: the discriminator's gradients are zeroed, then one backward of
 * {@code supervised(labelled) + unsupervised(unlabelled, G(z))} (see {@link SemiSupervisedLosses}; {@code G(z)}
 * detached) and an Adam step; then the generator's gradients are zeroed, one backward of the feature-matching
 * loss between a second unlabelled batch and {@code G(z')}, and an Adam step. Both networks run in training mode
 * (the discriminator's Gaussian noise on, the generator's batch statistics). Latent noise is uniform in
 * {@code [0, 1)}, from a seeded stream; weights start from the engine's generator seeded by {@code seed}, with the
 * discriminator's weight-normalized layers initialized from the first data batch, as the authors' code does. Every step works in
 * a child manager.
 */
public final class SemiSupervisedTrainer implements AutoCloseable {
    /**
     * Decay of the discriminator's parameter average used by {@link #predictAveraged}: the authors' 0.9999, an
     * average over the last ten thousand steps or so.
     */
    public static final double AVERAGE_DECAY = 0.9999;
    /**
     * Adam's epsilon. The authors' Adam divides by {@code sqrt(v_hat + 1e-8)}; {@code sqrt(v_hat) + 1e-4} agrees
     * with it within a factor of {@code sqrt(2)} everywhere and exactly in both limits, and damps the steps of
     * parameters whose gradients are tiny far more than PyTorch's default {@code 1e-8}.
     */
    public static final double ADAM_EPSILON = 1e-4;
    /** The authors' Adam epsilon, under the square root. */
    public static final double AUTHORS_ADAM_EPSILON = 1e-8;
    /** The authors' {@code l2normalize} epsilon, under the square root of each weight-normalized row's norm. */
    public static final double AUTHORS_NORM_EPSILON = 1e-6;

    /**
     * Which small details of the authors' {@code train_mnist_feature_matching.py} the trainer follows (issue 19).
     * Checkpoints record it, so a run resumes with the details it began with.
     */
    public enum Recipe {
        /**
         * This project's port before issue 19: the parameter average starts from the initial values (the plain mean
         * while it weighs more, then exponential); Adam adds {@value #ADAM_EPSILON} after the square root; the
         * generator's dense layers start as PyTorch's default; {@code ||v||} without an epsilon.
         */
        PORT_1("port-1"),
        /**
         * The authors' details: the average starts from zeros, {@code a <- a + 1e-4 (p - a)} from the first step; Adam
         * divides by {@code sqrt(v_hat + 1e-8)}; the generator's dense layers start Glorot-uniform (Lasagne's
         * default, {@code U(+-sqrt(6 / (fan_in + fan_out)))}); {@code ||v|| = sqrt(sum v^2 + 1e-6)}.
         */
        AUTHORS("authors");

        private final String id;

        Recipe(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The recipe named {@code id}; {@code null} (a checkpoint from before recipes) is {@link #PORT_1}. */
        public static Recipe parse(String id) {
            if (id == null) {
                return PORT_1;
            }
            for (Recipe r : values()) {
                if (r.id.equals(id)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("recipe: unknown '" + id + "'; known: port-1, authors");
        }
    }

    /**
     * @param classes K
     * @param latentDim generator input size
     * @param learningRate Adam's base rate for both players
     * @param beta1 Adam's first-moment decay for both (beta2 is 0.999, epsilon {@value #ADAM_EPSILON})
     * @param featureMatching how the generator compares mean features
     * @param seed weights and noise
     * @param adversarial false for the supervised-only baseline: the same discriminator trained on the labelled
     *     batch alone, with no unsupervised term and no generator step
     * @param recipe the small details of the authors' code followed ({@link Recipe})
     */
    public record Settings(int classes, int latentDim, double learningRate, double beta1, TechniquesSpec.FeatureDistance featureMatching,
            long seed, boolean adversarial, Recipe recipe) {
        /** The authors' recipe. */
        public Settings(int classes, int latentDim, double learningRate, double beta1, TechniquesSpec.FeatureDistance featureMatching,
                long seed, boolean adversarial) {
            this(classes, latentDim, learningRate, beta1, featureMatching, seed, adversarial, Recipe.AUTHORS);
        }

        public Settings {
            java.util.Objects.requireNonNull(recipe, "recipe");
            SpecChecks.atLeast("classes", classes, 2);
            SpecChecks.atLeast("latentDim", latentDim, 1);
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate: must be a finite number > 0, got " + learningRate);
            }
        }
    }

    private final Settings settings;
    private final NDManager manager;
    private final SequentialBlock body;
    private final SequentialBlock head;
    private final Block generator;
    private final ParameterStore store;
    private final Map<String, Parameter> namedDiscriminatorParameters = new LinkedHashMap<>();
    private final Map<String, Parameter> namedGeneratorParameters;
    private final List<Parameter> discriminatorParameters;
    private final List<Parameter> generatorParameters;
    private final Adam discriminatorOptimizer;
    private final Adam generatorOptimizer;
    private final RandomStream noise;
    private final long inputDim;
    private final RunningAverage discriminatorAverage;
    private long discriminatorSteps;

    /**
     * Builds and initializes both networks.
     *
     * @param body discriminator input to features
     * @param head features to the K logits
     * @param generator latent to an input row
     * @param initBatch unlabelled rows {@code (n, inputDim)} for the data-dependent initialization
     */
    public SemiSupervisedTrainer(Settings settings, SequentialBlock body, SequentialBlock head, Block generator, float[] initBatch,
            int inputDim) {
        this(settings, body, head, generator, initBatch, inputDim, Devices.defaultDevice());
    }

    /** As the other constructor, with every parameter, optimizer state and batch on {@code device}. */
    public SemiSupervisedTrainer(Settings settings, SequentialBlock body, SequentialBlock head, Block generator, float[] initBatch,
            int inputDim, Device device) {
        this.settings = settings;
        this.manager = Devices.newManager(device);
        this.body = body;
        this.head = head;
        this.generator = generator;
        this.inputDim = inputDim;
        boolean ok = false;
        try {
            Engine.getInstance().setRandomSeed((int) (settings.seed() ^ (settings.seed() >>> 32)));
            boolean authors = settings.recipe() == Recipe.AUTHORS;
            if (authors) {
                useAuthorsLayerDetails(body, head, generator);
            }
            int n = initBatch.length / inputDim;
            body.initialize(manager, DataType.FLOAT32, new Shape(n, inputDim));
            head.initialize(manager, DataType.FLOAT32, body.getOutputShapes(new Shape[] {new Shape(n, inputDim)}));
            generator.initialize(manager, DataType.FLOAT32, new Shape(n, settings.latentDim()));
            this.store = new ParameterStore(manager, false);
            this.noise = RandomStream.derive(settings.seed(), "latent");
            try (NDManager scope = manager.newSubManager()) {
                NDArray features = initializeFromData(body, scope.create(initBatch, new Shape(n, inputDim)));
                initializeFromData(head, features);
            }
            Networks.namedParameters(body).forEach((name, p) -> namedDiscriminatorParameters.put("body/" + name, p));
            Networks.namedParameters(head).forEach((name, p) -> namedDiscriminatorParameters.put("head/" + name, p));
            List<Parameter> d = new ArrayList<>(namedDiscriminatorParameters.values());
            this.discriminatorParameters = d;
            this.namedGeneratorParameters = Networks.namedParameters(generator);
            this.generatorParameters = List.copyOf(namedGeneratorParameters.values());
            OptimizerSpec.Adam adam = new OptimizerSpec.Adam(settings.learningRate(), settings.beta1(), 0.999,
                    authors ? AUTHORS_ADAM_EPSILON : ADAM_EPSILON);
            this.discriminatorOptimizer = new Adam(adam, manager, authors);
            this.generatorOptimizer = new Adam(adam, manager, authors);
            this.discriminatorAverage = new RunningAverage(d, manager, authors);
            ok = true;
        } finally {
            if (!ok) {
                manager.close();
            }
        }
    }

    /**
     * Runs {@code x} through {@code net}, giving each weight-normalized layer its data-dependent start. Only the
     * discriminator is initialized this way, as in the authors' code: a generator whose output layer is scaled to
     * unit spread over a batch starts with saturated sigmoids.
     */
    private NDArray initializeFromData(SequentialBlock net, NDArray x) {
        NDArray h = x;
        for (var child : net.getChildren()) {
            Block layer = child.getValue();
            h = layer instanceof WeightNormLinear wn ? wn.initializeFromData(h, 1.0)
                    : layer.forward(store, new NDList(h), true).singletonOrThrow();
        }
        return h;
    }

    /**
     * One discriminator and one generator update.
     *
     * @param labelled labelled rows {@code (nl, inputDim)}, row-major
     * @param labels their classes
     * @param unlabelled unlabelled rows for the discriminator
     * @param unlabelledForGenerator another unlabelled batch, the real side of feature matching
     * @param lrFactor multiplies the learning rate (a schedule)
     * @return the step's scalars: {@code loss_supervised}, {@code loss_unsupervised}, {@code loss_generator},
     *     {@code train_error} (labelled batch)
     */
    public Map<String, Double> step(float[] labelled, int[] labels, float[] unlabelled, float[] unlabelledForGenerator,
            double lrFactor) {
        StepScalars scalars = new StepScalars(discriminatorSteps + 1, manager, () -> { });
        try {
            step(labelled, labels, unlabelled, unlabelledForGenerator, lrFactor, scalars, false);
            return new LinkedHashMap<>(scalars.read());
        } finally {
            scalars.expire();
        }
    }

    /**
     * The update of {@link #step(float[], int[], float[], float[], double)}, its scalars kept in {@code scalars} on the
     * device; with {@code deferChecks} the gradient checks wait there too, so the step reads nothing back.
     */
    void step(float[] labelled, int[] labels, float[] unlabelled, float[] unlabelledForGenerator, double lrFactor,
            StepScalars scalars, boolean deferChecks) {
        int nl = labels.length;
        int nu = Math.toIntExact(unlabelled.length / inputDim);
        try (NDManager scope = manager.newSubManager()) {
            NDArray xl = scope.create(labelled, new Shape(nl, inputDim));
            NDArray y = scope.create(toLong(labels));
            NDArray xu = scope.create(unlabelled, new Shape(nu, inputDim));
            NDArray fake = settings.adversarial() ? forward(generator, latent(scope, nu), true).stopGradient() : null;
            Gradients.zero(discriminatorParameters);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray logitsLabelled = logits(xl, true);
                NDArray loss = SemiSupervisedLosses.supervised(logitsLabelled, y);
                scalars.put("loss_supervised", loss);
                if (fake != null) {
                    NDArray unsupervised = SemiSupervisedLosses.unsupervised(logits(xu, true), logits(fake, true));
                    scalars.put("loss_unsupervised", unsupervised);
                    loss = loss.add(unsupervised);
                }
                // the count as float32 (exact), divided in double precision when read
                scalars.put("train_error", SemiSupervisedLosses.predictions(logitsLabelled).neq(y).sum().toType(DataType.FLOAT32, false), nl);
                c.backward(loss);
            }
            scalars.checkGradients(namedDiscriminatorParameters, "discriminator", scope, deferChecks,
                    "discriminator update " + (discriminatorSteps + 1));
            discriminatorOptimizer.step(discriminatorParameters, lrFactor);
            discriminatorSteps++;
            discriminatorAverage.update(averageWeight(settings.recipe(), discriminatorSteps));
        }
        if (!settings.adversarial()) {
            return;
        }
        try (NDManager scope = manager.newSubManager()) {
            int n2 = Math.toIntExact(unlabelledForGenerator.length / inputDim);
            NDArray real = forward(body, scope.create(unlabelledForGenerator, new Shape(n2, inputDim)), true).stopGradient();
            Gradients.zero(generatorParameters);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray fakeFeatures = forward(body, forward(generator, latent(scope, n2), true), true);
                NDArray loss = FeatureMatching.loss(real, fakeFeatures, settings.featureMatching());
                scalars.put("loss_generator", loss);
                c.backward(loss);
            }
            scalars.checkGradients(namedGeneratorParameters, "generator", scope, deferChecks,
                    "generator update after discriminator update " + discriminatorSteps);
            generatorOptimizer.step(generatorParameters, lrFactor);
        }
    }

    /** The settings this trainer was built with. */
    public Settings settings() {
        return settings;
    }

    /**
     * The weight of step {@code t}'s parameters in the average: the authors' constant {@code 1 - decay} from zeros, or
     * in {@link Recipe#PORT_1} {@code max(1/(t+1), 1 - decay)} from the starting values (the plain mean of the starting
     * values and all values since while that is the larger weight, an exponential average after).
     */
    static double averageWeight(Recipe recipe, long t) {
        return recipe == Recipe.AUTHORS ? 1 - AVERAGE_DECAY : Math.max(1.0 / (t + 1), 1 - AVERAGE_DECAY);
    }

    /** The authors' norm epsilon on every weight-normalized layer, Glorot-uniform starts for the generator's dense layers. */
    private static void useAuthorsLayerDetails(SequentialBlock body, SequentialBlock head, Block generator) {
        for (Block net : List.of(body, head, generator)) {
            for (var child : net.getChildren()) {
                Block layer = child.getValue();
                if (layer instanceof WeightNormLinear wn) {
                    wn.withNormEpsilon(AUTHORS_NORM_EPSILON);
                } else if (net == generator && layer instanceof Linear) {
                    layer.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                            Parameter.Type.WEIGHT);
                }
            }
        }
    }

    /**
     * Class predictions with the discriminator's averaged parameters (decay {@value #AVERAGE_DECAY} per step), in
     * inference mode, as the authors evaluate.
     */
    public int[] predictAveraged(float[] rows, int n) {
        return discriminatorAverage.withAverages(() -> predict(rows, n));
    }

    /** Class predictions of the discriminator in inference mode (no noise) for {@code n} rows. */
    public int[] predict(float[] rows, int n) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits = logits(scope.create(rows, new Shape(n, inputDim)), false);
            long[] predicted = SemiSupervisedLosses.predictions(logits).toLongArray();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = (int) predicted[i];
            }
            return out;
        }
    }

    /**
     * {@code n} generated rows, row-major (generator in inference mode), from the same latent vectors at every call
     * (a stream of their own, so that sampling leaves the training noise as it was).
     */
    public float[] sample(int n) {
        try (NDManager scope = manager.newSubManager()) {
            RandomStream fixed = RandomStream.derive(settings.seed(), "samples");
            NDArray z = scope.create(fixed.uniforms(n * settings.latentDim()), new Shape(n, settings.latentDim()));
            return forward(generator, z, false).toFloatArray();
        }
    }

    /**
     * Seeds the engine's generator, from which the discriminator's Gaussian noise layers draw, with {@code key} mixed
     * into the run's seed. A run that reseeds at the start of every epoch draws the same layer noise whether or not
     * it was saved and resumed in between.
     */
    public void reseedLayerNoise(long key) {
        long mixed = RandomStream.derive(settings.seed(), "layer-noise-" + key).nextLong();
        Engine.getInstance().setRandomSeed((int) (mixed ^ (mixed >>> 32)));
    }

    /**
     * Writes everything a later {@link #load} needs to continue exactly: both networks' parameters (with the
     * generator's batch-norm statistics), both Adam states, the parameter averages, the step count and the latent
     * noise stream's state. The engine's own generator is not saved: see {@link #reseedLayerNoise}.
     *
     * @throws NonFiniteValuesException before writing anything, when a parameter is NaN or infinite
     */
    public void save(DataOutputStream out) throws IOException {
        FiniteValues.requireFiniteParameters(namedDiscriminatorParameters, "discriminator", "state not saved");
        FiniteValues.requireFiniteParameters(namedGeneratorParameters, "generator", "state not saved");
        out.writeLong(discriminatorSteps);
        out.writeLong(noise.state());
        body.saveParameters(out);
        head.saveParameters(out);
        generator.saveParameters(out);
        discriminatorOptimizer.save(out);
        generatorOptimizer.save(out);
        discriminatorAverage.save(out);
    }

    /**
     * Restores what {@link #save} wrote, into a trainer built with the same settings and networks.
     *
     * @throws IOException when the saved state does not fit these networks
     */
    public void load(DataInputStream in) throws IOException {
        try {
            long steps = in.readLong();
            long noiseState = in.readLong();
            body.loadParameters(manager, in);
            head.loadParameters(manager, in);
            generator.loadParameters(manager, in);
            discriminatorOptimizer.load(in);
            generatorOptimizer.load(in);
            discriminatorAverage.load(in);
            Networks.restoreGradientFlags(discriminatorParameters);
            Networks.restoreGradientFlags(generatorParameters);
            discriminatorSteps = steps;
            noise.restore(noiseState);
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            throw new IOException("the saved state does not fit these networks: " + e.getMessage(), e);
        }
        try {
            FiniteValues.requireFiniteParameters(namedDiscriminatorParameters, "discriminator", "saved state refused");
            FiniteValues.requireFiniteParameters(namedGeneratorParameters, "generator", "saved state refused");
        } catch (NonFiniteValuesException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The long-lived manager (for leak checks). */
    NDManager manager() {
        return manager;
    }

    private NDArray logits(NDArray x, boolean training) {
        return forward(head, forward(body, x, training), training);
    }

    private NDArray forward(Block block, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    private NDArray latent(NDManager scope, int n) {
        return scope.create(noise.uniforms(n * settings.latentDim()), new Shape(n, settings.latentDim()));
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public void close() {
        discriminatorAverage.close();
        discriminatorOptimizer.close();
        generatorOptimizer.close();
        manager.close();
    }
}
