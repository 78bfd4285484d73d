package dev.stablegan.examples.cli;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.djl.train.Samples;
import dev.stablegan.djl.train.TrainedGenerator;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        SpecChecks.atLeast("--count", count, 1);
        engine.apply();
        try (TrainedGenerator g = TrainedGenerator.load(checkpoint)) {
            int width = g.sampleValues(new RandomStream(seed), 1).length;
            Path folder = out.toAbsolutePath().getParent();
            AtomicFiles.ensureWritableDirectory(folder);
            requireRoomFor(count, width, out, Files.getFileStore(folder).getUsableSpace());
            RandomStream random = new RandomStream(seed);
            // Written in parts, so that memory holds one part whatever the count.
            AtomicFiles.write(out, stream -> {
                Writer csv = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                StringBuilder line = new StringBuilder();
                Samples.inParts(g, random, count, CHUNK, (start, n, values) -> {
                    for (int i = 0; i < n; i++) {
                        line.setLength(0);
                        for (int j = 0; j < width; j++) {
                            line.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", values[i * width + j]));
                        }
                        csv.append(line).append('\n');
                    }
                });
                csv.flush();
            });
            System.err.println("wrote " + count + " samples from step " + g.step() + " to " + out);
        }
        return 0;
    }

    /** Samples made and written at a time. */
    static final int CHUNK = 1_000;
    /** The most characters a value takes in the file, its comma included ({@code -1.234567e-05,}). */
    static final int MAX_CHARS_PER_VALUE = 14;

    /**
     * Refuses, before sampling, a file that would not fit the {@code free} bytes of the folder it goes to.
     *
     * @throws IllegalArgumentException naming the option, the file, the estimated size and the free space
     */
    static void requireRoomFor(int count, int width, Path out, long free) {
        long bytes = (long) count * width * MAX_CHARS_PER_VALUE;
        if (bytes > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--count: %,d samples of %,d values make up to %,d MB of CSV"
                    + " in %s, but its file system has %,d MB free", count, width, bytes >> 20, out, free >> 20));
        }
    }
}
