package dev.stablegan.djl.regularizer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * What a {@link Regularizer} may hold on to for a whole run.
 *
 * @param manager the run's long-lived manager (parameters, optimizer state); per-step work must not attach here
 * @param device where the run's tensors live
 * @param criticParameters the critic's parameters, in the order of its checkpoint
 * @param generatorParameters the generator's parameters, likewise
 */
public record RegularizerSetup(NDManager manager, Device device, List<Parameter> criticParameters, List<Parameter> generatorParameters) {
    public RegularizerSetup {
        criticParameters = List.copyOf(criticParameters);
        generatorParameters = List.copyOf(generatorParameters);
    }

    /** The parameters of {@code player}. */
    public List<Parameter> parameters(Regularizer.Player player) {
        return player == Regularizer.Player.CRITIC ? criticParameters : generatorParameters;
    }
}
