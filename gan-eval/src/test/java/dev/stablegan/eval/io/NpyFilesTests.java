package dev.stablegan.eval.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.eval.FeatureMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFilesTests {
    @TempDir
    Path dir;

    @Test
    void float32AndFloat64RoundTrip() throws IOException {
        FeatureMatrix x = FeatureMatrix.of("x", new double[][] {{1.5, -2, 0.25}, {3, 4, 1e-3}});
        for (boolean float64 : new boolean[] {false, true}) {
            Path file = dir.resolve("x" + float64 + ".npy");
            NpyFiles.write(file, x, float64);
            FeatureMatrix back = NpyFiles.read(file);
            assertThat(back.rows()).isEqualTo(2);
            assertThat(back.cols()).isEqualTo(3);
            assertThat(back.source()).isEqualTo(file.toString());
            for (int i = 0; i < 6; i++) {
                double expected = float64 ? x.values()[i] : (float) x.values()[i];
                assertThat(back.values()[i]).isEqualTo(expected);
            }
            // NumPy requires the header (magic to newline) to be a multiple of 64 bytes.
            byte[] bytes = Files.readAllBytes(file);
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            assertThat((10 + headerLength) % 64).isZero();
            assertThat(bytes[10 + headerLength - 1]).isEqualTo((byte) '\n');
        }
    }

    @Test
    void fortranOrderAndBigEndianAreRead() throws IOException {
        // Column-major 2 x 3 holding [[1, 2, 3], [4, 5, 6]] as big-endian float64.
        Path file = write("f.npy", "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", ByteOrder.BIG_ENDIAN, 8,
                1, 4, 2, 5, 3, 6);
        FeatureMatrix x = NpyFiles.read(file);
        assertThat(x.values()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void everyBadFileIsRefusedWithItsNameAndTheProblem() throws IOException {
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> NpyFiles.read(missing)).isInstanceOf(IOException.class).hasMessageContaining("missing.npy");

        Path text = dir.resolve("text.npy");
        Files.writeString(text, "1,2,3\n4,5,6\n");
        assertThatThrownBy(() -> NpyFiles.read(text)).hasMessageContaining("text.npy").hasMessageContaining("not a NumPy");

        Path oneD = write("oned.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", ByteOrder.LITTLE_ENDIAN, 4, 1, 2, 3);
        assertThatThrownBy(() -> NpyFiles.read(oneD)).hasMessageContaining("oned.npy").hasMessageContaining("1-D (shape (3,))");

        Path ints = write("ints.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", ByteOrder.LITTLE_ENDIAN, 8, 0);
        assertThatThrownBy(() -> NpyFiles.read(ints)).hasMessageContaining("ints.npy").hasMessageContaining("dtype <i8");

        Path objects = write("ragged.npy", "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", ByteOrder.LITTLE_ENDIAN, 8, 0, 0);
        assertThatThrownBy(() -> NpyFiles.read(objects)).hasMessageContaining("ragged.npy").hasMessageContaining("Python objects");

        Path truncated = write("cut.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", ByteOrder.LITTLE_ENDIAN, 4, 1, 2, 3);
        assertThatThrownBy(() -> NpyFiles.read(truncated)).hasMessageContaining("cut.npy").hasMessageContaining("truncated data");

        Path nan = write("nan.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", ByteOrder.LITTLE_ENDIAN, 4, 1, 2,
                Double.NaN, 4);
        assertThatThrownBy(() -> NpyFiles.read(nan)).hasMessageContaining("nan.npy").hasMessageContaining("row 1, column 0 is NaN");

        Path inf = write("inf.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", ByteOrder.LITTLE_ENDIAN, 8, 1,
                Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> NpyFiles.read(inf)).hasMessageContaining("inf.npy").hasMessageContaining("Infinity");

        assertThatThrownBy(() -> NpyFiles.read(dir)).hasMessageContaining("is a folder");
    }

    /** A version 1.0 file with the given header and values. */
    private Path write(String name, String header, ByteOrder order, int size, double... values) throws IOException {
        byte[] head = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buf = ByteBuffer.allocate(10 + head.length + values.length * size);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.order(ByteOrder.LITTLE_ENDIAN).putShort((short) head.length).put(head);
        buf.order(order);
        for (double v : values) {
            if (size == 4) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, buf.array());
        return file;
    }
}
