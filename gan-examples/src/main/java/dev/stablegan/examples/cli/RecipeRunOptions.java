package dev.stablegan.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * What the MNIST recipe commands ({@code ablation}, {@code train-classifier}, {@code ssl-mnist}) share: the engine
 * with two threads by default, the dataset cache and the run folder.
 */
public final class RecipeRunOptions {
    @Mixin
    EngineOptions.TwoThreads engine;

    @Mixin
    DataOptions data;

    @Mixin
    RunFolderOptions folder;

    /** Loads the engine with the chosen threads and device. */
    public void applyEngine() {
        engine.apply();
    }

    /** Where MNIST and Fashion-MNIST are found or installed. */
    public Path cacheRoot() {
        return data.cacheRoot();
    }

    /** The run's output folder. */
    public Path out() {
        return folder.out();
    }
}
