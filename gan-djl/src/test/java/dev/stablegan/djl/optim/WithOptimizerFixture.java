package dev.stablegan.djl.optim;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Optimizer tests: a fresh {@link OptimizerFixture} and a manager for the optimizer's state in every test. */
abstract class WithOptimizerFixture {
    OptimizerFixture fixture;
    NDManager stateManager;

    @BeforeEach
    void openFixture() {
        fixture = new OptimizerFixture();
        stateManager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeFixture() {
        stateManager.close();
        fixture.close();
    }
}
