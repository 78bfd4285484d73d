package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One forward pass of a {@link dev.stablegan.api.NetworkSpec.Mlp} network with every hidden layer's output
 * kept, for per-layer gradient norms (WGAN-GP, Gulrajani et al. 2017, Figure 1b).
 *
 * <p>{@code activations.get(l)} is hidden layer {@code l}'s output {@code a_l = relu(W_l a_{l-1} + b_l)} as used
 * downstream; it is computed as {@code a_l + z_l} with {@code z_l = probes.get(l)} a zero leaf that requires a
 * gradient, so after {@code backward(loss)} the gradient of {@code z_l} is {@code d loss / d a_l} (DJL's
 * PyTorch engine does not keep gradients of intermediate arrays).
 *
 * @param output the network's output, {@code [batch, outputDim]}
 * @param activations the hidden layers' outputs, input side first, each {@code [batch, width]}
 * @param probes the zero leaves whose gradients are the loss gradients of {@code activations}
 */
public record MlpTrace(NDArray output, List<NDArray> activations, List<NDArray> probes) {
    public MlpTrace {
        activations = List.copyOf(activations);
        probes = List.copyOf(probes);
        if (activations.size() != probes.size()) {
            throw new IllegalArgumentException("MlpTrace: " + activations.size() + " activations but "
                    + probes.size() + " probes");
        }
    }
}
