package dev.stablegan.examples.ssl;

import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.examples.data.SyntheticDigits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finished ssl-mnist runs written by hand for the tests (a summary.json with the fields {@link SeedSpread} reads), and
 * tiny real runs on synthetic digits.
 */
public final class SslRunFixtures {
    private SslRunFixtures() {}

    /**
     * Writes {@code parent/name/summary.json} of a run with 10,000 test images.
     *
     * @param curve the test error counts after epochs 1, 2, ...; the last is the run's result
     */
    public static Path finishedRun(Path parent, String name, long seed, int labels, int... curve) throws IOException {
        return finishedAuthorsRun(parent, name, seed, -1, labels, curve);
    }

    /** As {@link #finishedRun(Path, String, long, int, int...)} on the authors' labelled set of {@code labelSeed} (-1: stream). */
    public static Path finishedAuthorsRun(Path parent, String name, long seed, long labelSeed, int labels, int... curve)
            throws IOException {
        Path folder = Files.createDirectories(parent.resolve(name));
        StringBuilder points = new StringBuilder();
        for (int e = 0; e < curve.length; e++) {
            points.append(e == 0 ? "" : ",").append('[').append(e + 1).append(',').append(curve[e] / 10000.0).append(']');
        }
        int last = curve[curve.length - 1];
        Files.writeString(folder.resolve("summary.json"), "{\"test_error\":" + last / 10000.0 + ",\"test_errors\":" + last
                + ",\"test_examples\":10000,\"labels\":" + labels + ",\"epochs\":" + curve.length + ",\"steps_per_epoch\":600"
                + ",\"seconds\":12.5,\"mode\":\"gan\",\"seed\":" + seed + ",\"feature_matching\":\"mean-squared\""
                + (labelSeed < 0 ? "" : ",\"label_set\":\"authors\",\"label_seed\":" + labelSeed)
                + ",\"learning_curve\":[" + points + "]}\n");
        return folder;
    }

    /**
     * Trains a tiny real run in {@code parent/name} (synthetic digits, 20 labels, 2 steps per epoch) for {@code epochs}
     * epochs; with {@code stillTraining} its summary.json is then removed, so that the folder looks as a run's does
     * while it trains: a checkpoint after its last epoch, metrics, no summary.
     */
    public static Path tinyRun(Path parent, String name, long seed, int epochs, boolean stillTraining) throws IOException {
        Path folder = parent.resolve(name);
        SslMnistExperiment.run(new SslMnistExperiment.Settings(20, seed, epochs, true, 2), SyntheticDigits.squares("train", 400, 0),
                SyntheticDigits.squares("test", 100, 1), folder, new PrintWriter(new StringWriter()),
                new ConsoleProgress(new PrintStream(OutputStream.nullOutputStream()), 1000, false));
        if (stillTraining) {
            Files.delete(folder.resolve("summary.json"));
        }
        return folder;
    }
}
