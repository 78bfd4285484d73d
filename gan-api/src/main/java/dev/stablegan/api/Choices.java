package dev.stablegan.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finds the constant of an enum of named choices (architectures, presets, methods, datasets) from the name a user
 * typed: compared with each constant's id, case and surrounding blanks ignored; an unknown name is refused with the
 * accepted ones.
 */
public final class Choices {
    private Choices() {}

    /** The ids of all constants of {@code type}, in declaration order. */
    public static <E extends Enum<E>> List<String> ids(Class<E> type, Function<E, String> id) {
        return Arrays.stream(type.getEnumConstants()).map(id).toList();
    }

    /**
     * The constant whose id is {@code name}.
     *
     * @param unknown the start of the refusal, such as {@code "unknown preset"} or {@code "--dataset: unknown dataset"}
     * @throws IllegalArgumentException {@code "<unknown> '<name>'; expected one of <ids>"} when none matches
     */
    public static <E extends Enum<E>> E byId(Class<E> type, Function<E, String> id, String name, String unknown) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (id.apply(constant).equals(key)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(unknown + " '" + name + "'; expected one of " + String.join(", ", ids(type, id)));
    }
}
