package dev.stablegan.api.listen;

import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.Json;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.StepReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends one JSON object per logged step to a file: {@code {"step":..,"seconds":..,<scalars>}}. On a resumed
 * run, lines past the resumed step (written after the last checkpoint of the interrupted run) are dropped
 * first, so the file reads as one uninterrupted run.
 */
public final class JsonlMetrics implements GanListener {
    private static final Pattern STEP = Pattern.compile("^\\{\"step\":(\\d+)[,}]");
    private final Path file;
    private final long every;
    private BufferedWriter out;

    public JsonlMetrics(Path file, long every) {
        if (every <= 0) {
            throw new IllegalArgumentException("metrics interval: must be > 0, got " + every);
        }
        this.file = file;
        this.every = every;
    }

    @Override
    public void onStart(GanSpec spec, long startStep) {
        try {
            keepLinesUpTo(file, startStep);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites {@code file}, if it exists, keeping only its lines that start with {@code {"step":N} for
     * {@code N <= step}: what a run resumed at {@code step} had written up to its checkpoint. {@code step = 0}
     * empties the file.
     */
    public static void keepLinesUpTo(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        if (step > 0) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = STEP.matcher(line);
                if (m.find() && Long.parseLong(m.group(1)) <= step) {
                    kept.add(line);
                }
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
    }

    @Override
    public void onStep(StepReport report) {
        if (report.step() % every != 0 && report.step() != report.totalSteps()) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", report.step());
        line.put("seconds", report.seconds());
        line.putAll(report.scalars());
        try {
            out.write(Json.write(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("metrics file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEnd(RunSummary summary) {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("metrics file " + file + ": " + e.getMessage(), e);
        }
    }
}
