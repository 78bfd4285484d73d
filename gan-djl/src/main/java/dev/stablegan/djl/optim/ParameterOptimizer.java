package dev.stablegan.djl.optim;

import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Updates parameters in place from their gradients; state (moments, step count) lives in the optimizer and
 * can be saved and restored exactly for resumable runs. Called only by the training loop, outside any
 * gradient collector.
 */
public interface ParameterOptimizer extends AutoCloseable {

    /** One update of every parameter from its current gradient, with the learning rate times {@code lrFactor}. */
    void step(List<Parameter> parameters, double lrFactor);

    void save(DataOutputStream out) throws IOException;

    void load(DataInputStream in) throws IOException;

    @Override
    void close();
}
