package dev.stablegan.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.stablegan.api.RandomStream;
import dev.stablegan.djl.data.DatasetBatchSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 20: text lines as a DJL dataset give the language GAN the batches OneHotTextSource gives. */
class TextRecordsTests {
    private final List<String> lines = List.of("a cat", "the dog", "cats", "o", "dog sat");
    private final CharVocabulary vocabulary = CharVocabulary.of(lines, 6, 64);

    @Test
    void theDatasetThroughDatasetBatchSourceDrawsTheBatchesOfOneHotTextSourceBitForBit() {
        DatasetBatchSource viaDjl = new DatasetBatchSource(TextRecords.of(lines, vocabulary), "text");
        OneHotTextSource direct = new OneHotTextSource(lines, vocabulary, "text");
        assertThat(viaDjl.exampleShape()).containsExactly(direct.exampleShape());
        try (NDManager m = NDManager.newBaseManager()) {
            RandomStream a = new RandomStream(3);
            RandomStream b = new RandomStream(3);
            for (int step = 0; step < 3; step++) {
                assertThat(viaDjl.next(m, a, 5).toFloatArray()).as("batch %d", step).containsExactly(direct.next(m, b, 5).toFloatArray());
            }
        }
    }

    @Test
    void aRecordIsTheLinesOneHotColumnsDecodingBackToTheLine() {
        TextRecords records = TextRecords.of(lines, vocabulary);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] oneHot = records.get(m, 1).getData().head().toFloatArray();
            int vocab = vocabulary.size();
            int[] indices = new int[6];
            for (int t = 0; t < 6; t++) {
                float columnSum = 0;
                for (int v = 0; v < vocab; v++) {
                    columnSum += oneHot[v * 6 + t];
                    if (oneHot[v * 6 + t] == 1f) {
                        indices[t] = v;
                    }
                }
                assertThat(columnSum).as("column %d holds one 1", t).isEqualTo(1f);
            }
            assertThat(vocabulary.decode(indices)).isEqualTo("the do");
        }
    }

    @Test
    void noLinesAndNoVocabularyAreNamed() {
        assertThatThrownBy(() -> TextRecords.of(List.of(), vocabulary)).hasMessageContaining("lines: none");
        assertThatThrownBy(() -> TextRecords.of(lines, null)).hasMessageContaining("vocabulary: null");
    }
}
