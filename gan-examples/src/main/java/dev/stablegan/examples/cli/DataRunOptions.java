package dev.stablegan.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * What a command that trains on a dataset into a run folder takes besides its own settings: {@code --out},
 * {@code --data-dir} and the engine options ({@code --threads}, one by default, and {@code --device});
 * {@link RecipeRunOptions} is the same with the MNIST recipes' two threads.
 */
public class DataRunOptions {
    @Mixin
    DataOptions data;

    @Mixin
    RunFolderOptions folder;

    /** Set before picocli reads the options, so that each kind brings its own {@code --threads} default. */
    @Mixin
    ThreadsAndDevice engine;

    public DataRunOptions() {
        this(new EngineOptions());
    }

    DataRunOptions(ThreadsAndDevice engine) {
        this.engine = engine;
    }

    /** Loads the engine with the chosen threads and device. */
    public void applyEngine() {
        engine.apply();
    }

    /** Where the datasets are found or installed. */
    public Path cacheRoot() {
        return data.cacheRoot();
    }

    /** The run's output folder. */
    public Path out() {
        return folder.out();
    }
}
