package dev.stablegan.examples.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** numpy's legacy permutation, against the fixture scripts/make_label_set_fixture.py wrote with numpy. */
class NumpyRandomStateTests {

    private static JsonObject fixture() throws IOException {
        try (InputStream in = NumpyRandomStateTests.class.getResourceAsStream("numpy_permutations.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    @Test
    void permutationsEqualNumpysLegacyRandomState() throws IOException, NoSuchAlgorithmException {
        JsonObject fixture = fixture();
        int n = fixture.get("n").getAsInt();
        for (var entry : fixture.getAsJsonObject("permutations").entrySet()) {
            int[] java = new NumpyRandomState(Long.parseLong(entry.getKey())).permutation(n);
            int[] first = StreamSupport.stream(entry.getValue().getAsJsonObject().getAsJsonArray("first").spliterator(), false)
                    .mapToInt(e -> e.getAsInt()).toArray();
            assertThat(java).as("seed %s", entry.getKey()).startsWith(first);
            ByteBuffer bytes = ByteBuffer.allocate(4 * n); // big-endian, as the fixture hashed them
            for (int v : java) {
                bytes.putInt(v);
            }
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
            assertThat(hash).as("SHA-256 of the whole permutation, seed %s", entry.getKey())
                    .isEqualTo(entry.getValue().getAsJsonObject().get("sha256_int32_be").getAsString());
        }
    }

    @Test
    void theFirstOutputsAreMt19937s() {
        // The reference values of MT19937 seeded with init_genrand(5489), its default seed.
        NumpyRandomState r = new NumpyRandomState(5489);
        assertThat(r.nextUint32()).isEqualTo(3499211612L);
        assertThat(r.nextUint32()).isEqualTo(581869302L);
        assertThat(r.nextUint32()).isEqualTo(3890346734L);
    }

    @Test
    void seedsOutsideNumpysRangeAreRefused() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= seed < 2^32");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
