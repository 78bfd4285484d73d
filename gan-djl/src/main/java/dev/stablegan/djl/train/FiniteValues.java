package dev.stablegan.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.stablegan.djl.nn.Networks;
import java.util.Map;

/**
 * Guards against NaN and infinity in the training loops: a non-finite gradient stops the step before any
 * optimizer applies it, and a network with non-finite parameters is never written to or read from a checkpoint.
 *
 * <p>The gradient check costs one reduction per parameter and one value read back per optimizer step:
 * {@code sum_p sum(grad_p)} is finite whenever every gradient is (a float32 sum of finite gradients overflows only
 * past 3.4e38). Only when it is not are the parameters searched one by one, so a false alarm from such an
 * overflow lets the step go on.
 */
final class FiniteValues {
    private FiniteValues() {}

    /**
     * {@code sum_p sum(grad_p)} over {@code parameters}, on their device (nothing is read back); finite whenever every
     * gradient is. {@code null} when no parameter has a gradient.
     */
    static NDArray gradientSum(Map<String, Parameter> parameters, NDManager scope) {
        NDList sums = new NDList(parameters.size());
        for (Parameter p : parameters.values()) {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    NDArray s = g.sum();
                    s.attach(scope);
                    sums.add(s);
                }
            }
        }
        if (sums.isEmpty()) {
            return null;
        }
        NDArray total = NDArrays.stack(sums).sum();
        total.attach(scope);
        return total;
    }

    /**
     * Throws when {@code gradientSum} (read back here: one value) is not finite and a gradient of {@code parameters}
     * (one network's, by name) has a NaN or infinite value.
     *
     * @param when where in the run, such as {@code "step 12, critic update 3 of 5"}, for the message
     * @throws NonFiniteValuesException naming the first such parameter
     */
    static void requireFiniteGradients(NDArray gradientSum, Map<String, Parameter> parameters, String networkName,
            NDManager scope, String when) {
        if (gradientSum == null || Float.isFinite(gradientSum.getFloat())) {
            return;
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            if (!w.hasGradient()) {
                continue;
            }
            try (NDArray g = w.getGradient()) {
                long bad = nonFinite(g, scope);
                if (bad > 0) {
                    throw new NonFiniteValuesException(when + ": the gradient of " + networkName + " parameter '" + e.getKey()
                            + "' " + describe(bad, g.size()) + "; the update was not applied and no checkpoint was written"
                            + " (on a CPU see docs/onednn-convolution-bug.md; otherwise the loss overflowed: lower the"
                            + " learning rate or the penalty weight, or check the data)", networkName, e.getKey());
                }
            }
        }
    }

    /** {@link #requireFiniteGradients(NDArray, Map, String, NDManager, String)} with the sum computed here. */
    static void requireFiniteGradients(Map<String, Parameter> parameters, String networkName, NDManager scope, String when) {
        requireFiniteGradients(gradientSum(parameters, scope), parameters, networkName, scope, when);
    }

    /**
     * Throws when a parameter of {@code network} has a NaN or infinite value.
     *
     * @param what what the check guards, such as {@code "checkpoint runs/a/checkpoint.ckpt: not written"}
     * @throws NonFiniteValuesException naming the first such parameter
     */
    static void requireFiniteParameters(Block network, String networkName, String what) {
        requireFiniteParameters(Networks.namedParameters(network), networkName, what);
    }

    /** {@link #requireFiniteParameters(Block, String, String)} for parameters already named. */
    static void requireFiniteParameters(Map<String, Parameter> parameters, String networkName, String what) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            try (NDManager scope = w.getManager().newSubManager()) {
                long bad = nonFinite(w, scope);
                if (bad > 0) {
                    throw new NonFiniteValuesException(what + ": " + networkName + " parameter '" + e.getKey() + "' "
                            + describe(bad, w.size()), networkName, e.getKey());
                }
            }
        }
    }

    /** The number of NaN or infinite values of {@code x}; temporaries go to {@code scope}. */
    private static long nonFinite(NDArray x, NDManager scope) {
        NDArray bad = x.isNaN();
        bad.attach(scope);
        NDArray inf = x.isInfinite();
        inf.attach(scope);
        NDArray count = bad.logicalOr(inf).toType(DataType.INT64, false).sum();
        count.attach(scope);
        return count.getLong();
    }

    private static String describe(long bad, long size) {
        return "has " + bad + " non-finite value" + (bad == 1 ? "" : "s") + " (NaN or infinity) of " + size;
    }
}
