package dev.stablegan.examples.ssl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.djl.train.CheckpointFile;
import dev.stablegan.examples.data.MnistFamily;
import dev.stablegan.examples.plot.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The spread over seeds of finished {@code ./gan ssl-mnist} runs, as Salimans et al. 2016 report their MNIST result
 * ("93 +- 6.5" test errors over seeds, Table 1): the mean and sample standard deviation
 * {@code s = sqrt(sum_i (e_i - mean)^2 / (n - 1))} of the runs' test error counts, at each run's last epoch and at
 * one epoch every run reached (by default the last epoch they all reached), so that runs stopped by a time budget
 * after different numbers of epochs can still be compared at equal training.
 *
 * <p>The runs must differ only by seed: the same labels, mode, feature-matching distance, steps per epoch and test
 * set size, and no seed twice.
 */
public final class SeedSpread {
    private SeedSpread() {}

    /**
     * One finished run, read from its {@code summary.json}.
     *
     * @param curve test errors (counts) by epoch
     * @param labelSet which labelled examples: {@code authors:S} for the authors' choice with label seed S, or
     *     {@code stream} (chosen by the weight seed; runs before the label-set option)
     * @param recipe the trainer's recipe ({@code authors}, or {@code port-1} for runs before it was recorded): runs of
     *     different recipes are not spread together
     * @param finished whether the run has ended (written its summary.json); a run still training is read from its
     *     checkpoint by {@link #readFinishedOrInProgress}
     */
    public record Run(Path folder, long seed, int labels, String mode, String featureMatching, int stepsPerEpoch,
            int testExamples, int epochs, int testErrors, double seconds, TreeMap<Integer, Integer> curve, String labelSet,
            String recipe, boolean finished) {
        public Run {
            Objects.requireNonNull(folder, "folder");
            curve = new TreeMap<>(curve);
        }

        /**
         * This run as it stood after {@code epoch}: its curve up to there, that epoch's errors as its result; the seconds
         * stay those of the whole run (the curve records no time).
         *
         * @throws IllegalArgumentException when the curve has no such epoch
         */
        public Run at(int epoch) {
            Integer errors = curve.get(epoch);
            if (errors == null) {
                throw new IllegalArgumentException(folder + ": the learning curve has no epoch " + epoch + " (it runs from "
                        + curve.firstKey() + " to " + curve.lastKey() + ")");
            }
            return new Run(folder, seed, labels, mode, featureMatching, stepsPerEpoch, testExamples, epoch, errors, seconds,
                    new TreeMap<>(curve.headMap(epoch, true)), labelSet, recipe, finished);
        }

        /** The settings that must agree between runs for their spread to mean anything. */
        Map<String, Object> sharedSettings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("labels", labels);
            m.put("mode", mode);
            m.put("feature_matching", featureMatching);
            m.put("steps_per_epoch", stepsPerEpoch);
            m.put("test_examples", testExamples);
            m.put("label_set", labelSet);
            m.put("recipe", recipe);
            return m;
        }
    }

    /** Mean and sample standard deviation of {@code n} error counts, with their range. */
    public record Spread(int n, double mean, double std, int min, int max) {}

    /** The spread of {@code errors} (at least two values). */
    public static Spread of(int[] errors) {
        if (errors.length < 2) {
            throw new IllegalArgumentException("a spread needs at least 2 runs, got " + errors.length);
        }
        double mean = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int e : errors) {
            mean += e;
            min = Math.min(min, e);
            max = Math.max(max, e);
        }
        mean /= errors.length;
        double squares = 0;
        for (int e : errors) {
            squares += (e - mean) * (e - mean);
        }
        return new Spread(errors.length, mean, Math.sqrt(squares / (errors.length - 1)), min, max);
    }

    /** Reads the {@code summary.json} of the run in {@code folder}; a missing or malformed file is named. */
    public static Run read(Path folder) throws IOException {
        Path file = folder.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; the folder holds no finished ssl-mnist run (summary.json is written"
                    + " when a run ends)");
        }
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a JSON object: " + e.getMessage(), e);
        }
        int testExamples = integer(o, "test_examples", file);
        TreeMap<Integer, Integer> curve = new TreeMap<>();
        JsonElement c = o.get("learning_curve");
        if (c == null || !c.isJsonArray()) {
            throw new IOException(file + ": field 'learning_curve' missing or not an array");
        }
        JsonArray points = c.getAsJsonArray();
        for (int i = 0; i < points.size(); i++) {
            try {
                JsonArray p = points.get(i).getAsJsonArray();
                double error = p.get(1).getAsDouble();
                curve.put(p.get(0).getAsInt(), (int) Math.round(error * testExamples));
            } catch (RuntimeException e) {
                throw new IOException(file + ": learning_curve[" + i + "] is not [epoch, test_error]", e);
            }
        }
        return new Run(folder, integer(o, "seed", file), integer(o, "labels", file), text(o, "mode", file),
                text(o, "feature_matching", file), integer(o, "steps_per_epoch", file), testExamples,
                integer(o, "epochs", file), integer(o, "test_errors", file), number(o, "seconds", file), curve, labelSet(o, file),
                o.has("recipe") ? text(o, "recipe", file) : "port-1", true);
    }

    /**
     * As {@link #read}, and for a run still training (no summary.json, a checkpoint) the run as its checkpoint holds it:
     * the settings, learning curve, epoch and seconds recorded there, {@link Run#finished()} false.
     */
    public static Run readFinishedOrInProgress(Path folder) throws IOException {
        Path file = folder.resolve(SslMnistExperiment.CHECKPOINT);
        if (Files.isRegularFile(folder.resolve("summary.json")) || !Files.isRegularFile(file)) {
            return read(folder);
        }
        JsonObject meta;
        JsonObject settings;
        JsonArray points;
        try {
            meta = JsonParser.parseString(CheckpointFile.read(file).metadataJson()).getAsJsonObject();
            settings = meta.getAsJsonObject("settings");
            points = meta.getAsJsonArray("curve");
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a checkpoint of ssl-mnist (" + e.getMessage() + ")", e);
        }
        if (settings == null || points == null || points.isEmpty()) {
            throw new IOException(file + ": not a checkpoint of ssl-mnist (no settings or learning curve)");
        }
        TreeMap<Integer, Integer> curve = new TreeMap<>();
        int testExamples = 0;
        for (int i = 0; i < points.size(); i++) {
            try { // [epoch, test error, test errors]
                JsonArray p = points.get(i).getAsJsonArray();
                int errors = p.get(2).getAsInt();
                curve.put(p.get(0).getAsInt(), errors);
                testExamples = errors > 0 ? (int) Math.round(errors / p.get(1).getAsDouble()) : testExamples;
            } catch (RuntimeException e) {
                throw new IOException(file + ": curve[" + i + "] is not [epoch, test_error, test_errors]", e);
            }
        }
        if (testExamples == 0) {
            throw new IOException(file + ": no epoch with a test error, so the test set's size is unknown");
        }
        int stepsPerEpoch = integer(settings, "steps_per_epoch", file);
        return new Run(folder, integer(settings, "seed", file), integer(settings, "labels", file),
                field(settings, "adversarial", file).getAsBoolean() ? "gan" : "supervised-baseline",
                text(settings, "feature_matching", file).toLowerCase(Locale.ROOT),
                stepsPerEpoch > 0 ? stepsPerEpoch : MnistFamily.TRAIN_IMAGES / SslMnistExperiment.BATCH, testExamples,
                integer(meta, "epoch", file), curve.lastEntry().getValue(), number(meta, "seconds", file), curve,
                labelSet(settings, file), meta.has("recipe") ? text(meta, "recipe", file) : "port-1", false);
    }

    /**
     * The spread of {@code runs} as a JSON-ready map: the shared settings, each run, the spread at the last epoch of
     * each, and the spread at {@code atEpoch} (0: the last epoch every run reached).
     */
    public static Map<String, Object> summarize(List<Run> runs, int atEpoch) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a spread over seeds needs at least 2 runs, got " + runs.size());
        }
        Run first = runs.get(0);
        Map<Long, Path> seeds = new LinkedHashMap<>();
        int commonEpoch = Integer.MAX_VALUE;
        for (Run r : runs) {
            Map<String, Object> shared = r.sharedSettings();
            first.sharedSettings().forEach((name, value) -> {
                if (!value.equals(shared.get(name))) {
                    throw new IllegalArgumentException("the runs differ in " + name + ": " + first.folder() + " has " + value
                            + ", " + r.folder() + " has " + shared.get(name) + "; a spread over seeds needs runs that differ"
                            + " only by seed");
                }
            });
            Path before = seeds.put(r.seed(), r.folder());
            if (before != null) {
                throw new IllegalArgumentException("seed " + r.seed() + " appears twice (" + before + ", " + r.folder()
                        + "); a spread over seeds needs a different seed per run");
            }
            if (r.curve().isEmpty()) {
                throw new IllegalArgumentException(r.folder() + ": the learning curve is empty");
            }
            commonEpoch = Math.min(commonEpoch, r.curve().lastKey());
        }
        int epoch = atEpoch > 0 ? atEpoch : commonEpoch;
        int[] finals = new int[runs.size()];
        int[] atEpochErrors = new int[runs.size()];
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Integer e = r.curve().get(epoch);
            if (e == null) {
                throw new IllegalArgumentException(r.folder() + ": the learning curve has no epoch " + epoch + " (it runs from "
                        + r.curve().firstKey() + " to " + r.curve().lastKey() + ")");
            }
            finals[i] = r.testErrors();
            atEpochErrors[i] = e;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("folder", r.folder().toString());
            row.put("seed", r.seed());
            row.put("epochs", r.epochs());
            row.put("test_errors", r.testErrors());
            row.put("test_errors_at_epoch", e);
            row.put("seconds", r.seconds());
            if (!r.finished()) {
                row.put("finished", false);
            }
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>(first.sharedSettings());
        out.put("runs", rows);
        out.put("final", asMap(of(finals), first.testExamples()));
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("epoch", epoch);
        at.putAll(asMap(of(atEpochErrors), first.testExamples()));
        out.put("at_epoch", at);
        return out;
    }

    /** {@code authors:S} or {@code stream}, from a summary's {@code label_set} and {@code label_seed} (absent: stream). */
    private static String labelSet(JsonObject o, Path file) throws IOException {
        if (!o.has("label_set") || text(o, "label_set", file).equals("stream")) {
            return "stream";
        }
        return text(o, "label_set", file) + ":" + (long) number(o, "label_seed", file);
    }

    /**
     * Both spreads of Salimans et al.'s comparison from runs that vary the weight seed, the labelled set or both
     * (issue 19): for each labelled set run with two or more weight seeds, the spread over those seeds (the paper's
     * "+-"); and for each weight seed run on two or more labelled sets, the spread over the sets. Final test errors of
     * each run; the other settings must agree.
     *
     * @throws IllegalArgumentException when the runs differ in another setting, or give neither spread
     */
    public static Map<String, Object> bothSpreads(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no finished run to summarize");
        }
        Run first = runs.get(0);
        Map<String, Object> shared = new LinkedHashMap<>(first.sharedSettings());
        shared.remove("label_set");
        for (Run r : runs) {
            Map<String, Object> other = new LinkedHashMap<>(r.sharedSettings());
            other.remove("label_set");
            shared.forEach((name, value) -> {
                if (!value.equals(other.get(name))) {
                    throw new IllegalArgumentException("the runs differ in " + name + ": " + first.folder() + " has " + value + ", "
                            + r.folder() + " has " + other.get(name));
                }
            });
        }
        Map<String, List<Run>> bySet = new TreeMap<>();
        Map<Long, List<Run>> bySeed = new TreeMap<>();
        for (Run r : runs) {
            bySet.computeIfAbsent(r.labelSet(), k -> new ArrayList<>()).add(r);
            if (!r.labelSet().equals("stream")) {
                bySeed.computeIfAbsent(r.seed(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Object> overSeeds = new ArrayList<>();
        bySet.forEach((set, group) -> {
            if (group.size() >= 2) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("label_set", set);
                row.put("weight_seeds", group.stream().map(Run::seed).toList());
                row.putAll(asMap(of(group.stream().mapToInt(Run::testErrors).toArray()), first.testExamples()));
                overSeeds.add(row);
            }
        });
        List<Object> overSets = new ArrayList<>();
        bySeed.forEach((seed, group) -> {
            if (group.stream().map(Run::labelSet).distinct().count() >= 2) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("weight_seed", seed);
                row.put("label_sets", group.stream().map(Run::labelSet).toList());
                row.putAll(asMap(of(group.stream().mapToInt(Run::testErrors).toArray()), first.testExamples()));
                overSets.add(row);
            }
        });
        if (overSeeds.isEmpty() && overSets.isEmpty()) {
            throw new IllegalArgumentException("the " + runs.size() + " finished runs give no spread: it needs two weight seeds on one"
                    + " labelled set, or one weight seed on two labelled sets");
        }
        Map<String, Object> out = new LinkedHashMap<>(shared);
        List<Object> rows = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("folder", r.folder().toString());
            row.put("weight_seed", r.seed());
            row.put("label_set", r.labelSet());
            row.put("epochs", r.epochs());
            row.put("test_errors", r.testErrors());
            if (!r.finished()) {
                row.put("finished", false);
            }
            rows.add(row);
        }
        out.put("runs", rows);
        out.put("over_weight_seeds", overSeeds);
        out.put("over_label_sets", overSets);
        return out;
    }

    /** Every run's test error (%) against the epoch, one line per seed on a log scale, written to {@code png}. */
    public static void plot(List<Run> runs, Path png) throws IOException {
        LineChart.Builder chart = LineChart.builder().optTitle("Semi-supervised MNIST: test error per epoch, by seed")
                .optXLabel("epoch").optYLabel("test error (%)").optLogY(true);
        for (Run r : runs) {
            double[] x = r.curve().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = r.curve().values().stream().mapToDouble(e -> 100.0 * e / r.testExamples()).toArray();
            chart.addSeries("seed " + r.seed() + (r.labelSet().equals("stream") ? "" : ", labels " + r.labelSet()), x, y);
        }
        chart.build().writeTo(png);
    }

    private static Map<String, Object> asMap(Spread s, int testExamples) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", s.n());
        m.put("mean_errors", s.mean());
        m.put("std_errors", s.std());
        m.put("min_errors", s.min());
        m.put("max_errors", s.max());
        m.put("mean_test_error", s.mean() / testExamples);
        return m;
    }

    private static JsonElement field(JsonObject o, String name, Path file) throws IOException {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IOException(file + ": field '" + name + "' missing or not a value");
        }
        return e;
    }

    private static int integer(JsonObject o, String name, Path file) throws IOException {
        double v = number(o, name, file);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IOException(file + ": field '" + name + "' must be a whole number, got " + v);
        }
        return (int) v;
    }

    private static double number(JsonObject o, String name, Path file) throws IOException {
        JsonElement e = field(o, name, file);
        if (!e.getAsJsonPrimitive().isNumber()) {
            throw new IOException(file + ": field '" + name + "' must be a number, got " + e);
        }
        return e.getAsDouble();
    }

    private static String text(JsonObject o, String name, Path file) throws IOException {
        JsonElement e = field(o, name, file);
        if (!e.getAsJsonPrimitive().isString()) {
            throw new IOException(file + ": field '" + name + "' must be a string, got " + e);
        }
        return e.getAsString();
    }
}
