package dev.stablegan.examples.cli;

import dev.stablegan.djl.EngineSetup;
import picocli.CommandLine.Option;

/** Engine options shared by every training command: {@code --threads} (one by default) and {@code --device}. */
public final class EngineOptions extends ThreadsAndDevice {
    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; measured fastest for small MLPs on 2 cores,"
                    + " see docs/benchmarks.md).", defaultValue = "1")
    int threads;

    /**
     * {@link EngineSetup#configure} for a command's {@code --threads}: a refused count is reported under the option's
     * name.
     */
    public static void configure(int threads) {
        try {
            EngineSetup.configure(threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    @Override
    public int threads() {
        return threads;
    }

    /**
     * {@code --threads} (two by default) and {@code --device} of the MNIST recipes (ablation, classifier, semi-supervised),
     * whose thread count is part of the recipe: results differ in the last bits between thread counts.
     */
    public static final class TwoThreads extends ThreadsAndDevice {
        @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
                description = "PyTorch intra-op threads; part of the recipe, as results differ in the last bits between thread"
                        + " counts (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public int threads() {
            return threads;
        }
    }
}
