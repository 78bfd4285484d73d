package dev.stablegan.examples.cli.eval;

import dev.stablegan.api.InputFiles;
import dev.stablegan.eval.features.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A UTF-8 text file as lines (one sample each), refused with its name when it is empty, binary or not UTF-8. */
record TextLines(Path file, List<String> lines, String sha256) {
    static TextLines read(Path file) throws IOException {
        byte[] bytes = InputFiles.readAll(file, "a text file");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": is not UTF-8 text (" + e.getMessage() + ")");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(file + ": holds a NUL character at offset " + nul + "; it looks binary, not text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": is empty; it needs one sample per line");
        }
        return new TextLines(file, lines, Sha256.of(bytes));
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.toString());
        m.put("lines", lines.size());
        m.put("sha256", sha256);
        return m;
    }
}
