package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.stablegan.djl.TensorConstants;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Historical averaging (Salimans et al. 2016, section 3.3): a penalty pulling each player's parameters towards
 * their own running average, {@code || theta - (1/t) sum_{i=1..t} theta[i] ||^2}.
 *
 * <p>The history starts with the initial parameters ({@code t = 1}) and gains the new values after every
 * optimizer step ({@link #record()}). The average is kept outside autograd and updated in place as
 * {@code avg <- avg + (theta - avg) / t}; {@link #penalty} is differentiable in {@code theta} only. Weight it
 * and add it to the player's loss.
 */
public final class HistoricalAveraging implements AutoCloseable {
    private final List<Parameter> parameters;
    private final NDManager manager;
    private final List<NDArray> averages = new ArrayList<>();
    private long count;

    /** Starts the history with the current values of {@code parameters} (those that require gradients). */
    public HistoricalAveraging(List<Parameter> parameters, NDManager longLived) {
        this.parameters = parameters.stream().filter(Parameter::requiresGradient).toList();
        this.manager = longLived.newSubManager();
        for (Parameter p : this.parameters) {
            NDArray copy = p.getArray().duplicate();
            copy.attach(manager);
            averages.add(copy);
        }
        this.count = 1;
    }

    /** {@code t}: parameter values averaged so far. */
    public long count() {
        return count;
    }

    /** The running average of parameter {@code i} (of those that require gradients), for checks. */
    public NDArray average(int i) {
        return averages.get(i);
    }

    /** {@code sum_p || theta_p - avg_p ||^2}, built in {@code scope} (call inside the player's gradient collector). */
    public NDArray penalty(NDManager scope) {
        NDArray total = null;
        for (int i = 0; i < parameters.size(); i++) {
            // An op lands in its first operand's manager: move the difference into the scope at once, so nothing
            // derived from a parameter stays on the parameter's long-lived manager.
            NDArray diff = parameters.get(i).getArray().sub(averages.get(i));
            diff.attach(scope);
            NDArray term = diff.square().sum();
            total = total == null ? term : total.add(term);
        }
        if (total == null) {
            return TensorConstants.scalar(scope, 0.0, ai.djl.ndarray.types.DataType.FLOAT32);
        }
        return total;
    }

    /** Adds the current parameter values to the history (after the optimizer step, outside autograd). */
    public void record() {
        count++;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray avg = averages.get(i);
            try (NDManager scope = manager.newSubManager()) {
                NDArray diff = parameters.get(i).getArray().sub(avg);
                diff.attach(scope);
                avg.addi(diff.div(count));
            }
        }
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeLong(count);
        out.writeInt(averages.size());
        for (NDArray avg : averages) {
            byte[] encoded = avg.encode();
            out.writeInt(encoded.length);
            out.write(encoded);
        }
    }

    public void load(DataInputStream in) throws IOException {
        long restoredCount = in.readLong();
        int n = in.readInt();
        if (n != averages.size()) {
            throw new IOException("historical averages for " + n + " parameters, this model has " + averages.size());
        }
        for (int i = 0; i < n; i++) {
            byte[] encoded = new byte[in.readInt()];
            in.readFully(encoded);
            NDArray restored = NDArray.decode(manager, encoded);
            if (!restored.getShape().equals(averages.get(i).getShape())) {
                throw new IOException("historical average " + i + " has shape " + restored.getShape() + ", expected "
                        + averages.get(i).getShape());
            }
            averages.get(i).close();
            averages.set(i, restored);
        }
        count = restoredCount;
    }

    @Override
    public void close() {
        manager.close();
    }
}
