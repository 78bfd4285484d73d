package dev.stablegan.data.images;

import dev.stablegan.eval.features.ImageFolder;
import dev.stablegan.eval.features.RgbImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * An LSUN scene category as the official release ships it (Yu et al. 2015): an LMDB database folder
 * ({@code bedroom_train_lmdb/} with {@code data.mdb}) whose unnamed database maps keys to encoded images (WebP in
 * the current release, JPEG in older ones), read with lmdbjava and decoded with ImageIO (TwelveMonkeys' WebP
 * reader on the classpath). Each image is centre-cropped to a square and resized to the training size, as in
 * WGAN-GP's LSUN experiments.
 *
 * <p>Opening lists the keys (one scan) and decodes the first value: a database whose values are not images is
 * refused as of unknown layout. Later entries that fail to decode are reported by {@link #image} with their key,
 * for {@link ImageBatchSource} to skip and count. Opened read-only without a lock file, so a read-only copy works.
 * Needs {@code --add-opens java.base/java.nio=ALL-UNNAMED} on Java 17 (the {@code ./gan} launcher passes it).
 */
public final class LsunLmdb implements ImageDataset {
    private static final long MAX_MAP_SIZE = 1L << 40;

    private final Path folder;
    private final int size;
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> db;
    private final List<byte[]> keys;

    private LsunLmdb(Path folder, int size, Env<ByteBuffer> env, Dbi<ByteBuffer> db, List<byte[]> keys) {
        this.folder = folder;
        this.size = size;
        this.env = env;
        this.db = db;
        this.keys = keys;
    }

    /** Whether {@code dir} is an LMDB environment folder. */
    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve("data.mdb"));
    }

    /**
     * @throws IllegalArgumentException for a folder that is not an LMDB database, an empty one, or one whose values
     *     are not images, naming it
     */
    public static LsunLmdb open(Path folder, int size) throws IOException {
        if (!looksLike(folder)) {
            throw new IllegalArgumentException(folder + ": no data.mdb; not an LMDB database folder (LSUN ships e.g."
                    + " bedroom_train_lmdb/data.mdb)");
        }
        Env<ByteBuffer> env;
        try {
            env = Env.create().setMapSize(Math.max(Files.size(folder.resolve("data.mdb")), 1L << 20)).setMaxReaders(4)
                    .open(folder.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOLOCK, EnvFlags.MDB_NOTLS);
        } catch (LmdbException | IllegalStateException e) {
            throw new IllegalArgumentException(folder + ": cannot open as an LMDB database: " + e.getMessage(), e);
        }
        try {
            Dbi<ByteBuffer> db = env.openDbi((String) null);
            List<byte[]> keys = new ArrayList<>();
            try (Txn<ByteBuffer> txn = env.txnRead(); CursorIterable<ByteBuffer> entries = db.iterate(txn)) {
                for (CursorIterable.KeyVal<ByteBuffer> entry : entries) {
                    byte[] key = new byte[entry.key().remaining()];
                    entry.key().get(key);
                    keys.add(key);
                }
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(folder + ": the LMDB database holds no entries");
            }
            LsunLmdb lsun = new LsunLmdb(folder, size, env, db, keys);
            try {
                lsun.image(0);
            } catch (IOException e) {
                throw new IllegalArgumentException(folder + ": an LMDB database of unknown layout: the value of its first key ("
                        + describe(keys.get(0)) + ") is not an image (WebP, JPEG or PNG expected): " + e.getMessage(), e);
            }
            return lsun;
        } catch (LmdbException e) {
            env.close();
            throw new IllegalArgumentException(folder + ": cannot read the LMDB database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    @Override
    public String id() {
        return "lsun:" + folder.getFileName() + " (" + size + "x" + size + ")";
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public byte[] image(int index) throws IOException {
        byte[] key = keys.get(index);
        byte[] value;
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer k = ByteBuffer.allocateDirect(key.length);
            k.put(key).flip();
            ByteBuffer v = db.get(txn, k);
            if (v == null) {
                throw new IOException(folder + ": key " + describe(key) + " vanished from the database");
            }
            value = new byte[v.remaining()];
            v.get(value);
        } catch (LmdbException e) {
            throw new IOException(folder + ": key " + describe(key) + ": " + e.getMessage(), e);
        }
        RgbImage image = ImageFolder.decode(folder.getFileName() + " key " + describe(key), value);
        return ImageResize.toSquare(FolderImages.channelMajor(image), 3, image.height(), image.width(), size);
    }

    /** A key as text when it is printable ASCII (LSUN's are hex digests), else as hex. */
    static String describe(byte[] key) {
        boolean printable = key.length > 0;
        for (byte b : key) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        return printable ? new String(key, java.nio.charset.StandardCharsets.US_ASCII) : "0x" + HexFormat.of().formatHex(key);
    }

    @Override
    public void close() {
        db.close();
        env.close();
    }
}
