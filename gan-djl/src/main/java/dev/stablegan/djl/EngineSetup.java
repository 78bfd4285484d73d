package dev.stablegan.djl;

import ai.djl.engine.Engine;
import dev.stablegan.djl.engine.OneDnnConvolutions;
import java.util.Locale;

/**
 * Configures the PyTorch engine before its first use: offline (DJL never downloads), no telemetry, and the
 * intra-op thread count. Must run before anything touches {@link Engine}; later calls cannot change the
 * thread count of an engine that is already loaded and say so.
 *
 * <p>Every training path also calls {@link #safeConvolutions()}, which switches libtorch's oneDNN CPU convolutions
 * off: libtorch 2.7.1's oneDNN backward convolution reads uninitialised memory and gives NaN gradients at random
 * on AVX-512 and AVX2 CPUs ({@code docs/onednn-convolution-bug.md}). Applications need do nothing: the trainers
 * call it. {@code STABLEGAN_ONEDNN=on} (or {@code -Dstablegan.onednn=on}) keeps oneDNN, for speed comparisons.
 */
public final class EngineSetup {
    /** Property DJL reads for PyTorch's intra-op thread count. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /** System property choosing the oneDNN CPU convolutions: {@code off} (default) or {@code on}. */
    public static final String ONEDNN_PROPERTY = "stablegan.onednn";
    /** Environment variable with the same meaning as {@link #ONEDNN_PROPERTY}; it wins over the property. */
    public static final String ONEDNN_VARIABLE = "STABLEGAN_ONEDNN";

    private static volatile boolean loaded;
    private static volatile String convolutions;

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
        safeConvolutions();
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

    /**
     * Loads the PyTorch engine if needed and, unless {@link #ONEDNN_VARIABLE} or {@link #ONEDNN_PROPERTY} says
     * {@code on}, switches libtorch's oneDNN CPU kernels off for the process (see the class comment), and NNPACK with
     * them, so that every CPU convolution takes libtorch's own im2col + GEMM path. Idempotent; the first call decides.
     *
     * @return what CPU convolutions run on, for provenance, such as
     *     {@code "libtorch native (oneDNN off: docs/onednn-convolution-bug.md)"}
     * @throws IllegalArgumentException when the variable or property is neither {@code on} nor {@code off}
     */
    public static synchronized String safeConvolutions() {
        if (convolutions != null) {
            return convolutions;
        }
        String variable = System.getenv(ONEDNN_VARIABLE);
        String choice = variable != null ? variable : System.getProperty(ONEDNN_PROPERTY, "off");
        String source = variable != null ? ONEDNN_VARIABLE : "-D" + ONEDNN_PROPERTY;
        choice = choice.trim().toLowerCase(Locale.ROOT);
        if (!choice.equals("on") && !choice.equals("off")) {
            throw new IllegalArgumentException(source + ": expected on or off, got '" + choice + "'");
        }
        Engine.getEngine("PyTorch");
        if (!OneDnnConvolutions.available()) {
            convolutions = "libtorch default (oneDNN switch not reachable on " + System.getProperty("os.name") + ")";
        } else if (choice.equals("on")) {
            OneDnnConvolutions.setEnabled(true);
            convolutions = "oneDNN (" + source + "=on; exposed to the NaN bug of docs/onednn-convolution-bug.md)";
        } else {
            OneDnnConvolutions.setEnabled(false);
            OneDnnConvolutions.setNnpackEnabled(false);
            convolutions = "libtorch native (oneDNN off: docs/onednn-convolution-bug.md)";
        }
        return convolutions;
    }

    /**
     * "PyTorch 2.7.1 (DJL 0.35.1; CPU convolutions: libtorch native (oneDNN off: ...))" for provenance; applies
     * {@link #safeConvolutions()} first.
     */
    public static String describeEngine() {
        String convolutions = safeConvolutions();
        Engine engine = Engine.getEngine("PyTorch");
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + "; CPU convolutions: "
                + convolutions + ")";
    }
}
