package dev.stablegan.api.listen;

import dev.stablegan.api.GanListener;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.StepReport;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line console progress bar: percentage, steps per second, time left and the latest scalars, redrawn
 * at most every {@code minIntervalMillis}. Writes plain lines instead when the stream is not a terminal.
 */
public final class ConsoleProgress implements GanListener {
    private static final int BAR = 24;
    private final PrintStream out;
    private final long minIntervalMillis;
    private final boolean redraw;
    private long startNanos;
    private long startStep;
    private long lastPrint;

    public ConsoleProgress(PrintStream out, long minIntervalMillis, boolean redraw) {
        this.out = out;
        this.minIntervalMillis = minIntervalMillis;
        this.redraw = redraw;
    }

    /** Progress on standard error, redrawn in place when a console is attached. */
    public static ConsoleProgress onStderr() {
        return new ConsoleProgress(System.err, 500, System.console() != null);
    }

    @Override
    public void onStart(GanSpec spec, long startStep) {
        this.startNanos = System.nanoTime();
        this.startStep = startStep;
        this.lastPrint = 0;
    }

    @Override
    public void onStep(StepReport r) {
        long now = System.currentTimeMillis();
        boolean last = r.step() == r.totalSteps();
        if (!last && now - lastPrint < minIntervalMillis) {
            return;
        }
        lastPrint = now;
        out.print(render(r, (System.nanoTime() - startNanos) / 1e9));
        out.print(redraw && !last ? "\r" : "\n");
        out.flush();
    }

    @Override
    public void onEnd(RunSummary summary) {
        out.flush();
    }

    String render(StepReport r, double elapsedSeconds) {
        double fraction = r.totalSteps() == 0 ? 1 : (double) r.step() / r.totalSteps();
        int filled = (int) Math.round(fraction * BAR);
        double rate = elapsedSeconds > 0 ? (r.step() - startStep) / elapsedSeconds : 0;
        double eta = rate > 0 ? (r.totalSteps() - r.step()) / rate : Double.NaN;
        StringBuilder sb = new StringBuilder();
        sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
        sb.append(String.format(Locale.ROOT, "%3.0f%% %d/%d  %.1f steps/s  ETA %s", 100 * fraction, r.step(),
                r.totalSteps(), rate, formatDuration(eta)));
        for (Map.Entry<String, Double> e : r.scalars().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %s %.4g", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
