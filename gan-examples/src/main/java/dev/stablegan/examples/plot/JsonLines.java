package dev.stablegan.examples.plot;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON-lines files that runs append to (metrics, scores, curves), for plotting. */
public final class JsonLines {
    private JsonLines() {}

    /**
     * The objects of the non-blank lines of {@code file}, in order; none when the file does not exist (a run that
     * has not written yet).
     *
     * @throws IllegalArgumentException naming the file and line when a line is not a JSON object, or the file when it is
     *     not UTF-8 text
     */
    public static List<JsonObject> read(Path file) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines = textLines(file);
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            try {
                out.add(JsonParser.parseString(lines.get(n)).getAsJsonObject());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ": line " + (n + 1) + " is not a JSON object (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    /**
     * The lines of {@code file} read as UTF-8.
     *
     * @throws IllegalArgumentException naming the file when it holds bytes that are not UTF-8 text (a binary file)
     */
    public static List<String> textLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not a text file of JSON lines (it holds bytes that are not UTF-8 text)", e);
        }
    }
}
