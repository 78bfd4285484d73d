package dev.stablegan.api;

/** Training stopped at the end of a step because {@link RunInterruption} was requested; the message says where it saved. */
public final class RunInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final String signal;

    public RunInterruptedException(String message, long step, String signal) {
        super(message);
        this.step = step;
        this.signal = signal;
    }

    /** The last step finished. */
    public long step() {
        return step;
    }

    /** {@code "SIGTERM"}, {@code "SIGINT"}, ... */
    public String signal() {
        return signal;
    }
}
