package dev.stablegan.eval.io;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.InputFiles;
import dev.stablegan.eval.FeatureMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes 2-D float32 and float64 arrays in NumPy's {@code .npy} format (versions 1.0 to 3.0), the way
 * Python tools exchange feature matrices (rows are samples).
 *
 * <p>Every problem with a file (missing, not {@code .npy}, not 2-D, another dtype, Python objects as a ragged
 * array is saved, truncated data, NaN or infinite values) is an {@link IOException} or
 * {@link IllegalArgumentException} whose message starts with the file name.
 */
public final class NpyFiles {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFiles() {}

    /**
     * Reads a 2-D float32 or float64 array, one sample per row.
     *
     * @throws IOException when the file cannot be read, naming it
     * @throws IllegalArgumentException when it is not a 2-D float array of finite values, naming it and the problem
     */
    public static FeatureMatrix read(Path file) throws IOException {
        return parse(file.toString(), InputFiles.readAll(file, "a .npy file"));
    }

    static FeatureMatrix parse(String name, byte[] bytes) {
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new IllegalArgumentException(name + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(name + ": truncated .npy header");
            }
            headerLength = buf.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(name + ": unsupported .npy format version " + major + "." + (bytes[7] & 0xff));
        }
        if (headerStart + headerLength > bytes.length) {
            throw new IllegalArgumentException(name + ": truncated .npy header (" + headerLength + " bytes announced, "
                    + (bytes.length - headerStart) + " present)");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(name, header, DESCR, "descr");
        boolean fortran = field(name, header, FORTRAN, "fortran_order").equals("True");
        long[] shape = shape(name, field(name, header, SHAPE, "shape"));
        ElementType type = ElementType.of(name, descr);
        if (shape.length != 2) {
            throw new IllegalArgumentException(name + ": the array is " + shape.length + "-D (shape " + describe(shape)
                    + "); features need a 2-D array, one row per sample");
        }
        if (shape[0] < 1 || shape[1] < 1) {
            throw new IllegalArgumentException(name + ": the array is empty (shape " + describe(shape) + ")");
        }
        if (shape[0] * shape[1] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": the array is too large to hold in memory (shape " + describe(shape) + ")");
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        int count = rows * cols;
        long dataStart = headerStart + headerLength;
        long needed = (long) count * type.size;
        if (bytes.length - dataStart < needed) {
            throw new IllegalArgumentException(name + ": truncated data: shape " + describe(shape) + " of " + descr + " needs "
                    + needed + " bytes, the file has " + (bytes.length - dataStart));
        }
        if (bytes.length - dataStart > needed) {
            throw new IllegalArgumentException(name + ": " + (bytes.length - dataStart - needed)
                    + " bytes after the data that shape " + describe(shape) + " announces; the file is not a single array");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) needed).slice().order(type.order);
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            double v = type.size == 4 ? data.getFloat(k * 4) : data.getDouble(k * 8);
            int target = fortran ? (k % rows) * cols + k / rows : k;
            values[target] = v;
        }
        return new FeatureMatrix(name, rows, cols, values);
    }

    /** Writes {@code x} as a C-order {@code .npy} 1.0 file of little-endian float32 or float64, atomically. */
    public static void write(Path file, FeatureMatrix x, boolean float64) throws IOException {
        String descr = float64 ? "<f8" : "<f4";
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + x.rows() + ", "
                + x.cols() + "), }");
        int unpadded = MAGIC.length + 4 + header.length() + 1;
        while ((unpadded % 64) != 0) {
            header.append(' ');
            unpadded++;
        }
        header.append('\n');
        byte[] head = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        int size = float64 ? 8 : 4;
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + head.length + x.values().length * size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) head.length).put(head);
        for (double v : x.values()) {
            if (float64) {
                out.putDouble(v);
            } else {
                out.putFloat((float) v);
            }
        }
        AtomicFiles.write(file, stream -> stream.write(out.array()));
    }

    private static boolean startsWithMagic(byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String field(String name, String header, Pattern pattern, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": the .npy header has no readable '" + key + "' entry: " + header.strip());
        }
        return m.group(1);
    }

    private static long[] shape(String name, String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": unreadable shape (" + text + ") in the .npy header");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static String describe(long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The element types accepted: float32 and float64 in either byte order. */
    private record ElementType(int size, ByteOrder order) {
        static ElementType of(String name, String descr) {
            if (descr.length() == 3 && descr.charAt(1) == 'f' && (descr.charAt(2) == '4' || descr.charAt(2) == '8')) {
                char byteOrder = descr.charAt(0);
                if (byteOrder == '<' || byteOrder == '>' || byteOrder == '=') {
                    return new ElementType(descr.charAt(2) - '0', byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                }
            }
            if (descr.contains("O")) {
                throw new IllegalArgumentException(name + ": the array holds Python objects (dtype " + descr + "), as NumPy saves a"
                        + " ragged or non-numeric array; save a 2-D float32 or float64 array");
            }
            throw new IllegalArgumentException(name + ": dtype " + descr + " is not supported; save the features as float32 or float64");
        }
    }
}
