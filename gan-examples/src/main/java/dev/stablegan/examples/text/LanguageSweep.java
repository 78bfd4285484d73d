package dev.stablegan.examples.text;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.Json;
import dev.stablegan.examples.SweepRuns;
import dev.stablegan.examples.plot.LineChart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language GAN's comparison as a sweep (WGAN-GP section 5.5: WGAN-GP against the standard GAN, here over seeds):
 * one run per objective and seed in {@code DIR/OBJECTIVE_seedS/}, and a collect step that tabulates the finished ones.
 *
 * <p>{@code DIR/results.json} and {@code DIR/results.md}: every finished run's final character n-gram JS divergences,
 * and per objective the mean and sample standard deviation of JS-4 over its seeds; {@code DIR/js.png}: the runs' JS-4
 * curves.
 */
public final class LanguageSweep {
    /** One run of the sweep. */
    public record Run(String objective, long seed) {
        /** Its folder's name, such as {@code wgan-gp_seed2}. */
        public String name() {
            return objective + "_seed" + seed;
        }
    }

    private LanguageSweep() {}

    /**
     * Writes the tables and the curves of the runs whose {@code summary.json} exists (written last), names the others.
     *
     * @throws IOException when no run has finished
     */
    public static List<Map<String, Object>> collect(Map<String, Run> runs, Path out, PrintWriter log) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        LineChart.Builder chart = LineChart.builder().optTitle("Character 4-gram JS divergence to the training lines, by run")
                .optXLabel("generator step").optYLabel("JS-4 (bits)");
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            Path dir = out.resolve(e.getKey());
            Path summary = dir.resolve(LanguageRun.SUMMARY);
            if (!Files.isRegularFile(summary)) {
                missing.add(e.getKey());
                continue;
            }
            JsonObject o;
            try {
                o = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
            } catch (RuntimeException ex) {
                throw new IOException(summary + ": not a language summary (" + ex.getMessage() + ")", ex);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", e.getKey());
            row.put("objective", e.getValue().objective());
            row.put("seed", e.getValue().seed());
            for (String field : List.of("steps", "js1", "js2", "js3", "js4", "heldout_js4")) {
                if (!o.has(field)) {
                    throw new IOException(summary + ": field '" + field + "' is missing");
                }
                row.put(field, o.get(field).getAsDouble());
            }
            rows.add(row);
            List<double[]> points = LanguageRun.jsCurve(dir.resolve(LanguageRun.METRICS));
            if (!points.isEmpty()) {
                chart.addSeries(e.getKey(), points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
            }
        }
        SweepRuns.requireSomeFinished("language", out, List.copyOf(runs.keySet()), missing, LanguageRun.SUMMARY, log);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runs", rows);
        List<Map<String, Object>> summary = byObjective(rows);
        result.put("by_objective", summary);
        AtomicFiles.writeString(out.resolve("results.json"), Json.write(result) + "\n");
        AtomicFiles.writeString(out.resolve("results.md"), table(rows, summary));
        chart.build().writeTo(out.resolve(LanguageRun.JS_PLOT));
        log.printf("language: collected %d runs; wrote %s, %s and %s%n", rows.size(), out.resolve("results.json"), out.resolve("results.md"),
                out.resolve(LanguageRun.JS_PLOT));
        log.flush();
        return rows;
    }

    /** Per objective: the number of seeds, the mean final JS-4 and its sample standard deviation (null for one seed). */
    static List<Map<String, Object>> byObjective(List<Map<String, Object>> rows) {
        Map<String, List<Double>> js = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            js.computeIfAbsent((String) r.get("objective"), k -> new ArrayList<>()).add((Double) r.get("js4"));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        js.forEach((objective, values) -> {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            Double std = null;
            if (values.size() > 1) {
                double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
                std = Math.sqrt(squares / (values.size() - 1));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("objective", objective);
            m.put("seeds", values.size());
            m.put("mean_js4", mean);
            m.put("std_js4", std);
            out.add(m);
        });
        return out;
    }

    private static String table(List<Map<String, Object>> rows, List<Map<String, Object>> summary) {
        StringBuilder b = new StringBuilder("| run | steps | JS-1 | JS-2 | JS-3 | JS-4 | held-out JS-4 |\n|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", r.get("run"), r.get("steps"), r.get("js1"),
                    r.get("js2"), r.get("js3"), r.get("js4"), r.get("heldout_js4")));
        }
        b.append("\n| objective | seeds | mean JS-4 | std JS-4 |\n|---|---|---|---|\n");
        for (Map<String, Object> s : summary) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s |%n", s.get("objective"), s.get("seeds"), s.get("mean_js4"),
                    s.get("std_js4") == null ? "-" : String.format(Locale.ROOT, "%.3f", s.get("std_js4"))));
        }
        return b.toString();
    }
}
