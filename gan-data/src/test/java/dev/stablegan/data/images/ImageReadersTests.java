package dev.stablegan.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.RandomStream;
import dev.stablegan.data.idx.LabelledImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/** The image readers on small files the tests write: CIFAR-10 batches, image folders, LSUN-style LMDB databases. */
class ImageReadersTests {
    /** 12x8, left half (220, 30, 30), right half (30, 40, 200): written by cwebp 1.2.4 -lossless from a PNG. */
    static final String LOSSLESS_WEBP = "UklGRioAAABXRUJQVlA4TB4AAAAvC8ABAA9wBY8Lcd9Ddf5jCQKBBCF/m+1WiOh/5AA=";
    /** The same image, lossy (cwebp -q 90), as the current LSUN release stores its images. */
    static final String LOSSY_WEBP = "UklGRlwAAABXRUJQVlA4IFAAAABwAwCdASoMAAgAAMASJagCdLcAowH4AVoB/AMoA/QAFu1l1EAA/vtue1L3v9sI3TvvJe//toGJhp7ZP/7fD//TDqi6iP9FX/TDqi6iP7sAAA==";

    @TempDir
    Path dir;

    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);

    @Test
    void cifarBatchesGiveTheirPlanesInRecordOrder() throws IOException {
        for (int b = 1; b <= 5; b++) {
            byte[] file = new byte[2 * Cifar10Binary.RECORD];
            for (int r = 0; r < 2; r++) {
                file[r * Cifar10Binary.RECORD] = (byte) r;
                for (int i = 1; i < Cifar10Binary.RECORD; i++) {
                    file[r * Cifar10Binary.RECORD + i] = (byte) (10 * b + r + (i > 1024 ? 1 : 0) + (i > 2048 ? 1 : 0));
                }
            }
            Files.write(dir.resolve("data_batch_" + b + ".bin"), file);
        }
        InMemoryImages images = Cifar10Binary.read(dir, 32);
        assertThat(images.size()).isEqualTo(10);
        assertThat(images.channels()).isEqualTo(3);
        byte[] third = images.image(2); // batch 2, record 0: red plane 20, green 21, blue 22
        assertThat(third[0]).isEqualTo((byte) 20);
        assertThat(third[1024]).isEqualTo((byte) 21);
        assertThat(third[3071]).isEqualTo((byte) 22);
        assertThat(Cifar10Binary.read(dir, 16).image(9)[0]).isEqualTo((byte) 51);
        assertThat(ImageFolders.open(dir, 32, log).id()).startsWith("cifar10");
    }

    @Test
    void damagedCifarBatchesAreNamed() throws IOException {
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), new byte[Cifar10Binary.RECORD]);
        }
        Files.write(dir.resolve("data_batch_3.bin"), new byte[Cifar10Binary.RECORD + 7]);
        assertThatThrownBy(() -> Cifar10Binary.read(dir, 32)).hasMessageContaining("data_batch_3.bin").hasMessageContaining("truncated");
        byte[] badLabel = new byte[Cifar10Binary.RECORD];
        badLabel[0] = 42;
        Files.write(dir.resolve("data_batch_3.bin"), badLabel);
        assertThatThrownBy(() -> Cifar10Binary.read(dir, 32)).hasMessageContaining("record 0 has label 42");
        Files.write(dir.resolve("data_batch_3.bin"), new byte[Cifar10Binary.RECORD]);
        Files.delete(dir.resolve("data_batch_5.bin"));
        assertThatThrownBy(() -> Cifar10Binary.read(dir, 32)).hasMessageContaining("data_batch_5.bin is missing");
    }

    @Test
    void aFolderGivesItsImagesOnWhiteCroppedAndCountsTheOnesThatCannotBeDecoded() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pictures/sub"));
        BufferedImage clear = new BufferedImage(4, 2, BufferedImage.TYPE_INT_ARGB); // transparent, 4 wide
        clear.setRGB(1, 0, 0xFF000000);
        clear.setRGB(1, 1, 0xFF000000);
        ImageIO.write(clear, "png", folder.resolve("a.png").toFile());
        Files.writeString(folder.resolve("b.png"), "not a png");
        Files.write(folder.resolve("c.webp"), Base64.getDecoder().decode(LOSSLESS_WEBP)); // not a folder image name
        InMemoryImages images = FolderImages.read(dir.resolve("pictures"), 2, "test", log);
        assertThat(images.size()).isEqualTo(1);
        // The centre 2x2 square holds columns 1 and 2: black, then transparent = white.
        assertThat(images.image(0)).containsExactly(0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1);
        assertThat(logText.toString()).contains("skipped 1 of 2").contains("b.png");

        Files.delete(folder.resolve("a.png"));
        assertThatThrownBy(() -> FolderImages.read(dir.resolve("pictures"), 2, "test", log)).hasMessageContaining("none of its 1");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ImageFolders.open(empty, 32, log)).hasMessageContaining(empty.toString())
                .hasMessageContaining("holds no .png");
    }

    @Test
    void anLmdbOfWebpJpegAndPngImagesIsReadByKeyOrder() throws IOException {
        Path db = writeLmdb(Map.of(
                "a-lossless", Base64.getDecoder().decode(LOSSLESS_WEBP),
                "b-lossy", Base64.getDecoder().decode(LOSSY_WEBP),
                "c-png", encode("png"),
                "d-jpeg", encode("jpg")));
        try (LsunLmdb lsun = LsunLmdb.open(db, 8)) {
            assertThat(lsun.size()).isEqualTo(4);
            // 12x8 -> the centre 8x8 (columns 2..9) -> left half red, right half blue.
            byte[] exact = lsun.image(0);
            assertThat(exact[0] & 0xff).isEqualTo(220);
            assertThat(exact[7] & 0xff).isEqualTo(30);
            assertThat(exact[128 + 7] & 0xff).isEqualTo(200);
            for (int i = 1; i < 4; i++) {
                byte[] approx = lsun.image(i);
                assertThat(approx[0] & 0xff).as("red of image %d", i).isBetween(190, 250);
                assertThat(approx[128 + 7] & 0xff).as("blue of image %d", i).isBetween(170, 230);
            }
            assertThat(lsun.id()).startsWith("lsun:");
        }
    }

    @Test
    void anLmdbOfUnknownLayoutIsRefusedAndADamagedEntryIsSkippedAndCounted() throws IOException {
        Path text = writeLmdb(Map.of("k1", "hello".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> LsunLmdb.open(text, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown layout").hasMessageContaining("k1");
        assertThatThrownBy(() -> LsunLmdb.open(dir, 8)).hasMessageContaining("no data.mdb");

        Path mixed = writeLmdb(Map.of("a", encode("png"), "b", new byte[] {1, 2, 3}));
        try (LsunLmdb lsun = LsunLmdb.open(mixed, 8); NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> lsun.image(1)).isInstanceOf(IOException.class).hasMessageContaining("key b");
            ImageBatchSource source = new ImageBatchSource(lsun, log);
            NDArray batch = source.next(m, new RandomStream(3), 6);
            assertThat(batch.getShape()).isEqualTo(new Shape(6, 3, 8, 8));
            assertThat(source.skipped()).isPositive();
            assertThat(logText.toString()).contains("skipping an image").contains("key b");
            // Pixels scaled to [-1, 1]: red 220 -> 220 / 127.5 - 1.
            assertThat(batch.get(0, 0, 0, 0).getFloat()).isCloseTo(220 / 127.5f - 1, org.assertj.core.api.Assertions.within(0.05f));
            // Half the entries broken: far past the limit, so drawing many stops with the reason.
            assertThatThrownBy(() -> source.next(m, new RandomStream(4), 400)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("looks damaged");
        }
    }

    @Test
    void grayIdxImagesAreResizedToTheTrainingSize() {
        byte[] pixels = new byte[2 * 4 * 4];
        java.util.Arrays.fill(pixels, 16, 32, (byte) 200);
        InMemoryImages images = new LabelledImages("t", 2, 4, 4, pixels, new byte[2], 10).toImages(8);
        assertThat(images.channels()).isEqualTo(1);
        assertThat(images.image(1)).containsOnly((byte) 200);
        assertThat(images.image(0)).containsOnly((byte) 0);
    }

    /** The 12x8 two-colour image encoded by ImageIO. */
    private static byte[] encode(String format) throws IOException {
        BufferedImage image = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 12; x++) {
                image.setRGB(x, y, x < 6 ? 0xDC1E1E : 0x1E28C8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private Path writeLmdb(Map<String, byte[]> entries) throws IOException {
        Path folder = Files.createTempDirectory(dir, "lmdb");
        try (Env<ByteBuffer> env = Env.create().setMapSize(1 << 22).setMaxDbs(1).open(folder.toFile())) {
            Dbi<ByteBuffer> db = env.openDbi((String) null, DbiFlags.MDB_CREATE);
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    byte[] k = e.getKey().getBytes(StandardCharsets.US_ASCII);
                    ByteBuffer key = ByteBuffer.allocateDirect(k.length).put(k).flip();
                    ByteBuffer value = ByteBuffer.allocateDirect(e.getValue().length).put(e.getValue()).flip();
                    db.put(txn, key, value);
                }
                txn.commit();
            }
        }
        return folder;
    }
}
