package dev.stablegan.examples.text;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.RandomStream;
import dev.stablegan.data.text.CharVocabulary;
import dev.stablegan.data.text.OneHotTextSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneHotTextSourceTests {
    @Test
    void everyPositionOfADrawnLineIsTheOneHotOfItsSymbol() {
        List<String> lines = List.of("ab", "ba", "cc");
        CharVocabulary v = CharVocabulary.of(lines, 3, 10);
        OneHotTextSource source = new OneHotTextSource(lines, v, "text:test");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = source.next(m, new RandomStream(5), 6);
            assertThat(batch.getShape()).isEqualTo(new Shape(6, v.size(), 3));
            float[] x = batch.toFloatArray();
            RandomStream replay = new RandomStream(5);
            for (int b = 0; b < 6; b++) {
                int[] expected = v.encode(lines.get(replay.nextInt(lines.size())));
                for (int t = 0; t < 3; t++) {
                    for (int s = 0; s < v.size(); s++) {
                        assertThat(x[(b * v.size() + s) * 3 + t]).as("line %d position %d symbol %d", b, t, s)
                                .isEqualTo(s == expected[t] ? 1f : 0f);
                    }
                }
            }
            // The generator's decoding reads the one-hot rows back to the lines.
            List<String> decoded = LanguageRun.decode(batch, v);
            RandomStream again = new RandomStream(5);
            for (int b = 0; b < 6; b++) {
                assertThat(decoded.get(b)).isEqualTo(lines.get(again.nextInt(lines.size())));
            }
        }
        assertThat(source.exampleShape()).containsExactly(v.size(), 3);
    }
}
