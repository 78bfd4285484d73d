package dev.stablegan.examples.cli;

import dev.stablegan.examples.data.DataCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where commands that need a dataset find or install it. */
public final class DataOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Dataset cache, filled on first use (default: $" + DataCache.ENVIRONMENT_VARIABLE + " or ~/.cache/stablegan).")
    Path dataDir;

    /** The chosen folder or the default cache. */
    public Path cacheRoot() {
        return dataDir != null ? dataDir : DataCache.defaultRoot();
    }
}
