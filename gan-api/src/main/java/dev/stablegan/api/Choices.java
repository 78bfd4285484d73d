package dev.stablegan.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finds the constant of an enum of named choices (architectures, methods, datasets), or one of a record type's fixed
 * values (presets), from the name a user typed: compared with each constant's id, case and surrounding blanks ignored; an unknown name is refused with the
 * accepted ones.
 */
public final class Choices {
    private Choices() {}

    /** The ids of all constants of {@code type}, in declaration order. */
    public static <E extends Enum<E>> List<String> ids(Class<E> type, Function<E, String> id) {
        return ids(Arrays.asList(type.getEnumConstants()), id);
    }

    /** The ids of {@code choices}, in their order (for a record type with a fixed list of named values). */
    public static <T> List<String> ids(List<T> choices, Function<T, String> id) {
        return choices.stream().map(id).toList();
    }

    /**
     * The constant whose id is {@code name}.
     *
     * @param unknown the start of the refusal, such as {@code "unknown preset"} or {@code "--dataset: unknown dataset"}
     * @throws IllegalArgumentException {@code "<unknown> '<name>'; expected one of <ids>"} when none matches
     */
    public static <E extends Enum<E>> E byId(Class<E> type, Function<E, String> id, String name, String unknown) {
        return byId(Arrays.asList(type.getEnumConstants()), id, name, unknown);
    }

    /** As {@link #byId(Class, Function, String, String)}, among {@code choices}. */
    public static <T> T byId(List<T> choices, Function<T, String> id, String name, String unknown) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (T choice : choices) {
            if (id.apply(choice).equals(key)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(unknown + " '" + name + "'; expected one of " + String.join(", ", ids(choices, id)));
    }
}
