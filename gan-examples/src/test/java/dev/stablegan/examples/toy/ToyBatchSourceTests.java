package dev.stablegan.examples.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.stablegan.api.RandomStream;
import org.junit.jupiter.api.Test;

class ToyBatchSourceTests {

    @Test
    void batchesAreFloatPairsDrawnFromTheGivenStream() {
        ToyBatchSource source = new ToyBatchSource(ToyDataset.TWENTY_FIVE_GAUSSIANS);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = source.next(manager, new RandomStream(9), 16);

            assertThat(batch.getShape()).isEqualTo(new Shape(16, 2));
            assertThat(batch.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(batch.toFloatArray())
                    .containsExactly(ToyDataset.TWENTY_FIVE_GAUSSIANS.sample(new RandomStream(9), 16));
        }
    }

    @Test
    void describesItselfForProvenance() {
        assertThat(new ToyBatchSource(ToyDataset.EIGHT_GAUSSIANS).identity()).isEqualTo("toy:8gaussians");
        assertThat(new ToyBatchSource(ToyDataset.SWISS_ROLL).identity()).isEqualTo("toy:swissroll");
        assertThat(new ToyBatchSource(ToyDataset.SWISS_ROLL).exampleShape()).containsExactly(2L);
    }

    @Test
    void rejectsNonPositiveBatchSize() {
        ToyBatchSource source = new ToyBatchSource(ToyDataset.SWISS_ROLL);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> source.next(manager, new RandomStream(1), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batchSize");
        }
    }
}
