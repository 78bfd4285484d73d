package dev.stablegan.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningAverageTests {
    @Test
    void followsTheExponentialAverageAndRestoresTheTrainedValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear layer = Linear.builder().setUnits(1).build();
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            List<Parameter> params = new ArrayList<>(layer.getParameters().values());
            NDArray w = params.get(0).getArray();
            w.set(new float[] {0f});
            try (RunningAverage average = new RunningAverage(params, m)) {
                // w goes 0 -> 4 -> 8: avg = 0, then 0 + 0.5 (4 - 0) = 2, then 2 + 0.5 (8 - 2) = 5.
                w.set(new float[] {4f});
                average.update(0.5);
                w.set(new float[] {8f});
                average.update(0.5);
                float seen = average.withAverages(() -> w.toFloatArray()[0]);
                assertThat(seen).isCloseTo(5f, within(1e-6f));
                assertThat(w.toFloatArray()[0]).isEqualTo(8f);
            }
        }
        try (NDManager m = NDManager.newBaseManager(); RunningAverage empty = new RunningAverage(List.of(), m)) {
            assertThatThrownBy(() -> empty.update(1.5)).hasMessageContaining("weight");
        }
    }

    /** Issue 19: the authors' average starts from zeros: w = 4 with weight 1e-4 gives 4e-4, not 4. */
    @Test
    void anAverageFromZerosMovesAFractionOfTheWayFromZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear layer = Linear.builder().setUnits(1).build();
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            List<Parameter> params = new ArrayList<>(layer.getParameters().values());
            NDArray w = params.get(0).getArray();
            w.set(new float[] {4f});
            try (RunningAverage average = new RunningAverage(params, m, true)) {
                assertThat(average.average(0).toFloatArray()[0]).isZero();
                average.update(1e-4);
                assertThat(average.average(0).toFloatArray()[0]).isCloseTo(4e-4f, within(1e-9f));
            }
        }
    }
}
