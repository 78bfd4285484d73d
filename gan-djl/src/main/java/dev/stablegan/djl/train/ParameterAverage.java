package dev.stablegan.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An exponential moving average of parameters for evaluation (Polyak averaging), as the semi-supervised GAN's
 * authors evaluate their discriminator: {@code avg <- avg + (1 - decay) (theta - avg)} after every update,
 * starting from the current values, kept outside autograd.
 */
public final class ParameterAverage implements AutoCloseable {
    private final List<Parameter> parameters;
    private final NDManager manager;
    private final List<NDArray> averages = new ArrayList<>();
    private final double decay;

    /** @param decay in {@code [0, 1)}; 0 keeps only the latest values */
    public ParameterAverage(List<Parameter> parameters, NDManager longLived, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay: must be in [0, 1), got " + decay);
        }
        this.parameters = parameters.stream().filter(Parameter::requiresGradient).toList();
        this.manager = longLived.newSubManager();
        this.decay = decay;
        for (Parameter p : this.parameters) {
            NDArray copy = p.getArray().duplicate();
            copy.attach(manager);
            averages.add(copy);
        }
    }

    /** Folds the current values into the average (after an optimizer step). */
    public void update() {
        for (int i = 0; i < parameters.size(); i++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray diff = parameters.get(i).getArray().sub(averages.get(i));
                diff.attach(scope);
                averages.get(i).addi(diff.mul(1 - decay));
            }
        }
    }

    /** Runs {@code body} with the averaged values in the parameters, then puts the trained values back. */
    public <T> T withAverages(Supplier<T> body) {
        List<float[]> saved = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            saved.add(w.toFloatArray());
            w.set(averages.get(i).toFloatArray());
        }
        try {
            return body.get();
        } finally {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().set(saved.get(i));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
