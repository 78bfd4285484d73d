package dev.stablegan.djl.testing;

import ai.djl.ndarray.NDManager;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.engine.TorchInputGradients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that differentiate through the input-gradient module: one manager and one loaded module per class. */
public abstract class WithInputGradients {
    protected static NDManager manager;
    protected static TorchInputGradients gradients;

    @BeforeAll
    static void openInputGradients() {
        manager = NDManager.newBaseManager();
        gradients = TorchInputGradients.load(Devices.defaultDevice());
    }

    @AfterAll
    static void closeInputGradients() {
        gradients.close();
        manager.close();
    }
}
