package dev.stablegan.examples.cli;

import dev.stablegan.djl.EngineSetup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Engine options shared by every training command: {@code --threads} and {@code --device}. */
public final class EngineOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; measured fastest for small MLPs on 2 cores,"
                    + " see docs/benchmarks.md).", defaultValue = "1")
    int threads;

    @Mixin
    DeviceOption device = new DeviceOption();

    /** Loads the engine offline with the chosen thread count and makes the chosen device the process default. */
    public void apply() {
        configure(threads);
        device.apply(System.err);
    }

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

    public int threads() {
        return threads;
    }

    /**
     * {@code --threads} (two by default) and {@code --device} of the MNIST recipes (ablation, classifier, semi-supervised),
     * whose thread count is part of the recipe: results differ in the last bits between thread counts.
     */
    public static final class TwoThreads {
        @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
                description = "PyTorch intra-op threads; part of the recipe, as results differ in the last bits between thread"
                        + " counts (default: ${DEFAULT-VALUE}).")
        int threads;

        @Mixin
        DeviceOption device = new DeviceOption();

        /** As {@link EngineOptions#apply()}. */
        public void apply() {
            configure(threads);
            device.apply(System.err);
        }
    }
}
