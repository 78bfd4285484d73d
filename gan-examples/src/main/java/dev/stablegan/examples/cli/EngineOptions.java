package dev.stablegan.examples.cli;

import dev.stablegan.djl.EngineSetup;
import picocli.CommandLine.Option;

/** Engine options shared by every training command. */
public final class EngineOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; measured fastest for small MLPs on 2 cores,"
                    + " see docs/benchmarks.md).", defaultValue = "1")
    int threads;

    /** Loads the engine offline with the chosen thread count. */
    public void apply() {
        EngineSetup.configure(threads);
    }

    public int threads() {
        return threads;
    }
}
