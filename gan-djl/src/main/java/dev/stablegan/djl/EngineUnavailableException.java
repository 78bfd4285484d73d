package dev.stablegan.djl;

/**
 * The PyTorch engine did not load (no native library on the class path while offline, a download that failed): an
 * installation problem, explained by the message, which names the route that fits; not a fault of the program.
 */
public final class EngineUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
