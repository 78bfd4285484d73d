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

    /**
     * Why a run of {@code current}'s length cannot continue a checkpoint of {@code saved} at {@code step}, or null: it
     * may not end before the checkpoint, and with a linear learning-rate decay (which reaches 0 at the run's last step)
     * it may not change length at all, since that would restart the decay from a different slope.
     */
    static String lengthConflict(GanSpec saved, GanSpec current, long step) {
        long was = saved.schedule().generatorSteps();
        long now = current.schedule().generatorSteps();
        if (now < step) {
            return "schedule.generatorSteps: " + now + " ends before the checkpoint's step " + step;
        }
        if (saved.schedule().linearDecay() && now != was) {
            return "schedule.generatorSteps: the checkpoint's run decays its learning rate linearly to 0 at step " + was
                    + "; continuing to " + now + " would change that schedule mid-run, so keep " + was
                    + " (lengthening is allowed without the decay)";
        }
        return null;
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
