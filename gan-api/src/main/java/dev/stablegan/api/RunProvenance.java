package dev.stablegan.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model or a number came from: the spec and seed, the code revision, the engine and device, the JDK
 * and the dataset. Travels with every checkpoint and summary.
 */
public record RunProvenance(
        String specDescription,
        long seed,
        String gitRevision,
        String engine,
        String device,
        int threads,
        String jdk,
        String dataset) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", specDescription);
        m.put("seed", seed);
        m.put("git_revision", gitRevision);
        m.put("engine", engine);
        m.put("device", device);
        m.put("threads", threads);
        m.put("jdk", jdk);
        m.put("dataset", dataset);
        return m;
    }
}
