package dev.stablegan.api;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request to stop training at the end of the current step, as SIGTERM (what Slurm, Kubernetes and every batch system
 * send first) or SIGINT (Ctrl-C) ask: the command line's signal handler calls {@link #request}, trainers check
 * {@link #requested()} between steps, write their checkpoint and throw {@link RunInterruptedException}, and the process
 * exits with {@code 128 + signal} (143, 130). A signal that arrives while no training runs ends the process at once.
 */
public final class RunInterruption {
    private static volatile String signal;
    private static final AtomicInteger ACTIVE_RUNS = new AtomicInteger();

    private RunInterruption() {}

    /**
     * Asks every running training loop to stop after its current step.
     *
     * @param name {@code "SIGTERM"} or {@code "SIGINT"}
     */
    public static void request(String name) {
        signal = name;
    }

    /** Whether a stop was asked for. */
    public static boolean requested() {
        return signal != null;
    }

    /** The signal that asked, or {@code null}. */
    public static String signal() {
        return signal;
    }

    /** {@code 128 + n}: 143 for SIGTERM, 130 for SIGINT, 129 for SIGHUP; 1 when none was asked. */
    public static int exitCode() {
        String s = signal;
        if (s == null) {
            return 1;
        }
        return switch (s) {
            case "SIGINT" -> 130;
            case "SIGHUP" -> 129;
            default -> 143;
        };
    }

    /** A training loop begins; {@link #runEnded()} must follow. */
    public static void runStarted() {
        ACTIVE_RUNS.incrementAndGet();
    }

    public static void runEnded() {
        ACTIVE_RUNS.decrementAndGet();
    }

    /** Whether a training loop is running in this process (else a signal should end the process at once). */
    public static boolean runsActive() {
        return ACTIVE_RUNS.get() > 0;
    }

    /** Forgets a request (for tests that run commands in one JVM). */
    public static void clear() {
        signal = null;
    }
}
