package dev.stablegan.examples.cli;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.djl.train.TrainedGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Draws samples from a trained generator's checkpoint without any training code. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw samples from the generator stored in a checkpoint and write them as CSV (one row per sample).")
public final class SampleCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A checkpoint written by training.")
    Path checkpoint;

    @Option(names = "--count", defaultValue = "1000", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the latent noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count: must be >= 1, got " + count);
        }
        engine.apply();
        try (TrainedGenerator g = TrainedGenerator.load(checkpoint)) {
            float[][] rows = g.sample(count, seed);
            StringBuilder csv = new StringBuilder();
            for (float[] row : rows) {
                for (int j = 0; j < row.length; j++) {
                    csv.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", row[j]));
                }
                csv.append('\n');
            }
            AtomicFiles.writeString(out, csv.toString());
            System.err.println("wrote " + count + " samples from step " + g.step() + " to " + out);
        }
        return 0;
    }
}
