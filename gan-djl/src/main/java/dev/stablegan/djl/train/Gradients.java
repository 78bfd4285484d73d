package dev.stablegan.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/** Gradient bookkeeping of the training loops: DJL never zeroes gradients by itself. */
final class Gradients {
    private Gradients() {}

    /** Zeroes the gradient of every parameter that has one, in place (the wrapper DJL hands out is closed). */
    static void zero(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }
}
