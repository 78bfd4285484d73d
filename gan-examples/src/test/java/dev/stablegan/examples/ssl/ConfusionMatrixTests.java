package dev.stablegan.examples.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTests {
    @Test
    void countsTruthAgainstPredictionByHand() {
        // truth 0,0,1,2,2,2 predicted 0,1,1,2,0,2: two errors, (0 -> 1) and (2 -> 0).
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 1, 2, 0, 2}, new int[] {0, 0, 1, 2, 2, 2}, 3);
        assertThat(m.rows()).containsExactly(List.of(1, 1, 0), List.of(0, 1, 0), List.of(1, 0, 2));
        assertThat(m.errors()).isEqualTo(2);
        assertThat(m.image("t").getWidth()).isPositive();
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, 2)).hasMessageContaining("1 predictions for 2 labels");
    }
}
