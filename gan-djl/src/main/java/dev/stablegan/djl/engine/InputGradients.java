package dev.stablegan.djl.engine;

import ai.djl.ndarray.NDArray;

/**
 * The gradient of {@code sum(output)} with respect to {@code input}, kept in the autograd graph
 * ({@code create_graph=True}) so a loss built from it can be differentiated again (double backprop, needed
 * by the gradient penalty). {@code input} must require a gradient and {@code output} must have been computed
 * from it inside a {@code GradientCollector}. The one place that touches engine internals.
 */
public interface InputGradients extends AutoCloseable {

    NDArray gradient(NDArray output, NDArray input);

    @Override
    void close();
}
