package dev.stablegan.djl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.djl.testing.PoisonedAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The guard against libtorch 2.7.1's oneDNN convolution bug (docs/onednn-convolution-bug.md): the build runs every test
 * under an allocator that fills fresh memory with NaN bytes, and the training paths switch oneDNN off.
 */
class OneDnnConvolutionsTests {

    @Test
    void theTestsRunUnderThePoisonedAllocator() {
        assumeTrue(PoisonedAllocator.preloaded().isPresent(), PoisonedAllocator::whyNot);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] fresh = manager.create(new Shape(4096)).toFloatArray(); // torch::empty: never written
            assertThat(nonFinite(fresh)).as("NaN values in uninitialised libtorch memory under %s",
                    PoisonedAllocator.preloaded().get()).isEqualTo(fresh.length);
        }
    }

    @Test
    void safeConvolutionsSwitchesOneDnnOffAndSaysSo() {
        String kernels = EngineSetup.safeConvolutions();
        assumeTrue(OneDnnConvolutions.available(), "no libtorch_cpu.so in /proc/self/maps (not Linux)");
        assertThat(OneDnnConvolutions.enabled()).isFalse();
        assertThat(kernels).contains("oneDNN off");
        assertThat(EngineSetup.describeEngine()).contains("CPU convolutions: libtorch native");
    }

    /**
     * The minimal case of the upstream bug: input gradient of a 3x3 convolution, 3 input and 8 output channels, batch 2.
     * With oneDNN on, its AVX-512 (or AVX2) backward-data kernel pads the weights into a fresh buffer and reads the unwritten
     * padding, NaN under the poisoned allocator; libtorch's own kernel gives finite gradients. If the first half ever
     * fails, a fixed libtorch has arrived and the workaround can go (say so in docs/onednn-convolution-bug.md).
     */
    @Test
    void withOneDnnOnTheInputGradientReadsUninitialisedMemory() throws IOException {
        assumeTrue(PoisonedAllocator.preloaded().isPresent(), PoisonedAllocator::whyNot);
        EngineSetup.safeConvolutions();
        assumeTrue(OneDnnConvolutions.available(), "no libtorch_cpu.so in /proc/self/maps (not Linux)");
        assumeTrue(vectorExtensions(), "the CPU has neither AVX-512 nor AVX2, whose oneDNN kernels pad the weights");
        try {
            OneDnnConvolutions.setEnabled(true);
            assertThat(nonFinite(inputGradient())).as("non-finite values of oneDNN's input gradient under the poisoned allocator")
                    .isPositive();
        } finally {
            OneDnnConvolutions.setEnabled(false);
        }
        assertThat(nonFinite(inputGradient())).as("non-finite values of libtorch's own kernel's input gradient").isZero();
    }

    private static float[] inputGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(2, 3, 8, 8));
            NDArray w = manager.randomNormal(new Shape(8, 3, 3, 3));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                collector.backward(y.sum());
            }
            return x.getGradient().toFloatArray();
        }
    }

    private static int nonFinite(float[] values) {
        int n = 0;
        for (float v : values) {
            n += Float.isFinite(v) ? 0 : 1;
        }
        return n;
    }

    private static boolean vectorExtensions() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return false;
        }
        String flags = Files.readString(cpuinfo);
        return flags.contains(" avx512f") || flags.contains(" avx2");
    }
}
