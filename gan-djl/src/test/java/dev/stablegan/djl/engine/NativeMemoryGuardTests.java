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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard against libtorch 2.7.1's oneDNN convolution bug (docs/onednn-convolution-bug.md): the build runs every test
 * under an allocator that fills fresh memory with NaN bytes, and the training paths make libtorch zero-fill its CPU
 * allocations. Each test leaves the switches as the guard sets them.
 */
class NativeMemoryGuardTests {

    @BeforeEach
    void guard() {
        EngineSetup.guardNativeMemory();
        assumeTrue(TorchNativeSwitches.available(), "no libtorch_cpu.so / libc10.so in /proc/self/maps (not Linux)");
    }

    @Test
    void theTestsRunUnderThePoisonedAllocator() {
        assumeTrue(PoisonedAllocator.preloaded().isPresent(), PoisonedAllocator::whyNot);
        try {
            TorchNativeSwitches.setZeroFill(false);
            float[] fresh = freshMemory();
            assertThat(nonFinite(fresh)).as("NaN values in uninitialised libtorch memory under %s",
                    PoisonedAllocator.preloaded().get()).isEqualTo(fresh.length);
        } finally {
            TorchNativeSwitches.setZeroFill(true);
        }
    }

    @Test
    void theDefaultGuardZeroFillsLibtorchMemoryAndSaysSo() {
        assertThat(TorchNativeSwitches.zeroFill()).isTrue();
        assertThat(TorchNativeSwitches.oneDnn()).as("oneDNN stays on").isTrue();
        float[] fresh = freshMemory();
        assertThat(fresh).containsOnly(0f);
        assertThat(EngineSetup.describeEngine()).contains("native-memory guard: zero-fill");
    }

    /**
     * The minimal case of the upstream bug: input gradient of a 3x3 convolution, 3 input and 8 output channels, batch 2.
     * oneDNN's AVX-512 (or AVX2) backward-data kernel pads the weights into a fresh buffer from libtorch's allocator and
     * reads the unwritten padding: NaN under the poisoned allocator, unless the allocator zero-fills; libtorch's own kernel
     * (oneDNN off) is finite either way. If the first assertion ever fails, a fixed libtorch has arrived and the guard can
     * go (say so in docs/onednn-convolution-bug.md).
     */
    @Test
    void oneDnnReadsUnwrittenPaddingUnlessTheAllocatorZeroFills() throws IOException {
        assumeTrue(PoisonedAllocator.preloaded().isPresent(), PoisonedAllocator::whyNot);
        assumeTrue(vectorExtensions(), "the CPU has neither AVX-512 nor AVX2, whose oneDNN kernels pad the weights");
        try {
            TorchNativeSwitches.setZeroFill(false);
            assertThat(nonFinite(inputGradient())).as("non-finite values of oneDNN's input gradient, no zero fill").isPositive();
            TorchNativeSwitches.setOneDnn(false);
            assertThat(nonFinite(inputGradient())).as("non-finite values of libtorch's own kernel's input gradient").isZero();
        } finally {
            TorchNativeSwitches.setOneDnn(true);
            TorchNativeSwitches.setZeroFill(true);
        }
        assertThat(nonFinite(inputGradient())).as("non-finite values of oneDNN's input gradient, zero fill").isZero();
    }

    private static float[] freshMemory() {
        try (NDManager manager = NDManager.newBaseManager()) {
            return manager.create(new Shape(4096)).toFloatArray(); // torch::empty: never written
        }
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
