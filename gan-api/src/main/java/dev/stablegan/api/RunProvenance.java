package dev.stablegan.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model or a number came from: the spec and seed, the code revision, the engine (with its native-memory guard)
 * and device, the thread count, the JDK and the dataset, each {@code null} where a file does not record it. The one
 * record that trainers write into their checkpoints and commands into their summaries ({@link #toMap()}), and that
 * {@link #fromMap} reads back; further facts a caller adds travel in {@code extras}.
 */
public record RunProvenance(
        String spec,
        Long seed,
        String gitRevision,
        String engine,
        String nativeMemoryGuard,
        String device,
        Integer threads,
        String jdk,
        String dataset,
        Map<String, String> extras) {

    /** Nothing recorded yet. */
    public static final RunProvenance EMPTY = new RunProvenance(null, null, null, null, null, null, null, null, null, Map.of());

    public RunProvenance {
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(extras, "extras: null; pass Map.of()")));
    }

    public RunProvenance withSpec(String description, long runSeed) {
        return new RunProvenance(description, runSeed, gitRevision, engine, nativeMemoryGuard, device, threads, jdk, dataset, extras);
    }

    public RunProvenance withGitRevision(String revision) {
        return new RunProvenance(spec, seed, revision, engine, nativeMemoryGuard, device, threads, jdk, dataset, extras);
    }

    public RunProvenance withEngine(String description, String deviceDescription, int threadCount) {
        return new RunProvenance(spec, seed, gitRevision, description, nativeMemoryGuard, deviceDescription, threadCount, jdk, dataset, extras);
    }

    public RunProvenance withNativeMemoryGuard(String guard) {
        return new RunProvenance(spec, seed, gitRevision, engine, guard, device, threads, jdk, dataset, extras);
    }

    public RunProvenance withDevice(String description) {
        return new RunProvenance(spec, seed, gitRevision, engine, nativeMemoryGuard, description, threads, jdk, dataset, extras);
    }

    public RunProvenance withJdk(String description) {
        return new RunProvenance(spec, seed, gitRevision, engine, nativeMemoryGuard, device, threads, description, dataset, extras);
    }

    public RunProvenance withDataset(String identity) {
        return new RunProvenance(spec, seed, gitRevision, engine, nativeMemoryGuard, device, threads, jdk, identity, extras);
    }

    /** This record with {@code key = value} among the extras (a key of a field sets that field instead). */
    public RunProvenance with(String key, String value) {
        Map<String, Object> all = toMap();
        all.put(key, value);
        return fromMap(all);
    }

    /**
     * The recorded facts in a fixed order ({@code spec, seed, git_revision, engine, native_memory_guard, device, threads,
     * jdk, dataset}, then the extras), leaving out what is not recorded.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "spec", spec);
        putIfSet(m, "seed", seed);
        putIfSet(m, "git_revision", gitRevision);
        putIfSet(m, "engine", engine);
        putIfSet(m, "native_memory_guard", nativeMemoryGuard);
        putIfSet(m, "device", device);
        putIfSet(m, "threads", threads);
        putIfSet(m, "jdk", jdk);
        putIfSet(m, "dataset", dataset);
        m.putAll(extras);
        return m;
    }

    /**
     * The record a {@link #toMap()} (or a file's provenance object) describes; unknown keys become extras, values their
     * text.
     *
     * @throws IllegalArgumentException when {@code seed} or {@code threads} is not a whole number, naming it
     */
    public static RunProvenance fromMap(Map<String, ?> m) {
        Map<String, String> extras = new LinkedHashMap<>();
        String[] fields = new String[9];
        for (Map.Entry<String, ?> e : m.entrySet()) {
            String value = e.getValue() == null ? null : String.valueOf(e.getValue());
            switch (e.getKey()) {
                case "spec" -> fields[0] = value;
                case "seed" -> fields[1] = value;
                case "git_revision" -> fields[2] = value;
                case "engine" -> fields[3] = value;
                case "native_memory_guard" -> fields[4] = value;
                case "device" -> fields[5] = value;
                case "threads" -> fields[6] = value;
                case "jdk" -> fields[7] = value;
                case "dataset" -> fields[8] = value;
                default -> {
                    if (value != null) {
                        extras.put(e.getKey(), value);
                    }
                }
            }
        }
        return new RunProvenance(fields[0], whole("provenance.seed", fields[1]), fields[2], fields[3], fields[4], fields[5],
                fields[6] == null ? null : Math.toIntExact(whole("provenance.threads", fields[6])), fields[7], fields[8], extras);
    }

    private static Long whole(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException notLong) {
            // "3.0" as a JSON reader may give it
        }
        try {
            double v = Double.parseDouble(text);
            if (v != Math.rint(v)) {
                throw new NumberFormatException(text);
            }
            return (long) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": must be a whole number, got '" + text + "'", e);
        }
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
