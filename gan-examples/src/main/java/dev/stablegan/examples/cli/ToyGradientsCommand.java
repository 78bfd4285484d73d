package dev.stablegan.examples.cli;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.Json;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.examples.plot.LineChart;
import dev.stablegan.examples.toy.CriticGradientExperiment;
import dev.stablegan.examples.toy.CriticGradientExperiment.Method;
import dev.stablegan.examples.toy.CriticGradientExperiment.Result;
import dev.stablegan.examples.toy.CriticGradientExperiment.Settings;
import dev.stablegan.examples.toy.ToyDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reproduces Figure 1b of Gulrajani et al. 2017 (section 3.1): per-layer gradient norms of 12-layer WGAN critics
 * on the Swiss roll, with weight clipping ({@code c = 0.1, 0.01, 0.001}) and with the gradient penalty.
 *
 * <p>For each method it trains a fresh GAN ({@link CriticGradientExperiment}) and records
 * {@code log10 ||d(E[D(fake)] - E[D(real)]) / da_l||_F} for hidden layers {@code l = 1..12}
 * ({@link dev.stablegan.examples.toy.CriticGradientNorms}); writes {@code gradient_norms.json} and
 * {@code gradient_norms.png} into {@code --out}.
 */
@Command(name = "toy-gradients", mixinStandardHelpOptions = true,
        description = {"Figure 1b of WGAN-GP (Gulrajani et al. 2017): gradient norms of the critic loss with respect to"
                + " each layer of 12-layer ReLU critics trained on the Swiss roll, with weight clipping"
                + " (c = 0.1, 0.01, 0.001) and with the gradient penalty (lambda 0.1).",
                "Writes gradient_norms.json and gradient_norms.png into --out."})
public final class ToyGradientsCommand implements Callable<Integer> {
    /** File names inside {@code --out}. */
    public static final String JSON_FILE = "gradient_norms.json";
    public static final String PNG_FILE = "gradient_norms.png";
    /** Batch pairs the measurement averages over. */
    static final int MEASURE_BATCHES = 4;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the JSON and PNG files.")
    Path out;

    @Option(names = "--steps", defaultValue = "200", paramLabel = "N",
            description = "Generator steps per run, 5 critic steps each (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--width", defaultValue = "256", paramLabel = "N",
            description = "Units per hidden layer of critic and generator (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N",
            description = "Batch size for training and measuring (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialization, noise and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        AtomicFiles.ensureWritableDirectory(out);
        engine.apply();
        List<Method> methods = CriticGradientExperiment.figure1bMethods();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            Method method = methods.get(i);
            System.err.printf(Locale.ROOT, "toy-gradients: run %d/%d: %s, %d generator steps, width %d, batch %d%n",
                    i + 1, methods.size(), method.label(), settings.steps(), settings.width(), settings.batch());
            Result result = CriticGradientExperiment.run(method, settings,
                    List.of(new ConsoleProgress(System.err, 10_000, System.console() != null)));
            System.err.printf(Locale.ROOT, "toy-gradients: %s done in %.1f s: log10 norm %s%n",
                    method.label(), result.seconds(), describe(result.log10Norms()));
            results.add(result);
        }
        AtomicFiles.writeString(out.resolve(JSON_FILE), Json.write(report(settings, results)) + "\n");
        chart(results).writeTo(out.resolve(PNG_FILE));
        System.err.println("toy-gradients: " + summary(results) + "; wrote " + out.resolve(JSON_FILE) + " and " + PNG_FILE);
        return 0;
    }

    private Settings settings() {
        SpecChecks.atLeast("--steps", steps, 1);
        SpecChecks.atLeast("--width", width, 1);
        SpecChecks.atLeast("--batch", batch, 1);
        return new Settings(steps, width, batch, MEASURE_BATCHES, seed);
    }

    private Map<String, Object> report(Settings settings, List<Result> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("figure", "Gulrajani et al. 2017, Improved Training of Wasserstein GANs, Figure 1b");
        json.put("dataset", ToyDataset.SWISS_ROLL.id());
        json.put("quantity", "log10 of the Frobenius norm, over the whole batch of real and generated examples, of the"
                + " gradient of the critic loss mean(D(fake)) - mean(D(real)) (no penalty term) with respect to each"
                + " hidden layer's ReLU output; mean of the norms over measureBatches batch pairs, after training");
        json.put("norm", "frobenius-over-batch");
        List<Object> layers = new ArrayList<>();
        for (int l = 1; l <= CriticGradientExperiment.CRITIC_LAYERS; l++) {
            layers.add(l);
        }
        json.put("layers", layers);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("steps", settings.steps());
        s.put("criticStepsPerGeneratorStep", CriticGradientExperiment.CRITIC_STEPS);
        s.put("width", settings.width());
        s.put("criticHiddenLayers", CriticGradientExperiment.CRITIC_LAYERS);
        s.put("generatorHiddenLayers", CriticGradientExperiment.GENERATOR_LAYERS);
        s.put("latentDim", CriticGradientExperiment.LATENT_DIM);
        s.put("batch", settings.batch());
        s.put("measureBatches", settings.measureBatches());
        s.put("seed", settings.seed());
        s.put("threads", EngineSetup.threads());
        json.put("settings", s);
        Map<String, Object> byMethod = new LinkedHashMap<>();
        for (Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("objective", r.method().objective().name());
            if (r.method().objective() instanceof ObjectiveSpec.WganClip clip) {
                m.put("clip", clip.clip());
            } else if (r.method().objective() instanceof ObjectiveSpec.WganGp gp) {
                m.put("lambda", gp.lambda());
            }
            m.put("optimizer", describe(r.method().optimizer()));
            m.put("log10Norms", toList(r.log10Norms()));
            m.put("seconds", r.seconds());
            m.put("lastStep", new LinkedHashMap<>(r.summary().lastScalars()));
            byMethod.put(r.method().label(), m);
        }
        json.put("methods", byMethod);
        return json;
    }

    private static LineChart chart(List<Result> results) {
        LineChart.Builder chart = LineChart.builder()
                .optTitle("Gradient norms of 12-layer WGAN critics on the Swiss roll (WGAN-GP Fig. 1b)")
                .optXLabel("layer (input side first)")
                .optYLabel("log10 gradient norm");
        for (Result r : results) {
            double[] y = r.log10Norms();
            List<double[]> points = new ArrayList<>();
            for (int l = 0; l < y.length; l++) {
                if (Double.isFinite(y[l])) { // an exactly zero gradient has no logarithm
                    points.add(new double[] {l + 1, y[l]});
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            double[] xs = new double[points.size()];
            double[] ys = new double[points.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = points.get(i)[0];
                ys[i] = points.get(i)[1];
            }
            chart.addSeries(r.method().label(), xs, ys);
        }
        return chart.build();
    }

    private static String summary(List<Result> results) {
        StringBuilder sb = new StringBuilder("log10 gradient norm, layer 1 .. 12:");
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? " " : "; ").append(results.get(i).method().label()).append(' ')
                    .append(describe(results.get(i).log10Norms()));
        }
        return sb.toString();
    }

    /** First and last layer, such as {@code 3.21 .. -0.40}. */
    private static String describe(double[] log10) {
        return String.format(Locale.ROOT, "%.2f .. %.2f", log10[0], log10[log10.length - 1]);
    }

    private static String describe(OptimizerSpec optimizer) {
        if (optimizer instanceof OptimizerSpec.Adam adam) {
            return String.format(Locale.ROOT, "Adam lr %s betas (%s, %s)", adam.learningRate(), adam.beta1(), adam.beta2());
        } else if (optimizer instanceof OptimizerSpec.RmsProp rms) {
            return String.format(Locale.ROOT, "RMSProp lr %s alpha %s", rms.learningRate(), rms.alpha());
        }
        return optimizer.toString();
    }

    private static List<Object> toList(double[] values) {
        List<Object> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
