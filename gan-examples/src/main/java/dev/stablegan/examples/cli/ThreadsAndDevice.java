package dev.stablegan.examples.cli;

import picocli.CommandLine.Mixin;

/**
 * {@code --device} and what a thread setting does with the engine; each subclass ({@link EngineOptions},
 * {@link EngineOptions.TwoThreads}) declares its own {@code --threads} and default.
 */
abstract class ThreadsAndDevice {
    @Mixin
    DeviceOption device = new DeviceOption();

    public abstract int threads();

    /** Loads the engine offline with the chosen thread count and makes the chosen device the process default. */
    public void apply() {
        EngineOptions.configure(threads());
        device.apply(System.err);
    }
}
