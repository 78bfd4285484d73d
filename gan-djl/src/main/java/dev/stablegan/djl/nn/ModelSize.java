package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.djl.Devices;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The size of a spec's networks before they exist: parameters counted at a few small widths and extended to the
 * width asked for, so that a width the machine cannot hold is refused before any work, with the estimate said.
 *
 * <p>Every layer's parameter count is a product of at most two channel counts, and every channel count of the
 * networks here is proportional to the width, so the total is a polynomial of degree two in the width,
 * {@code p(w) = a w^2 + b w + c}; three widths fix it exactly ({@link #quadratic}). Training holds at least
 * {@value #BYTES_PER_PARAMETER} bytes per parameter (float32 weights, gradients and Adam's two moments), so
 * {@code 16 p(w)} bytes is a lower bound of its memory, activations not counted.
 */
public final class ModelSize {
    /** Weights, gradients and Adam's two moments, 4 bytes each. */
    public static final int BYTES_PER_PARAMETER = 16;

    private ModelSize() {}

    /** The trainable values of {@code spec}'s generator and critic, counted by building them on the host. */
    public static long parameters(GanSpec spec) {
        try (NDManager manager = Devices.newHostManager()) {
            return count(Networks.buildGenerator(spec.generator(), spec.techniques()), spec.generator(), manager)
                    + count(Networks.buildCritic(spec.critic(), spec.techniques()), spec.critic(), manager);
        }
    }

    private static long count(Block block, NetworkSpec spec, NDManager manager) {
        Networks.initialize(block, spec, manager);
        long n = 0;
        for (Parameter p : Networks.namedParameters(block).values()) {
            if (p.requiresGradient()) {
                n += p.getArray().size();
            }
        }
        return n;
    }

    /**
     * The value at {@code x} of the polynomial of degree two through {@code (x1, y1)}, {@code (2 x1, y2)},
     * {@code (3 x1, y3)} (Newton's form on equally spaced points), in double precision.
     */
    static double quadratic(double x1, double y1, double y2, double y3, double x) {
        double t = x / x1 - 1; // x in steps of x1 from x1
        double first = y2 - y1;
        double second = y3 - 2 * y2 + y1;
        return y1 + t * first + t * (t - 1) / 2 * second;
    }

    /**
     * The parameter count at {@code width}: counted when {@code width} is at most {@code 3 step}, else extended from
     * widths {@code step}, {@code 2 step} and {@code 3 step} (see the class comment).
     *
     * @param specAt the spec at a width
     * @param step the smallest width the networks take (a width must be a multiple of it)
     */
    public static double parametersAt(int width, int step, IntFunction<GanSpec> specAt) {
        if (width <= 3 * step) {
            return parameters(specAt.apply(width));
        }
        return quadratic(step, parameters(specAt.apply(step)), parameters(specAt.apply(2 * step)), parameters(specAt.apply(3 * step)),
                width);
    }

    /**
     * Refuses a width whose networks' parameters alone ({@value #BYTES_PER_PARAMETER} bytes each) exceed this machine's
     * memory.
     *
     * @param option the option that set the width, named in the message, such as {@code --width}
     * @throws IllegalArgumentException naming the option, the estimated parameters and bytes, and the memory
     */
    public static void requireFits(String option, int width, int step, IntFunction<GanSpec> specAt) {
        requireFits(option, width, parametersAt(width, step, specAt), physicalMemory());
    }

    static void requireFits(String option, int width, double parameters, long memory) {
        double bytes = parameters * BYTES_PER_PARAMETER;
        if (bytes > memory) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d makes networks of about %.3g parameters, which need at"
                    + " least %,.0f GB for weights, gradients and Adam's moments (%d bytes each); this machine has %,.0f GB of memory",
                    option, width, parameters, bytes / 1e9, BYTES_PER_PARAMETER, memory / 1e9));
        }
    }

    /** The machine's physical memory in bytes (the JVM's maximum heap where the operating system does not say). */
    public static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
