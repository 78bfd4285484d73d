package dev.stablegan.data.text;

import dev.stablegan.api.InputFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the lines of a UTF-8 text corpus file, streaming, so a shard of the One Billion Word benchmark never sits
 * in memory whole. A file whose first {@value #SNIFF_BYTES} bytes hold a NUL byte is refused as binary; later,
 * a line that is not valid UTF-8 or holds a NUL is skipped and counted, with one warning per file naming the file
 * and the first such line. Blank lines are dropped; a byte-order mark and a carriage return before the newline
 * are removed.
 */
public final class CorpusFiles {
    /** Bytes inspected for a NUL before a file is read as text. */
    static final int SNIFF_BYTES = 4096;

    private CorpusFiles() {}

    /**
     * Appends at most {@code maxLines} non-blank lines of {@code file}, each cut to {@code cut} code points, to
     * {@code into}.
     *
     * @return lines skipped as not UTF-8 or binary
     * @throws IllegalArgumentException when the file is a folder or looks binary, naming it
     * @throws IOException when it cannot be read, naming it
     */
    public static int readLines(Path file, int maxLines, int cut, List<String> into, PrintWriter log) throws IOException {
        InputFiles.requireFile(file, "a text file");
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int skipped = 0;
        long firstSkipped = 0;
        long lineNumber = 0;
        int added = 0;
        long offset = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            boolean nul = false;
            boolean more = true;
            while (more && added < maxLines) {
                int b = in.read();
                more = b >= 0;
                if (b == 0) {
                    if (offset < SNIFF_BYTES) {
                        throw new IllegalArgumentException(file + ": holds a NUL byte at offset " + offset
                                + "; it looks binary, not a text corpus");
                    }
                    nul = true;
                }
                if (b >= 0) {
                    offset++;
                }
                if (b >= 0 && b != '\n') {
                    line.write(b);
                    continue;
                }
                if (line.size() == 0 && b < 0) {
                    break;
                }
                lineNumber++;
                String text = nul ? null : decode(utf8, line.toByteArray());
                nul = false;
                line.reset();
                if (text == null) {
                    skipped++;
                    firstSkipped = firstSkipped == 0 ? lineNumber : firstSkipped;
                    continue;
                }
                if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isBlank()) {
                    continue;
                }
                into.add(cut(text, cut));
                added++;
            }
        }
        if (skipped > 0) {
            log.printf("warning: %s: skipped %d line(s) that are not UTF-8 text (the first is line %d)%n", file, skipped,
                    firstSkipped);
            log.flush();
        }
        return skipped;
    }

    private static String decode(CharsetDecoder utf8, byte[] bytes) {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The first {@code n} code points of {@code s}. */
    static String cut(String s, int n) {
        if (s.length() <= n) {
            return s;
        }
        int end = s.offsetByCodePoints(0, Math.min(n, s.codePointCount(0, s.length())));
        return s.substring(0, end);
    }
}
