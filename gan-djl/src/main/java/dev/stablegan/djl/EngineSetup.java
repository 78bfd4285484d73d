package dev.stablegan.djl;

import ai.djl.engine.Engine;
import dev.stablegan.djl.engine.TorchNativeSwitches;
import java.util.Locale;

/**
 * Configures the PyTorch engine before its first use: offline (DJL never downloads, unless {@link #ONLINE_VARIABLE}
 * allows it for the online CUDA route), no telemetry, and the intra-op thread count. Must run before anything touches {@link Engine}; later calls cannot change the
 * thread count of an engine that is already loaded and say so.
 *
 * <p>Every training path also calls {@link #guardNativeMemory()}, which turns libtorch's oneDNN convolutions off:
 * libtorch 2.7.1's oneDNN backward convolution reads memory it never wrote, which gave NaN gradients at random on
 * AVX-512 and AVX2 CPUs and, for few-channel convolutions, wrong finite ones even in zeroed memory
 * ({@code docs/onednn-convolution-bug.md}). Applications need do nothing: the trainers call it. {@code STABLEGAN_NATIVE_GUARD} (or {@code -Dstablegan.native_guard}) chooses another guard or none.
 */
public final class EngineSetup {
    /** Property DJL reads for PyTorch's intra-op thread count. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /** System property choosing the native-memory guard: {@code no-onednn} (default), {@code zero-fill} or {@code none}. */
    public static final String GUARD_PROPERTY = "stablegan.native_guard";
    /** Environment variable with the same meaning as {@link #GUARD_PROPERTY}; it wins over the property. */
    public static final String GUARD_VARIABLE = "STABLEGAN_NATIVE_GUARD";

    /**
     * {@code STABLEGAN_ONLINE=1} (or {@code -Dstablegan.online=true}) lets DJL download the libtorch that matches the
     * machine's CUDA when no native jar is on the class path (the {@code cuda-online} build); otherwise the engine stays
     * offline and uses the natives on the class path.
     */
    public static final String ONLINE_VARIABLE = "STABLEGAN_ONLINE";
    /** System property with the meaning of {@link #ONLINE_VARIABLE}. */
    public static final String ONLINE_PROPERTY = "stablegan.online";

    /** More intra-op threads than this many per processor only oversubscribe the machine (and thousands hang it). */
    static final int THREADS_PER_PROCESSOR = 4;

    private static volatile boolean loaded;
    private static volatile String guard;

    private EngineSetup() {}

    /**
     * Sets offline mode and {@code threads} intra-op threads (one inter-op thread), then loads the engine.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1 or above {@link #maxThreads()}
     * @throws IllegalStateException if the engine is already loaded with another thread count
     * @throws EngineUnavailableException if the engine does not load, saying which build or setting fits
     */
    public static synchronized Engine configure(int threads) {
        int limit = maxThreads();
        if (threads < 1 || threads > limit) {
            throw new IllegalArgumentException("threads: must be between 1 and " + limit + " (" + THREADS_PER_PROCESSOR
                    + " x the " + Runtime.getRuntime().availableProcessors() + " processors), got " + threads);
        }
        if (loaded) {
            int current = threads();
            if (current != threads) {
                throw new IllegalStateException(
                        "threads: the engine is already running with " + current + " threads; cannot switch to " + threads);
            }
            return Engine.getInstance();
        }
        boolean online = downloadsAllowed(System.getenv(ONLINE_VARIABLE), System.getProperty(ONLINE_PROPERTY));
        if (!online) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            throw new EngineUnavailableException(loadFailure(online, e), e);
        }
        loaded = true;
        guardNativeMemory();
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

    /** Whether the engine may download its natives: the variable ({@code 1} or {@code true}) wins over the property. */
    static boolean downloadsAllowed(String variable, String property) {
        String value = variable != null ? variable : property;
        return value != null && (value.trim().equals("1") || value.trim().equalsIgnoreCase("true"));
    }

    /** What to tell a user whose engine did not load, with the route that fits. */
    static String loadFailure(boolean online, RuntimeException e) {
        String cause = String.valueOf(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            cause += " (" + root + ")";
        }
        return online
                ? "the PyTorch engine did not load: " + cause + ". " + ONLINE_VARIABLE + " is set, so DJL tried to download the"
                        + " natives for this machine from https://publish.djl.ai: check that it is reachable (or"
                        + " PYTORCH_FLAVOR, such as cpu or a cuNNN flavour), or build with the natives on the class path (the default build,"
                        + " or -Pcuda); README, section GPU"
                : "the PyTorch engine did not load: " + cause + ". The engine is offline and uses the native jar on the class"
                        + " path: build with the default profile or -Pcuda, or, for the cuda-online build, set " + ONLINE_VARIABLE
                        + "=1 so that DJL downloads the natives; README, section GPU";
    }

    /** The most intra-op threads {@link #configure} accepts: {@value #THREADS_PER_PROCESSOR} per available processor. */
    public static int maxThreads() {
        return THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
    }

    /** The configured intra-op thread count (1 when never configured: surefire and the launcher set it). */
    public static int threads() {
        return Integer.getInteger(THREADS_PROPERTY, 1);
    }

    /**
     * Loads the PyTorch engine if needed and applies the guard against reads of uninitialised native memory that
     * {@link #GUARD_VARIABLE} or {@link #GUARD_PROPERTY} names (see the class comment). Idempotent; the first call decides.
     *
     * <ul>
     *   <li>{@code no-onednn} (default): oneDNN and NNPACK CPU kernels off, every convolution through libtorch's own
     *       im2col + GEMM (about 3x slower for DCGAN-32, 1.7x for the ResNet). The default since zero fill proved not
     *       enough: oneDNN's float32 backward-data returned wrong input gradients (not NaN) for convolutions with few
     *       channels (such as 1 to 8 channels at 28x28 with a 5x5 kernel) even with it.
     *   <li>{@code zero-fill}: libtorch's CPU allocator fills new memory with zeros, so oneDNN's unwritten weight padding
     *       reads as zero in the cases that come from that allocator; oneDNN stays on. Faster, and still wrong for the
     *       shapes above: for speed comparisons only.
     *   <li>{@code none}: libtorch as shipped, exposed to the bug; for speed comparisons only.
     * </ul>
     *
     * @return the guard in force, for provenance, such as {@code "no-onednn (against the libtorch bug of ...)"}
     * @throws IllegalArgumentException when the variable or property names no guard
     */
    public static synchronized String guardNativeMemory() {
        if (guard != null) {
            return guard;
        }
        String variable = System.getenv(GUARD_VARIABLE);
        String source = variable != null ? GUARD_VARIABLE : "-D" + GUARD_PROPERTY;
        String choice = (variable != null ? variable : System.getProperty(GUARD_PROPERTY, "no-onednn")).trim()
                .toLowerCase(Locale.ROOT);
        if (!choice.equals("zero-fill") && !choice.equals("no-onednn") && !choice.equals("none")) {
            throw new IllegalArgumentException(source + ": expected zero-fill, no-onednn or none, got '" + choice + "'");
        }
        Engine.getEngine("PyTorch");
        if (!TorchNativeSwitches.available()) {
            guard = "none (the libtorch switches are not reachable on " + System.getProperty("os.name") + ")";
            return guard;
        }
        switch (choice) {
            case "zero-fill" -> TorchNativeSwitches.setZeroFill(true);
            case "no-onednn" -> {
                TorchNativeSwitches.setOneDnn(false);
                TorchNativeSwitches.setNnpack(false);
            }
            default -> { }
        }
        guard = choice + (choice.equals("none") ? " (" + source + "; exposed to" : " (against") + " the libtorch bug of"
                + " docs/onednn-convolution-bug.md)";
        return guard;
    }

    /**
     * "PyTorch 2.7.1 (DJL 0.36.0; native-memory guard: no-onednn (...))" for provenance; applies
     * {@link #guardNativeMemory()} first.
     */
    public static String describeEngine() {
        String applied = guardNativeMemory();
        Engine engine = Engine.getEngine("PyTorch");
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + "; native-memory guard: "
                + applied + mklVendorCheck(System.getenv("LD_PRELOAD")) + ")";
    }

    /**
     * {@code "; oneMKL vendor check overridden (STABLEGAN_MKL_AMD)"} when the launcher preloaded
     * {@code scripts/mkl-amd/vendor-check.c}, which changes the matrix kernels (and so the last bits of results) on AMD
     * CPUs; empty otherwise.
     */
    static String mklVendorCheck(String preload) {
        return preload != null && preload.contains("libstablegan-mkl-amd") ? "; oneMKL vendor check overridden (STABLEGAN_MKL_AMD)" : "";
    }
}
