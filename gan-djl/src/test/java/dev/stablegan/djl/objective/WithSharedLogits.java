package dev.stablegan.djl.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One shared pair of logits for every loss, as in TF-GAN's losses test, so each expectation can be checked by hand:
 * real {@code r = [-5.0, 1.4, 12.5, 2.7]} (mean 11.6/4 = 2.9), fake {@code f = [10.0, 4.4, -5.5, 3.6]}
 * (mean 12.5/4 = 3.125), as float32 columns in a manager of each test's own.
 */
abstract class WithSharedLogits {
    static final double[] REAL = {-5.0, 1.4, 12.5, 2.7};
    static final double[] FAKE = {10.0, 4.4, -5.5, 3.6};

    NDManager manager;
    NDArray real;
    NDArray fake;

    @BeforeEach
    void openLogits() {
        manager = NDManager.newBaseManager();
        real = column(REAL);
        fake = column(FAKE);
    }

    @AfterEach
    void closeLogits() {
        manager.close();
    }

    /** {@code values} as a float32 column {@code (n, 1)}. */
    NDArray column(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f, new Shape(values.length, 1));
    }
}
