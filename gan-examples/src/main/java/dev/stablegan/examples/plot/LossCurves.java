package dev.stablegan.examples.plot;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss curves of a training run as a PNG: every scalar a trainer's metrics file logs that the objectives
 * define ({@code critic_loss}, {@code generator_loss}, {@code wasserstein_estimate}, {@code gradient_penalty}),
 * against the generator step. Writes nothing when the file holds none of them. A malformed line is refused with its number.
 */
public final class LossCurves {
    private LossCurves() {}

    /** @return whether a picture was written (false when the file logs none of the scalars) */
    public static boolean write(Path metrics, Path file) throws IOException {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        List<String> lines = JsonLines.textLines(metrics);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            JsonObject o;
            double step;
            try {
                o = JsonParser.parseString(line).getAsJsonObject();
                step = o.get("step").getAsDouble();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(metrics + ": line " + (n + 1) + " is not a metrics object with a step ("
                        + e.getMessage() + ")", e);
            }
            for (String key : List.of("critic_loss", "generator_loss", "wasserstein_estimate", "gradient_penalty")) {
                if (o.has(key) && !o.get(key).isJsonNull()) {
                    series.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {step, o.get(key).getAsDouble()});
                }
            }
        }
        LineChart.Builder chart = LineChart.builder().optTitle("Losses per generator step (" + metrics.getFileName() + ")")
                .optXLabel("generator step").optYLabel("value");
        boolean any = false;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> points = e.getValue();
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            chart.addSeries(e.getKey(), x, y);
            any = true;
        }
        if (any) {
            chart.build().writeTo(file);
        }
        return any;
    }

}
