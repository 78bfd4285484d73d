package dev.stablegan.examples;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.GanSpec;
import dev.stablegan.djl.train.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result file a finished part of a sweep leaves in its folder ({@code result.json} of a robustness cell or an
 * ablation variant), read back for collecting or resuming, and checked against the part that asks for it: the same
 * spec, the same training data, the same number of generated images scored. Every refusal names the file and the field.
 */
public final class ResultFiles {
    private ResultFiles() {}

    /**
     * The result in {@code file} after the three checks.
     *
     * @param part what the sweep calls one of its runs ({@code "cell"}, {@code "variant"}), as the messages say it
     * @throws IOException when the file is not a JSON object (advice: delete it to train the part again)
     * @throws IllegalArgumentException when it was written for another spec, dataset or sample count
     */
    public static JsonObject readChecked(Path file, String part, GanSpec spec, String dataset, int samples) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a result of this command (" + e.getMessage() + "); delete it to train the " + part
                    + " again", e);
        }
        String advice = advice(part);
        if (!o.has("spec") || !SpecJson.fromJson(o.getAsJsonObject("spec")).equals(spec)) {
            throw new IllegalArgumentException(file + ": was written for other settings" + advice);
        }
        JsonObject provenance = provenance(o);
        String saved = provenance.has("dataset") ? provenance.get("dataset").getAsString() : null;
        if (!dataset.equals(saved)) {
            throw new IllegalArgumentException(file + ": dataset: the " + part + " was trained on '" + saved + "', this run has '"
                    + dataset + "'" + advice);
        }
        if (!o.has("samples") || o.get("samples").getAsInt() != samples) {
            throw new IllegalArgumentException(file + ": samples: the " + part + " was scored on " + (o.has("samples") ? o.get("samples")
                    : "an unrecorded number of") + " generated images, this run asks for " + samples + advice);
        }
        return o;
    }

    /** What a refusal advises: {@code "; use another --out or delete the cell's folder"}. */
    public static String advice(String part) {
        return "; use another --out or delete the " + part + "'s folder";
    }

    /** The result's {@code provenance} object, empty when it has none. */
    public static JsonObject provenance(JsonObject result) {
        return result.has("provenance") ? result.getAsJsonObject("provenance") : new JsonObject();
    }

    /** A JSON object as nested maps, lists, strings and doubles, the form {@link dev.stablegan.api.Json#write} takes. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(JsonObject o) {
        return new Gson().fromJson(o, LinkedHashMap.class);
    }
}
