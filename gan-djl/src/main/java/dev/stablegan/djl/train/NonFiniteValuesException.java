package dev.stablegan.djl.train;

/**
 * A gradient or parameter held NaN or infinite values: thrown by a training step before the optimizer applies a
 * non-finite gradient, by a checkpoint write that would store non-finite parameters, and by a load that meets
 * them. The message names the network, the parameter and how many of its values are not finite.
 */
public final class NonFiniteValuesException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String network;
    private final String parameter;

    NonFiniteValuesException(String message, String network, String parameter) {
        super(message);
        this.network = network;
        this.parameter = parameter;
    }

    /** {@code "critic"}, {@code "generator"}, ... */
    public String network() {
        return network;
    }

    /** The parameter's path in its network, such as {@code 01SequentialBlock_02Conv2d_weight}. */
    public String parameter() {
        return parameter;
    }
}
