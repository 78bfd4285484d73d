package dev.stablegan.djl;

import ai.djl.engine.Engine;

/**
 * Configures the PyTorch engine before its first use: offline (DJL never downloads), no telemetry, and the
 * intra-op thread count. Must run before anything touches {@link Engine}; later calls cannot change the
 * thread count of an engine that is already loaded and say so.
 */
public final class EngineSetup {
    /** Property DJL reads for PyTorch's intra-op thread count. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private static volatile boolean loaded;

    private EngineSetup() {}

    /**
     * Sets offline mode and {@code threads} intra-op threads (one inter-op thread), then loads the engine.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException if the engine is already loaded with another thread count
     */
    public static synchronized Engine configure(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        }
        if (loaded) {
            int current = threads();
            if (current != threads) {
                throw new IllegalStateException(
                        "threads: the engine is already running with " + current + " threads; cannot switch to " + threads);
            }
            return Engine.getInstance();
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        loaded = true;
        return engine;
    }

    /**
     * Loads the engine with {@code threads} intra-op threads unless it is already loaded, in which case it keeps
     * the count it has (for commands whose thread count is only a default).
     *
     * @return the thread count in use
     */
    public static synchronized int configureUnlessLoaded(int threads) {
        if (!loaded) {
            configure(threads);
        }
        return threads();
    }

    /** The configured intra-op thread count (1 when never configured: surefire and the launcher set it). */
    public static int threads() {
        return Integer.getInteger(THREADS_PROPERTY, 1);
    }

    /** "PyTorch 2.7.1 (DJL 0.35.1)" for provenance. */
    public static String describeEngine() {
        Engine engine = Engine.getEngine("PyTorch");
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
    }
}
