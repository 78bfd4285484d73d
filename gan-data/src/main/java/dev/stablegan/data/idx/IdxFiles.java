package dev.stablegan.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al.), plain or gzip-compressed.
 *
 * <p>Layout: two zero bytes, a type byte ({@code 0x08} for unsigned bytes, the only type these sets use), the
 * number of dimensions, each dimension as a big-endian 32-bit integer, then the values. Every mismatch (magic,
 * type, dimensions, size) is an {@link IllegalArgumentException} naming the file, before any value is used.
 */
public final class IdxFiles {
    private IdxFiles() {}

    /** Unsigned-byte images {@code (count, rows, cols)}, row-major. */
    public record Images(Path file, int count, int rows, int cols, byte[] pixels) {}

    /** Unsigned-byte labels, one per example. */
    public record Labels(Path file, int count, byte[] values) {}

    /**
     * @throws IOException when the file cannot be read or decompressed, naming it
     * @throws IllegalArgumentException when it is not a 3-D unsigned-byte IDX file of the announced size
     */
    public static Images readImages(Path file) throws IOException {
        Parsed p = parse(file, 3);
        return new Images(file, p.dims[0], p.dims[1], p.dims[2], p.values);
    }

    /**
     * @throws IOException when the file cannot be read or decompressed, naming it
     * @throws IllegalArgumentException when it is not a 1-D unsigned-byte IDX file of the announced size
     */
    public static Labels readLabels(Path file) throws IOException {
        Parsed p = parse(file, 1);
        return new Labels(file, p.dims[0], p.values);
    }

    private record Parsed(int[] dims, byte[] values) {}

    private static Parsed parse(Path file, int expectedDims) throws IOException {
        byte[] bytes = bytes(file);
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw new IllegalArgumentException(file + ": not an IDX file (it does not start with two zero bytes)");
        }
        if (bytes[2] != 0x08) {
            throw new IllegalArgumentException(file + ": IDX value type 0x" + Integer.toHexString(bytes[2] & 0xff)
                    + " is not unsigned bytes (0x08)");
        }
        int dims = bytes[3] & 0xff;
        if (dims != expectedDims) {
            throw new IllegalArgumentException(file + ": has " + dims + " dimensions, expected " + expectedDims
                    + (expectedDims == 3 ? " (images: count, rows, columns)" : " (labels: count)"));
        }
        int header = 4 + 4 * dims;
        if (bytes.length < header) {
            throw new IllegalArgumentException(file + ": truncated IDX header (" + bytes.length + " bytes)");
        }
        int[] sizes = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++) {
            int i = 4 + 4 * d;
            sizes[d] = (bytes[i] & 0xff) << 24 | (bytes[i + 1] & 0xff) << 16 | (bytes[i + 2] & 0xff) << 8 | (bytes[i + 3] & 0xff);
            if (sizes[d] < 1) {
                throw new IllegalArgumentException(file + ": dimension " + d + " has size " + sizes[d]);
            }
            total *= sizes[d];
        }
        long present = bytes.length - header;
        if (present != total) {
            throw new IllegalArgumentException(file + ": " + (present < total ? "truncated" : "too long") + ": the header announces "
                    + total + " values, the file holds " + present);
        }
        byte[] values = new byte[(int) total];
        System.arraycopy(bytes, header, values, 0, values.length);
        return new Parsed(sizes, values);
    }

    private static byte[] bytes(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such IDX file");
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
                in.transferTo(out);
                return out.toByteArray();
            } catch (ZipException | java.io.EOFException e) {
                throw new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
            }
        }
        return raw;
    }
}
