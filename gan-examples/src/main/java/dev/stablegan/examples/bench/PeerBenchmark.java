package dev.stablegan.examples.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the Python PyTorch peer {@code scripts/bench_peer.py} as a subprocess and reads its results, one JSON
 * object per model on its standard output (its progress goes to this process's standard error).
 *
 * <p>The peer needs Debian's PyTorch ({@code apt-get install python3-torch}) for the interpreter given
 * (normally {@code /usr/bin/python3}); it exits with status 3 when {@code import torch} fails, which is
 * reported as {@link Status#SKIPPED} with the install hint, as is a missing interpreter or script. Its speed
 * depends on the BLAS that Debian's torch loads: with {@code libopenblas0-pthread} installed it uses
 * OpenBLAS, otherwise the reference BLAS, many times slower; each result names the library in {@code blas}.
 */
public final class PeerBenchmark {
    /** The script's exit status when PyTorch cannot be imported. */
    public static final int EXIT_NO_TORCH = 3;
    /** How to get the peer's dependency. */
    public static final String INSTALL_HINT = "install Debian's PyTorch with: apt-get install python3-torch"
            + " (and libopenblas0-pthread for a fast BLAS)";

    /** Whether the peer ran. */
    public enum Status { OK, SKIPPED, FAILED }

    /**
     * The peer's outcome: per model (by {@link BenchModel#id()}) the fields it printed, in its order, with
     * numbers kept as printed.
     */
    public record Outcome(Status status, String message, Map<String, Map<String, Object>> models) {
        public Outcome {
            models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        }

        /** A numeric field of one model's result, or NaN when absent. */
        public double number(String model, String field) {
            Map<String, Object> fields = models.get(model);
            Object value = fields == null ? null : fields.get(field);
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    private PeerBenchmark() {}

    /**
     * Runs {@code python script --threads T --seconds S --warmup W --models m1,m2 --matmul-size M} and waits
     * for it. Never throws for a missing or failing peer: the outcome says why it did not run.
     */
    public static Outcome run(Path python, Path script, int threads, double seconds, int warmup,
            List<BenchModel> models, int matmulSize) {
        return run(python, script, threads, seconds, warmup, models, matmulSize, null);
    }

    /** As {@link #run(Path, Path, int, double, int, List, int)}, passing {@code --trace-dir} when {@code traceDir} is set. */
    public static Outcome run(Path python, Path script, int threads, double seconds, int warmup,
            List<BenchModel> models, int matmulSize, Path traceDir) {
        if (!Files.isExecutable(python)) {
            return new Outcome(Status.SKIPPED, "peer skipped: " + python + " not found; " + INSTALL_HINT, Map.of());
        }
        if (script == null || !Files.isRegularFile(script)) {
            return new Outcome(Status.SKIPPED, "peer skipped: script scripts/bench_peer.py not found"
                    + (script == null ? "" : " at " + script) + "; pass --peer-script", Map.of());
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
                "--threads", Integer.toString(threads),
                "--seconds", String.format(Locale.ROOT, "%s", seconds),
                "--warmup", Integer.toString(warmup),
                "--models", String.join(",", models.stream().map(BenchModel::id).toList()),
                "--matmul-size", Integer.toString(matmulSize)));
        if (traceDir != null) {
            command.addAll(List.of("--trace-dir", traceDir.toAbsolutePath().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        int exit;
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Map<String, Object> fields = parseLine(line);
                    if (fields != null && fields.get("model") instanceof String model) {
                        results.put(model, fields);
                    }
                }
            }
            exit = process.waitFor();
        } catch (IOException e) {
            return new Outcome(Status.SKIPPED, "peer skipped: cannot start " + python + ": " + e.getMessage()
                    + "; " + INSTALL_HINT, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Status.FAILED, "peer interrupted", results);
        }
        if (exit == EXIT_NO_TORCH) {
            return new Outcome(Status.SKIPPED, "peer skipped: PyTorch is not installed for " + python + "; "
                    + INSTALL_HINT, Map.of());
        }
        if (exit != 0) {
            return new Outcome(Status.FAILED, "peer failed: " + String.join(" ", command) + " exited with status "
                    + exit, results);
        }
        return new Outcome(Status.OK, "peer: " + String.join(" ", command), results);
    }

    /** One JSON object line as a field map (numbers as printed), or null for other lines. */
    static Map<String, Object> parseLine(String line) {
        String trimmed = line.trim();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        JsonObject object;
        try {
            object = JsonParser.parseString(trimmed).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            JsonElement v = e.getValue();
            if (v.isJsonPrimitive()) {
                JsonPrimitive p = v.getAsJsonPrimitive();
                Object value = p.isNumber() ? p.getAsNumber() : p.isBoolean() ? (Object) p.getAsBoolean() : p.getAsString();
                fields.put(e.getKey(), value);
            } else if (!v.isJsonNull()) {
                fields.put(e.getKey(), v.toString());
            }
        }
        return fields;
    }
}
