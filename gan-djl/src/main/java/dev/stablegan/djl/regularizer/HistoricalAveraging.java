package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.stablegan.djl.TensorConstants;
import dev.stablegan.djl.optim.RunningAverage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Historical averaging (Salimans et al. 2016, section 3.3): a penalty pulling each player's parameters towards
 * their own running average, {@code || theta - (1/t) sum_{i=1..t} theta[i] ||^2}.
 *
 * <p>The history starts with the initial parameters ({@code t = 1}) and gains the new values after every
 * optimizer step ({@link #record()}); the average is a {@link RunningAverage} with weight {@code 1/t}, outside
 * autograd. {@link #penalty} is differentiable in {@code theta} only. Weight it and add it to the player's loss.
 */
public final class HistoricalAveraging implements AutoCloseable {
    private final RunningAverage average;
    private long count;

    /** Starts the history with the current values of {@code parameters} (those that require gradients). */
    public HistoricalAveraging(List<Parameter> parameters, NDManager longLived) {
        this.average = new RunningAverage(parameters, longLived);
        this.count = 1;
    }

    /** {@code t}: parameter values averaged so far. */
    public long count() {
        return count;
    }

    /** The running average of parameter {@code i} (of those that require gradients), for checks. */
    public NDArray average(int i) {
        return average.average(i);
    }

    /** {@code sum_p || theta_p - avg_p ||^2}, built in {@code scope} (call inside the player's gradient collector). */
    public NDArray penalty(NDManager scope) {
        List<Parameter> parameters = average.parameters();
        NDArray total = null;
        for (int i = 0; i < parameters.size(); i++) {
            // An op lands in its first operand's manager: move the difference into the scope at once, so nothing
            // derived from a parameter stays on the parameter's long-lived manager.
            NDArray diff = parameters.get(i).getArray().sub(average.average(i));
            diff.attach(scope);
            NDArray term = diff.square().sum();
            total = total == null ? term : total.add(term);
        }
        return total != null ? total : TensorConstants.scalar(scope, 0.0, DataType.FLOAT32);
    }

    /** Adds the current parameter values to the history (after the optimizer step, outside autograd). */
    public void record() {
        count++;
        average.update(1.0 / count);
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeLong(count);
        average.save(out);
    }

    public void load(DataInputStream in) throws IOException {
        long restoredCount = in.readLong();
        average.load(in);
        count = restoredCount;
    }

    @Override
    public void close() {
        average.close();
    }
}
