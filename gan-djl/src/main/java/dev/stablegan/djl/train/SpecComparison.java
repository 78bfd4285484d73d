package dev.stablegan.djl.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.stablegan.api.GanSpec;

/**
 * Tells whether a checkpoint's spec can be resumed by a trainer's spec: everything must match except the
 * schedule's total number of generator steps, which a resumed run may extend.
 */
final class SpecComparison {
    private SpecComparison() {}

    /** The path of the first field that differs ({@code "objective.lambda: 10.0 vs 1.0"}), or null. */
    static String firstDifference(GanSpec saved, GanSpec current) {
        JsonObject a = SpecJson.toJson(saved);
        JsonObject b = SpecJson.toJson(current);
        a.getAsJsonObject("schedule").remove("generatorSteps");
        b.getAsJsonObject("schedule").remove("generatorSteps");
        return diff("", a, b);
    }

    private static String diff(String path, JsonElement a, JsonElement b) {
        if (a.isJsonObject() && b.isJsonObject()) {
            JsonObject oa = a.getAsJsonObject();
            JsonObject ob = b.getAsJsonObject();
            for (String key : oa.keySet()) {
                String child = path.isEmpty() ? key : path + "." + key;
                if (!ob.has(key)) {
                    return child + ": missing in the current spec";
                }
                String d = diff(child, oa.get(key), ob.get(key));
                if (d != null) {
                    return d;
                }
            }
            for (String key : ob.keySet()) {
                if (!oa.has(key)) {
                    return (path.isEmpty() ? key : path + "." + key) + ": missing in the checkpoint";
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": checkpoint has " + a + ", this run has " + b;
    }
}
