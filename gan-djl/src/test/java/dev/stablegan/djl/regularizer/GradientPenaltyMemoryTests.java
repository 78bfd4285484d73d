package dev.stablegan.djl.regularizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.stablegan.djl.engine.TorchInputGradients;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Memory soak, excluded from the default run: {@code -Dgroups=long}. */
@Tag("long")
class GradientPenaltyMemoryTests {

    /*
     * 600 steps on the DCGAN-size critic with batch 16, RSS sampled every 100 steps. The first 200 steps warm
     * up the allocator; after that a leak like JniUtils.backward(createGraph=true) (megabytes per step) would
     * add hundreds of MiB. The bound leaves room for the Java heap growing, which this fork does not fix.
     */
    @Test
    void residentMemoryStaysFlatOverManyPenaltySteps() {
        List<Double> resident;
        try (NDManager manager = NDManager.newBaseManager();
                TorchInputGradients gradients = TorchInputGradients.load(dev.stablegan.djl.Devices.defaultDevice())) {
            Block critic = GradientPenaltyMemoryBenchmark.dcganCritic();
            critic.initialize(manager, DataType.FLOAT32, new Shape(16, 3, 32, 32));
            resident = GradientPenaltyMemoryBenchmark.run(
                    manager, critic, new Shape(3, 32, 32), 16, gradients, 600, 100, System.out);
        }
        double afterWarmUp = resident.get(1);
        double atEnd = resident.get(resident.size() - 1);
        assertThat(atEnd - afterWarmUp).as("RSS growth in MiB over 400 steps, samples %s", resident).isLessThan(100);
    }
}
