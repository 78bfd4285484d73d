package dev.stablegan.examples.toy;

import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.djl.train.DjlGanTrainer;
import java.util.List;

/**
 * The runs behind Figure 1b of Gulrajani et al. 2017 (section 3.1): WGAN critics that are 12-layer ReLU MLPs
 * without batch norm, trained on the Swiss roll with weight clipping at {@code c = 0.1, 0.01, 0.001} and with
 * the gradient penalty, then measured with {@link CriticGradientNorms} (the Frobenius norm of
 * {@code d(E[D(fake)] - E[D(real)]) / da_l} per hidden layer {@code l}).
 *
 * <p>Settings: 5 critic steps per generator step; weight clipping trains both players with RMSProp, lr
 * {@code 5e-5} (Arjovsky et al. 2017); the gradient penalty uses {@code lambda = 0.1} (the paper's toy value)
 * and Adam, lr {@code 1e-4}, betas {@code (0.5, 0.9)}. The generator is a 3-hidden-layer ReLU MLP of the same
 * width from 2-D Gaussian noise to the plane, as in the authors' {@code gan_toy.py}.
 */
public final class CriticGradientExperiment {
    /** Hidden layers of the critic, as in the figure. */
    public static final int CRITIC_LAYERS = 12;
    /** Hidden layers of the generator, as in the toy experiments. */
    public static final int GENERATOR_LAYERS = 3;
    public static final int CRITIC_STEPS = 5;
    public static final int LATENT_DIM = 2;
    public static final double GP_LAMBDA = 0.1;

    private CriticGradientExperiment() {}

    /**
     * One curve of the figure: an objective with its Lipschitz constraint, and the optimizer both players use.
     *
     * @param label the legend and JSON key, such as {@code clip 0.01} or {@code gradient penalty}
     */
    public record Method(String label, ObjectiveSpec objective, OptimizerSpec optimizer) {
        public Method {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("method: a label is required");
            }
            if (objective == null || optimizer == null) {
                throw new IllegalArgumentException("method '" + label + "': objective and optimizer are required");
            }
        }
    }

    /**
     * The size of every run.
     *
     * @param steps generator steps per run
     * @param width units per hidden layer of both networks
     * @param batch examples per batch, in training and in the measurement
     * @param measureBatches real/generated batch pairs the norms are averaged over
     * @param seed seed of initialization, noise and data (the same for every method)
     */
    public record Settings(int steps, int width, int batch, int measureBatches, long seed) {
        public Settings {
            positive("steps", steps);
            positive("width", width);
            positive("batch", batch);
            positive("measureBatches", measureBatches);
        }

        private static void positive(String field, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(field + ": must be >= 1, got " + value);
            }
        }
    }

    /**
     * What one run measured.
     *
     * @param norms {@code ||dL/da_l||} for {@code l = 1..12}, input side first (see {@link CriticGradientNorms})
     * @param seconds wall time of training and measuring
     * @param summary the trainer's summary (last step's losses)
     */
    public record Result(Method method, double[] norms, double seconds, RunSummary summary) {
        public Result {
            norms = norms.clone();
        }

        @Override
        public double[] norms() {
            return norms.clone();
        }

        /** {@code log10} of {@link #norms()}; negative infinity where a gradient is exactly zero. */
        public double[] log10Norms() {
            return CriticGradientNorms.log10(norms);
        }
    }

    /** Weight clipping at 0.1, 0.01 and 0.001 (RMSProp 5e-5), then the gradient penalty (Adam 1e-4, 0.5, 0.9). */
    public static List<Method> figure1bMethods() {
        OptimizerSpec rmsProp = new OptimizerSpec.RmsProp(5e-5);
        return List.of(
                new Method("clip 0.1", new ObjectiveSpec.WganClip(0.1), rmsProp),
                new Method("clip 0.01", new ObjectiveSpec.WganClip(0.01), rmsProp),
                new Method("clip 0.001", new ObjectiveSpec.WganClip(0.001), rmsProp),
                new Method("gradient penalty", new ObjectiveSpec.WganGp(GP_LAMBDA, false),
                        new OptimizerSpec.Adam(1e-4, 0.5, 0.9)));
    }

    /** The training run for {@code method}: Swiss-roll-sized networks, {@link #CRITIC_STEPS} critic steps. */
    public static GanSpec spec(Method method, Settings settings) {
        return new GanSpec(
                new NetworkSpec.Mlp(LATENT_DIM, settings.width(), GENERATOR_LAYERS, 2),
                new NetworkSpec.Mlp(2, settings.width(), CRITIC_LAYERS, 1),
                method.objective(),
                method.optimizer(),
                method.optimizer(),
                new ScheduleSpec(CRITIC_STEPS, settings.steps(), settings.batch(), false),
                settings.seed());
    }

    /** Trains {@code method} on the Swiss roll, then measures the critic's per-layer gradient norms. */
    public static Result run(Method method, Settings settings, List<GanListener> listeners) {
        long started = System.nanoTime();
        ToyBatchSource data = new ToyBatchSource(ToyDataset.SWISS_ROLL);
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec(method, settings), data)) {
            listeners.forEach(trainer::addListener);
            RunSummary summary = trainer.run();
            double[] norms = CriticGradientNorms.measure(
                    trainer, data, settings.seed(), settings.batch(), settings.measureBatches());
            return new Result(method, norms, (System.nanoTime() - started) / 1e9, summary);
        }
    }
}
