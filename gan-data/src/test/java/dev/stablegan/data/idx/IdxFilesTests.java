package dev.stablegan.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTests {
    @TempDir
    Path dir;

    @Test
    void plainAndGzippedFilesAreReadWithTheirShapes() throws IOException {
        byte[] images = idx(new int[] {2, 2, 3}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 250});
        Path plain = Files.write(dir.resolve("images-idx3-ubyte"), images);
        Path gz = Files.write(dir.resolve("images-idx3-ubyte.gz"), gzip(images));
        for (Path file : new Path[] {plain, gz}) {
            IdxFiles.Images read = IdxFiles.readImages(file);
            assertThat(read.count()).isEqualTo(2);
            assertThat(read.rows()).isEqualTo(2);
            assertThat(read.cols()).isEqualTo(3);
            assertThat(read.pixels()[11] & 0xff).isEqualTo(250);
        }
        Path labels = Files.write(dir.resolve("labels"), idx(new int[] {2}, new byte[] {7, 3}));
        LabelledImages data = LabelledImages.read("tiny", plain, labels, 10);
        assertThat(data.label(0)).isEqualTo(7);
        assertThat(data.pixel(1, 1, 2)).isEqualTo(250);
        assertThat(data.first(1).count()).isEqualTo(1);
    }

    @Test
    void badFilesAreRefusedByName() throws IOException {
        Path truncated = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(idx(new int[] {2, 2, 2}, new byte[8]), 16 + 5));
        assertThatThrownBy(() -> IdxFiles.readImages(truncated)).hasMessageContaining("cut").hasMessageContaining("truncated")
                .hasMessageContaining("announces 8 values");
        Path foreign = Files.writeString(dir.resolve("foreign"), "PK not idx");
        assertThatThrownBy(() -> IdxFiles.readImages(foreign)).hasMessageContaining("foreign").hasMessageContaining("not an IDX file");
        Path labelsAsImages = Files.write(dir.resolve("labels"), idx(new int[] {3}, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> IdxFiles.readImages(labelsAsImages)).hasMessageContaining("1 dimensions, expected 3");
        byte[] ints = idx(new int[] {1}, new byte[] {0});
        ints[2] = 0x0c;
        Path intFile = Files.write(dir.resolve("ints"), ints);
        assertThatThrownBy(() -> IdxFiles.readLabels(intFile)).hasMessageContaining("0xc");
        Path badGzip = Files.write(dir.resolve("bad.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertThatThrownBy(() -> IdxFiles.readLabels(badGzip)).isInstanceOf(IOException.class).hasMessageContaining("bad.gz");
        assertThatThrownBy(() -> IdxFiles.readLabels(dir.resolve("absent"))).isInstanceOf(IOException.class).hasMessageContaining("absent");

        Path images = Files.write(dir.resolve("images"), idx(new int[] {2, 1, 1}, new byte[] {0, 0}));
        assertThatThrownBy(() -> LabelledImages.read("x", images, labelsAsImages, 10)).hasMessageContaining("2 images")
                .hasMessageContaining("3 labels");
        Path twoLabels = Files.write(dir.resolve("two"), idx(new int[] {2}, new byte[] {1, 12}));
        assertThatThrownBy(() -> LabelledImages.read("x", images, twoLabels, 10)).hasMessageContaining("label 1 is 12");
    }

    static byte[] idx(int[] dims, byte[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(0x08);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.writeBytes(values);
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
