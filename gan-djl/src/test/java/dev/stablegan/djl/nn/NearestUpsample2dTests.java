package dev.stablegan.djl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.stablegan.djl.testing.WithManager;
import org.junit.jupiter.api.Test;

class NearestUpsample2dTests extends WithManager {


    @Test
    void eachPixelBecomesAFactorByFactorBlock() {
        NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        NearestUpsample2d block = new NearestUpsample2d(2);
        block.initialize(manager, DataType.FLOAT32, x.getShape());

        NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();

        assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
        assertThat(y.toFloatArray()).containsExactly(
                1, 1, 2, 2,
                1, 1, 2, 2,
                3, 3, 4, 4,
                3, 3, 4, 4);
    }

    @Test
    void keepsBatchAndChannelsApartWithFactorThree() {
        // Two examples of two channels, one pixel each: the 3x3 output of each is that pixel.
        NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2, 1, 1));

        NDArray y = NearestUpsample2d.upsample(x, 3);

        assertThat(y.getShape()).isEqualTo(new Shape(2, 2, 3, 3));
        for (int i = 0; i < 4; i++) {
            assertThat(y.reshape(4, 9).get(i).toFloatArray()).containsOnly(i + 1f);
        }
    }

    @Test
    void gradientOfEachInputPixelIsTheSumOverItsBlock() {
        // Loss = sum(y * r) with r = 0..15 row-major over the 4x4 output: pixel (0,0) owns r at
        // (0,0),(0,1),(1,0),(1,1) = 0+1+4+5 = 10; (0,1): 2+3+6+7 = 18; (1,0): 8+9+12+13 = 42; (1,1): 50.
        NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        x.setRequiresGradient(true);
        NDArray r = manager.arange(16f).reshape(1, 1, 4, 4);

        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(NearestUpsample2d.upsample(x, 2).mul(r).sum());
        }

        assertThat(x.getGradient().toFloatArray()).containsExactly(10, 18, 42, 50);
    }

    @Test
    void rejectsAFactorBelowOne() {
        assertThatThrownBy(() -> new NearestUpsample2d(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
    }
}
