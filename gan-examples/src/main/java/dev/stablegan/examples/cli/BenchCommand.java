package dev.stablegan.examples.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.Json;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.djl.engine.TorchProfiler;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.examples.bench.BenchModel;
import dev.stablegan.examples.bench.PeerBenchmark;
import dev.stablegan.examples.bench.StepFlops;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./gan bench}: WGAN-GP generator iterations per second of the real training step
 * ({@link DjlGanTrainer#step()}) for the models of {@link BenchModel}, the FLOP rate they achieve, and a large
 * matmul's FLOP rate measured in the same run as a ceiling; optionally the same for the Python PyTorch peer
 * ({@code scripts/bench_peer.py}, see {@link PeerBenchmark}) with the same thread count, and the ratio.
 *
 * <p>Definitions: after {@code --warmup} iterations, iterations run until {@code --seconds} have passed (at
 * least one); iterations per second is {@code n / elapsed}, ms per iteration {@code 1000 elapsed / n}.
 * GFLOP/s is {@code n * FLOPs per iteration / elapsed / 1e9} with the analytic count of {@link StepFlops}
 * ({@code n_critic (F(G) + 12 F(D)) + 3 F(G) + 3 F(D)}), which the peer uses as well. The matmul rate is
 * {@code 2 N^3} FLOPs per {@code N x N} float32 product in libtorch, repeated for 1.5 s after one warm-up.
 * The ratio is Java iterations per second over Python iterations per second (above 1: Java is faster); the
 * best ratio is Python's fastest iteration time over Java's, which is less sensitive to other load on the
 * machine.
 *
 * <p>The intra-op thread count ({@code --threads}) is fixed for the life of the engine, so compare thread
 * counts with one run each. The peer's speed depends on the BLAS Debian's torch loads (install
 * {@code libopenblas0-pthread}); each peer result names it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Time WGAN-GP generator iterations (5 critic steps + 1 generator step, batch 256 for toy-mlp, 64 for"
                    + " dcgan32, 32 for resnet32) and report iterations/s, ms/iteration, estimated GFLOP/s (analytic count:"
                    + " n_critic (F(G) + 12 F(D)) + 3 F(G) + 3 F(D), F = forward FLOPs of the Linear and conv"
                    + " layers) beside a large matmul's GFLOP/s from the same run.",
            "With --peer, also run the Python PyTorch peer scripts/bench_peer.py (Debian's python3-torch;"
                    + " its speed depends on libopenblas0-pthread) with the same thread count and print the"
                    + " Java/Python ratio. Progress goes to stderr, the table to stdout."})
public final class BenchCommand implements Callable<Integer> {
    private static final double MATMUL_SECONDS = 1.5;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S",
            description = "Time budget per model after warm-up, in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "Untimed iterations per model first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--models", defaultValue = "toy-mlp,dcgan32", paramLabel = "LIST",
            description = "Comma-separated models: toy-mlp, dcgan32, resnet32 (default: ${DEFAULT-VALUE}).")
    String models;

    @Option(names = "--matmul-size", defaultValue = "2048", paramLabel = "N",
            description = "Side of the square float32 matmul timed as a reference (default: ${DEFAULT-VALUE}).")
    int matmulSize;

    @Option(names = "--peer", description = "Also run the Python PyTorch peer with the same settings and print"
            + " the Java/Python ratio (skipped with a message if python3 or torch is missing).")
    boolean peer;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "FILE",
            description = "Python with Debian's python3-torch for --peer (default: ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--peer-script", paramLabel = "FILE",
            description = "The peer script (default: scripts/bench_peer.py in the working directory or the project).")
    Path peerScript;

    @Option(names = "--trace-dir", paramLabel = "DIR", description = "Also write a PyTorch profiler trace (Chrome JSON) of one"
            + " iteration after the warm-up per model, DIR/stablegan-MODEL.json, for counting operators with"
            + " scripts/count_ops.py (the peer writes DIR/peer-MODEL.json when run with the same option).")
    Path traceDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON (atomically).")
    Path json;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    /** One side's timing of one model. */
    record Timing(BenchModel model, int iterations, double seconds, double minSeconds, long flopsPerIteration,
            double matmulGflops) {
        double iterationsPerSecond() {
            return iterations / seconds;
        }

        double msPerIteration() {
            return 1000 * seconds / iterations;
        }

        double gflopsPerSecond() {
            return flopsPerIteration * (double) iterations / seconds / 1e9;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.id());
            m.put("batch", model.batch());
            m.put("critic_steps", BenchModel.CRITIC_STEPS);
            m.put("iterations", iterations);
            m.put("seconds", seconds);
            m.put("generator_iterations_per_second", iterationsPerSecond());
            m.put("ms_per_iteration", msPerIteration());
            m.put("min_ms_per_iteration", 1000 * minSeconds);
            m.put("flops_per_iteration", flopsPerIteration);
            m.put("gflops_per_second", gflopsPerSecond());
            m.put("matmul_gflops_per_second", matmulGflops);
            return m;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<BenchModel> chosen = validate();
        if (traceDir != null) {
            AtomicFiles.ensureWritableDirectory(traceDir);
        }
        engine.apply();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int threads = EngineSetup.threads();
        String engineName = EngineSetup.describeEngine();

        progress(err, String.format(Locale.ROOT, "%s, %d intra-op thread(s); matmul %dx%d float32 ...", engineName,
                threads, matmulSize, matmulSize));
        double matmul = matmulGflops(matmulSize, MATMUL_SECONDS);
        List<Timing> timings = new ArrayList<>();
        for (BenchModel model : chosen) {
            timings.add(time(model, matmul, err));
        }
        PeerBenchmark.Outcome peerOutcome = null;
        if (peer) {
            Path script = peerScript != null ? peerScript : locatePeerScript();
            progress(err, "running the Python peer (" + python + " " + script + ", " + threads + " thread(s)) ...");
            peerOutcome = PeerBenchmark.run(python, script, threads, seconds, warmup, chosen, matmulSize, traceDir);
            progress(err, peerOutcome.message());
        }

        printTable(out, engineName, threads, timings, peerOutcome);
        out.flush();
        if (json != null) {
            Map<String, Object> results = results(engineName, threads, matmul, timings, peerOutcome);
            AtomicFiles.writeString(json, Json.write(results) + "\n");
            progress(err, "wrote " + json);
        }
        return 0;
    }

    private List<BenchModel> validate() {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("--seconds: must be a positive number of seconds, got " + seconds);
        }
        SpecChecks.atLeast("--warmup", warmup, 0);
        SpecChecks.atLeast("--matmul-size", matmulSize, 1);
        return BenchModel.parseList(models, "--models");
    }

    private Timing time(BenchModel model, double matmul, PrintWriter err) {
        progress(err, model.id() + ": warm-up (" + warmup + " iteration(s)) ...");
        try (DjlGanTrainer trainer = DjlGanTrainer.create(model.spec(), model.data())) {
            for (int i = 0; i < warmup; i++) {
                trainer.step();
            }
            if (traceDir != null) {
                Path trace = traceDir.resolve("stablegan-" + model.id() + ".json");
                TorchProfiler.trace(trace, trainer::step);
                progress(err, model.id() + ": profiler trace of one iteration in " + trace);
            }
            progress(err, String.format(Locale.ROOT, "%s: timing for %.3g s ...", model.id(), seconds));
            long start = System.nanoTime();
            long budget = (long) (seconds * 1e9);
            long fastest = Long.MAX_VALUE;
            int n = 0;
            long elapsed;
            do {
                long t0 = System.nanoTime();
                trainer.step();
                long now = System.nanoTime();
                fastest = Math.min(fastest, now - t0);
                n++;
                elapsed = now - start;
            } while (elapsed < budget);
            Timing timing = new Timing(model, n, elapsed / 1e9, fastest / 1e9, model.flopsPerIteration(), matmul);
            progress(err, String.format(Locale.ROOT, "%s: %d iteration(s) in %.2f s", model.id(), n, timing.seconds()));
            return timing;
        }
    }

    /** GFLOP/s of {@code n x n} float32 matmuls in libtorch: {@code 2 n^3} FLOPs each, at least two timed. */
    static double matmulGflops(int n, double budgetSeconds) {
        try (NDManager manager = Devices.newManager(Devices.defaultDevice())) {
            NDArray a = manager.randomUniform(0f, 1f, new Shape(n, n));
            NDArray b = manager.randomUniform(0f, 1f, new Shape(n, n));
            a.matMul(b).close();
            int reps = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                a.matMul(b).close();
                reps++;
                elapsed = System.nanoTime() - start;
            } while (reps < 2 || elapsed < budgetSeconds * 1e9);
            return 2.0 * n * n * (double) n * reps / (elapsed / 1e9) / 1e9;
        }
    }

    private static void printTable(PrintWriter out, String engineName, int threads, List<Timing> timings,
            PeerBenchmark.Outcome peerOutcome) {
        out.printf(Locale.ROOT,
                "WGAN-GP generator iterations (%d critic steps + 1 generator step); java: %s, %d thread(s)%n",
                BenchModel.CRITIC_STEPS, engineName, threads);
        boolean peerOk = peerOutcome != null && peerOutcome.status() == PeerBenchmark.Status.OK;
        if (peerOk && !peerOutcome.models().isEmpty()) {
            Map<String, Object> first = peerOutcome.models().values().iterator().next();
            out.printf(Locale.ROOT, "python: torch %s, %s thread(s), BLAS %s%n", first.get("torch"),
                    first.get("threads"), first.get("blas"));
        }
        String header = String.format(Locale.ROOT, "%-8s %-6s %5s %9s %10s %10s %10s %9s %14s %11s %10s",
                "model", "side", "batch", "iter/s", "ms/iter", "best ms", "GFLOP/iter", "GFLOP/s", "matmul GFLOP/s",
                "java/python", "best ratio");
        out.println(header);
        for (Timing t : timings) {
            out.println(row(t.model().id(), "java", t.model().batch(), t.iterationsPerSecond(), t.msPerIteration(),
                    1000 * t.minSeconds(), t.flopsPerIteration(), t.gflopsPerSecond(), t.matmulGflops(), "", ""));
            if (peerOk && peerOutcome.models().containsKey(t.model().id())) {
                String id = t.model().id();
                double rate = peerOutcome.number(id, "generator_iterations_per_second");
                double best = peerOutcome.number(id, "min_ms_per_iteration");
                out.println(row(id, "python", t.model().batch(), rate, peerOutcome.number(id, "ms_per_iteration"),
                        best, (long) peerOutcome.number(id, "flops_per_iteration"),
                        peerOutcome.number(id, "gflops_per_second"),
                        peerOutcome.number(id, "matmul_gflops_per_second"),
                        String.format(Locale.ROOT, "%.2f", t.iterationsPerSecond() / rate),
                        String.format(Locale.ROOT, "%.2f", best / (1000 * t.minSeconds()))));
            }
        }
        if (peerOutcome != null && !peerOk) {
            out.println(peerOutcome.message());
        }
    }

    private static String row(String model, String side, int batch, double rate, double ms, double bestMs,
            long flops, double gflops, double matmul, String ratio, String bestRatio) {
        String perIteration = flops == 0 ? "-" : String.format(Locale.ROOT, "%.2f", flops / 1e9);
        String rateOfFlops = flops == 0 ? "-" : String.format(Locale.ROOT, "%.1f", gflops);
        return String.format(Locale.ROOT, "%-8s %-6s %5d %9.3f %10.1f %10.1f %10s %9s %14.1f %11s %10s",
                model, side, batch, rate, ms, bestMs, perIteration, rateOfFlops, matmul, ratio, bestRatio);
    }

    private Map<String, Object> results(String engineName, int threads, double matmul, List<Timing> timings,
            PeerBenchmark.Outcome peerOutcome) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("engine", engineName);
        root.put("threads", threads);
        root.put("seconds_per_model", seconds);
        root.put("warmup_iterations", warmup);
        root.put("matmul_size", matmulSize);
        root.put("matmul_gflops_per_second", matmul);
        root.put("flop_count", "n_critic (F(G) + 12 F(D)) + 3 F(G) + 3 F(D); F = 2 x multiply-adds of the Linear"
                + " and (transposed) convolution layers in one forward pass at the batch size");
        List<Object> entries = new ArrayList<>();
        for (Timing t : timings) {
            Map<String, Object> entry = t.toMap();
            if (peerOutcome != null && peerOutcome.models().containsKey(t.model().id())) {
                entry.put("peer", peerOutcome.models().get(t.model().id()));
                entry.put("java_over_python", t.iterationsPerSecond()
                        / peerOutcome.number(t.model().id(), "generator_iterations_per_second"));
                entry.put("java_over_python_best",
                        peerOutcome.number(t.model().id(), "min_ms_per_iteration") / (1000 * t.minSeconds()));
            }
            entries.add(entry);
        }
        root.put("models", entries);
        Map<String, Object> peerInfo = new LinkedHashMap<>();
        peerInfo.put("status",
                peerOutcome == null ? "not_requested" : peerOutcome.status().name().toLowerCase(Locale.ROOT));
        if (peerOutcome != null) {
            peerInfo.put("message", peerOutcome.message());
        }
        root.put("peer", peerInfo);
        return root;
    }

    /** {@code scripts/bench_peer.py} in the working directory or in a parent of this code's location. */
    static Path locatePeerScript() {
        Path relative = Path.of("scripts", "bench_peer.py");
        if (Files.isRegularFile(relative)) {
            return relative.toAbsolutePath();
        }
        try {
            Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(relative))) {
                    return dir.resolve(relative);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code location (unusual class loader): fall through
        }
        return relative.toAbsolutePath();
    }

    private static void progress(PrintWriter err, String message) {
        err.println("bench: " + message);
        err.flush();
    }
}
