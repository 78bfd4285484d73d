package dev.stablegan.djl.train;

import dev.stablegan.api.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The on-disk frame of a checkpoint: a magic header and format version, a JSON metadata string, a binary
 * body (parameters and optimizer state), and a trailing CRC-32 of everything before it. Reading checks the
 * frame completely before any byte is handed to a model, so a truncated or foreign file fails with one clear
 * message and changes nothing.
 */
public final class CheckpointFile {
    static final byte[] MAGIC = "STABLEGAN-CKPT".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;

    private CheckpointFile() {}

    /** Writes the body produced by {@code body} under {@code metadataJson}, atomically. */
    public static void write(Path file, String metadataJson, BodyWriter body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] meta = metadataJson.getBytes(StandardCharsets.UTF_8);
            out.writeInt(meta.length);
            out.write(meta);
            body.write(out);
        }
        byte[] bytes = buffer.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        long checksum = crc.getValue();
        AtomicFiles.write(file, out -> {
            out.write(bytes);
            DataOutputStream tail = new DataOutputStream(out);
            tail.writeLong(checksum);
            tail.flush();
        });
    }

    /**
     * The error for a checked checkpoint whose body does not load into the model: a body that ends early (a file
     * damaged before its checksum was written, or one made for a smaller model) is said so rather than left as a bare
     * {@link java.io.EOFException} without a message.
     *
     * @param what what was being loaded, such as {@code parameters} or {@code generator parameters}
     */
    public static IOException unfitBody(Path file, String what, Exception cause) {
        String why = cause instanceof java.io.EOFException
                ? "the body ends before all " + what + " were read (written for a smaller model, or damaged before its checksum)"
                : what + " do not fit this model: " + cause.getMessage();
        return new IOException("checkpoint " + file + ": " + why, cause);
    }

    /** A checked, fully read checkpoint: its metadata and a stream positioned at the body. */
    public record Contents(Path file, String metadataJson, byte[] body) {
        public DataInputStream bodyStream() {
            return new DataInputStream(new ByteArrayInputStream(body));
        }
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws IOException naming the file when it is missing, truncated, corrupt, or not a checkpoint
     */
    public static Contents read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("checkpoint " + file + ": no such file", e);
        }
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException("checkpoint " + file + ": not a StableGAN checkpoint (wrong header)");
        }
        int headerLength = MAGIC.length + 8;
        if (all.length < headerLength + 8) {
            throw new IOException("checkpoint " + file + ": truncated (" + all.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new IOException("checkpoint " + file + ": truncated or corrupt (checksum mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException("checkpoint " + file + ": format version " + version + " is not supported (expected "
                        + FORMAT_VERSION + ")");
            }
            int metaLength = in.readInt();
            if (metaLength < 0 || metaLength > all.length) {
                throw new IOException("checkpoint " + file + ": corrupt metadata length " + metaLength);
            }
            String meta = new String(in.readNBytes(metaLength), StandardCharsets.UTF_8);
            byte[] body = in.readAllBytes();
            return new Contents(file, meta, body);
        }
    }

    /** Writes the binary body. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(DataOutputStream out) throws IOException;
    }
}
