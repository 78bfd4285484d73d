package dev.stablegan.examples.cli;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.Json;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.metric.FrechetDistance;
import dev.stablegan.eval.metric.KernelInceptionDistance;
import dev.stablegan.eval.metric.PrecisionRecallDensityCoverage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./gan bench-metrics}: wall-clock seconds of FID, KID and PRDC on two synthetic feature sets of
 * Inception's size (10,000 x 2048 by default), the speed targets of gan-eval.
 *
 * <p>The features are seeded ReLU-like values with correlated dimensions ({@code max(0, g + 0.5 h_{j mod 64})}
 * for standard normals {@code g} and a shared per-row factor {@code h}), so covariances are full rank but not
 * diagonal, as for real pool features. Each metric is timed once, from features in memory to the result.
 */
@Command(name = "bench-metrics", mixinStandardHelpOptions = true,
        description = {"Time FID, KID (default subsets) and PRDC on two synthetic feature sets (default 10,000 x 2048,"
                + " Inception pool size) and print the seconds as JSON on stdout."})
public final class BenchMetricsCommand implements Callable<Integer> {
    @Option(names = "--samples", defaultValue = "10000", paramLabel = "N", description = "Rows per set (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--dim", defaultValue = "2048", paramLabel = "D", description = "Feature dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--metrics", defaultValue = "fid,kid,prdc", paramLabel = "LIST",
            description = "Comma-separated: fid, kid, prdc (default: ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}, both cores of the development machine).")
    int threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON (atomically).")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (samples < 1001 || dim < 1) {
            throw new IllegalArgumentException("--samples: needs more than 1000 rows (a KID subset) and --dim >= 1, got " + samples
                    + " x " + dim);
        }
        List<String> chosen = new ArrayList<>();
        for (String m : metrics.split(",")) {
            String id = m.strip().toLowerCase(Locale.ROOT);
            if (!List.of("fid", "kid", "prdc").contains(id)) {
                throw new IllegalArgumentException("--metrics: unknown metric '" + m.strip() + "'; choose from fid, kid, prdc");
            }
            chosen.add(id);
        }
        EngineOptions.configure(threads);
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "bench-metrics: generating 2 x %d x %d features ...%n", samples, dim);
        err.flush();
        FeatureMatrix real = synthetic("real", 1L);
        FeatureMatrix fake = synthetic("fake", 2L);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", samples);
        out.put("dim", dim);
        out.put("threads", threads);
        out.put("engine", EngineSetup.describeEngine());
        out.put("processors", Runtime.getRuntime().availableProcessors());
        for (String id : chosen) {
            err.println("bench-metrics: " + id + " ...");
            err.flush();
            long start = System.nanoTime();
            Object value = switch (id) {
                case "fid" -> FrechetDistance.between(real, fake).value();
                case "kid" -> KernelInceptionDistance.between(real, fake, KernelInceptionDistance.DEFAULT_SUBSETS,
                        KernelInceptionDistance.DEFAULT_SUBSET_SIZE, 0L).mean();
                default -> PrecisionRecallDensityCoverage.between(real, fake, PrecisionRecallDensityCoverage.DEFAULT_PRECISION_RECALL_K,
                        PrecisionRecallDensityCoverage.DEFAULT_DENSITY_COVERAGE_K).precision();
            };
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seconds", seconds);
            row.put("value", value);
            out.put(id, row);
            err.printf(Locale.ROOT, "bench-metrics: %s %.2f s%n", id, seconds);
            err.flush();
        }
        String text = Json.write(out);
        if (json != null) {
            AtomicFiles.writeString(json, text + "\n");
        }
        spec.commandLine().getOut().println(text);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private FeatureMatrix synthetic(String name, long seed) {
        RandomStream random = new RandomStream(seed);
        double[] values = new double[samples * dim];
        double[] shared = new double[64];
        for (int i = 0; i < samples; i++) {
            for (int k = 0; k < shared.length; k++) {
                shared[k] = random.nextGaussian();
            }
            for (int j = 0; j < dim; j++) {
                values[i * dim + j] = Math.max(0.0, random.nextGaussian() + 0.5 * shared[j % shared.length]);
            }
        }
        return new FeatureMatrix(name, samples, dim, values);
    }
}
