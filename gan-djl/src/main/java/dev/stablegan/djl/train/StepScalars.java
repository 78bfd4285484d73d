package dev.stablegan.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step's scalars kept on the run's device until a listener asks for them, then read back in one copy; also the
 * gradient checks a trainer defers on an accelerator. The trainer frees them {@value #KEPT_STEPS} steps later
 * ({@link #expire}), after which reading them is an error that says so.
 */
final class StepScalars {
    /** How many steps' unread scalars a trainer keeps on the device (a few hundred bytes each). */
    static final int KEPT_STEPS = 1000;

    private final long step;
    private final NDManager scope;
    private final Map<String, NDArray> values = new LinkedHashMap<>();
    private final Map<String, Double> divisors = new LinkedHashMap<>();
    private final List<NDArray> gradientSums = new ArrayList<>();
    private final Runnable onHostRead;
    private boolean expired;
    private Map<String, Double> read;

    StepScalars(long step, NDManager parent, Runnable onHostRead) {
        this.step = step;
        this.scope = parent.newSubManager();
        this.onHostRead = onHostRead;
    }

    /** Keeps a detached copy of the 0-d {@code value} under {@code name} (a later value of the same name replaces it). */
    void put(String name, NDArray value) {
        put(name, value, 1);
    }

    /**
     * As {@link #put(String, NDArray)}, read back as {@code value / divisor} in double precision: a count kept as float32
     * (exact below 2^24) becomes a fraction without float rounding.
     */
    void put(String name, NDArray value, double divisor) {
        NDArray kept = value.stopGradient();
        kept.attach(scope);
        values.put(name, kept);
        divisors.put(name, divisor);
    }

    /**
     * Checks the gradients of one player before its optimizer applies them: at once (one value read back, counted as a
     * host read), or, with {@code defer}, by keeping their sum with these scalars until they are read.
     *
     * @throws NonFiniteValuesException at once, naming the parameter, when a gradient is not finite and checks are not deferred
     */
    void checkGradients(Map<String, Parameter> parameters, String network, NDManager stepScope, boolean defer, String when) {
        NDArray sum = FiniteValues.gradientSum(parameters, stepScope);
        if (defer) {
            if (sum != null) {
                sum.attach(scope);
                gradientSums.add(sum);
            }
        } else {
            onHostRead.run();
            FiniteValues.requireFiniteGradients(sum, parameters, network, stepScope, when);
        }
    }

    /**
     * The scalars, in one device-to-host copy.
     *
     * @throws IllegalStateException once the next step has started
     * @throws NonFiniteValuesException when a deferred gradient check finds a non-finite gradient
     */
    synchronized Map<String, Double> read() {
        if (read != null) {
            return read;
        }
        if (expired) {
            throw new IllegalStateException("the scalars of step " + step + " were freed " + KEPT_STEPS + " steps later (or"
                    + " when the trainer closed): read StepReport.scalars() in onStep, or within " + KEPT_STEPS + " steps");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (values.isEmpty() && gradientSums.isEmpty()) {
            read = out;
            return out;
        }
        NDList all = new NDList(values.size() + gradientSums.size());
        values.values().forEach(v -> all.add(v.reshape(1)));
        gradientSums.forEach(g -> all.add(g.reshape(1)));
        NDArray stacked = NDArrays.concat(all);
        stacked.attach(scope);
        onHostRead.run();
        float[] host = stacked.toFloatArray();
        int i = 0;
        for (String name : values.keySet()) {
            out.put(name, host[i++] / divisors.get(name)); // exact for the divisor 1
        }
        read = out;
        for (; i < host.length; i++) {
            if (!Float.isFinite(host[i])) {
                throw new NonFiniteValuesException("step " + step + ": a gradient was not finite (checked when the step's"
                        + " scalars were read, as on an accelerator: the update was applied, so parameters may be NaN; no"
                        + " checkpoint will be written from them)", "critic or generator", "unknown");
            }
        }
        return out;
    }

    /** Reads the scalars now if nobody has, so that the report stays readable after {@link #expire} (a failed check is not thrown here). */
    synchronized void readForLater() {
        if (read == null && !expired) {
            try {
                read();
            } catch (NonFiniteValuesException e) {
                // the values were kept before the check failed; the failure was the caller's to see when reading
            }
        }
    }

    /** Frees the device copies; later reads of what was not read throw. */
    synchronized void expire() {
        expired = true;
        scope.close();
    }
}
