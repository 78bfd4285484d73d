package dev.stablegan.examples.cli;

/**
 * What the MNIST recipe commands ({@code ablation}, {@code train-classifier}, {@code ssl-mnist}) share: the
 * {@link DataRunOptions} with two threads by default, since the thread count is part of their recipes.
 */
public final class RecipeRunOptions extends DataRunOptions {
    public RecipeRunOptions() {
        super(new EngineOptions.TwoThreads());
    }
}
