package dev.stablegan.examples.robustness;

import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the robustness grid: a built-in {@link ImageArchitecture} family, or a user's own architecture named as
 * {@code class:com.example.MyNets} (a gan-djl {@code ImageNetworkFactory} on the class path).
 *
 * @param id the row's name and folder prefix: the family's id, or the factory's simple class name
 * @param builtIn the family, or null for a user's class
 * @param factory the user's class, or null for a built-in family
 */
public record Family(String id, ImageArchitecture builtIn, String factory) {
    static final String CLASS_PREFIX = "class:";

    /** Every built-in family, in the paper's order. */
    public static List<Family> builtIns() {
        return Arrays.stream(ImageArchitecture.values()).map(a -> new Family(a.id(), a, null)).toList();
    }

    /** @throws IllegalArgumentException for an unknown family or an empty class name */
    public static Family of(String name) {
        String n = name.strip();
        if (n.startsWith(CLASS_PREFIX)) {
            String type = n.substring(CLASS_PREFIX.length());
            if (type.isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' names no class");
            }
            return new Family(type.substring(type.lastIndexOf('.') + 1).replace('$', '-'), null, type);
        }
        ImageArchitecture a = ImageArchitecture.byName(n);
        return new Family(a.id(), a, null);
    }

    NetworkSpec generator(int latentDim, int channels, int size, int width) {
        return builtIn != null ? new NetworkSpec.ImageGenerator(builtIn, latentDim, channels, size, width)
                : new NetworkSpec.CustomImageGenerator(factory, latentDim, channels, size, width);
    }

    /** The critic with the method's normalization (none for the no-normalization family). */
    NetworkSpec critic(int channels, int size, int width, RobustnessMethod method) {
        return builtIn != null ? new NetworkSpec.ImageCritic(builtIn, channels, size, width, method.criticNormalization(builtIn))
                : new NetworkSpec.CustomImageCritic(factory, channels, size, width, method.criticNormalization(null));
    }
}
