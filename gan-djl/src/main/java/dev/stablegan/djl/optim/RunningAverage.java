package dev.stablegan.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A running average of parameter values kept outside autograd, updated in place as
 * {@code avg <- avg + w (theta - avg)}: with {@code w = 1/t} the mean of the values seen (historical averaging),
 * with a constant {@code w = 1 - decay} an exponential moving average (Polyak averaging for evaluation). It starts
 * from the current values, or from zeros when asked; only parameters that require gradients take part.
 */
public final class RunningAverage implements AutoCloseable {
    private final List<Parameter> parameters;
    private final NDManager manager;
    private final List<NDArray> averages = new ArrayList<>();

    public RunningAverage(List<Parameter> parameters, NDManager longLived) {
        this(parameters, longLived, false);
    }

    /** @param fromZeros start every average at zero (the Improved-GAN authors' Polyak average) instead of the current values */
    public RunningAverage(List<Parameter> parameters, NDManager longLived, boolean fromZeros) {
        this.parameters = parameters.stream().filter(Parameter::requiresGradient).toList();
        this.manager = longLived.newSubManager();
        for (Parameter p : this.parameters) {
            NDArray copy = fromZeros ? p.getArray().zerosLike() : p.getArray().duplicate();
            copy.attach(manager);
            averages.add(copy);
        }
    }

    /** The parameters averaged, in order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The average of parameter {@code i}. */
    public NDArray average(int i) {
        return averages.get(i);
    }

    /** Moves every average a fraction {@code weight} in {@code [0, 1]} of the way to the current value. */
    public void update(double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight: must be in [0, 1], got " + weight);
        }
        for (int i = 0; i < parameters.size(); i++) {
            try (NDManager scope = manager.newSubManager()) {
                // An op lands in its first operand's manager: move the difference off the parameter's manager at once.
                NDArray diff = parameters.get(i).getArray().sub(averages.get(i));
                diff.attach(scope);
                averages.get(i).addi(diff.mul(weight));
            }
        }
    }

    /** Runs {@code body} with the averages in the parameters, then puts the trained values back. */
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

    public void save(DataOutputStream out) throws IOException {
        out.writeInt(averages.size());
        for (NDArray avg : averages) {
            byte[] encoded = avg.encode();
            out.writeInt(encoded.length);
            out.write(encoded);
        }
    }

    /** @throws IOException when the saved averages do not fit these parameters */
    public void load(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != averages.size()) {
            throw new IOException("averages for " + n + " parameters, this model has " + averages.size());
        }
        for (int i = 0; i < n; i++) {
            byte[] encoded = new byte[in.readInt()];
            in.readFully(encoded);
            NDArray restored = NDArray.decode(manager, encoded);
            if (!restored.getShape().equals(averages.get(i).getShape())) {
                throw new IOException("average " + i + " has shape " + restored.getShape() + ", expected " + averages.get(i).getShape());
            }
            averages.get(i).close();
            averages.set(i, restored);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
