package dev.stablegan.djl.engine;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and sets libtorch's switch for oneDNN (MKL-DNN) CPU kernels, the switch behind Python's
 * {@code torch.backends.mkldnn.enabled}: {@code at::globalContext().userEnabledMkldnn()} and
 * {@code setUserEnabledMkldnn(bool)}, called through JNA on the {@code libtorch_cpu} the engine loaded.
 *
 * <p>Why it exists: libtorch 2.7.1's oneDNN {@code jit:avx512_core} (and {@code avx2}) backward-data convolution
 * pads the weights of layers whose channel counts are not a multiple of 16 (8 on AVX2) into a freshly allocated
 * buffer and multiplies the never-written padding by zero, so leftover NaN or Inf bytes there turn input gradients
 * into NaN at random ({@code docs/onednn-convolution-bug.md}). With the switch off, libtorch convolves through its
 * own kernels (im2col + GEMM), which read only memory they wrote. {@code EngineSetup.safeConvolutions()} decides
 * whether to turn it off; nothing else should call {@link #setEnabled}.
 *
 * <p>The two entry points are C++ member functions of {@code at::Context} (Itanium ABI: {@code this} first),
 * exported by {@code libtorch_cpu.so} on Linux; the library is found in {@code /proc/self/maps}, so wherever
 * DJL unpacked it.
 */
public final class OneDnnConvolutions {
    private static final String LIBRARY = "libtorch_cpu.so";
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK_ENABLED = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private OneDnnConvolutions() {}

    /** Whether this process can reach the switch: Linux with libtorch's CPU library loaded. */
    public static boolean available() {
        return loadedLibrary().isPresent();
    }

    /**
     * Whether libtorch may use oneDNN for CPU convolutions.
     *
     * @throws IllegalStateException when {@link #available()} is false
     */
    public static synchronized boolean enabled() {
        NativeLibrary torch = library();
        Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
        return (torch.getFunction(IS_ENABLED).invokeInt(new Object[] {context}) & 0xff) != 0;
    }

    /**
     * Turns oneDNN CPU kernels on or off for the whole process, from the next operator on.
     *
     * @throws IllegalStateException when {@link #available()} is false
     */
    public static synchronized void setEnabled(boolean enabled) {
        NativeLibrary torch = library();
        Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
        torch.getFunction(SET_ENABLED).invokeVoid(new Object[] {context, enabled ? 1 : 0});
    }

    /**
     * Turns libtorch's NNPACK convolutions on or off. With oneDNN off, libtorch would try NNPACK for stride-1
     * convolutions of 16 or more examples (and print a warning per call on CPUs it does not support); off, every CPU
     * convolution takes the same im2col + GEMM path.
     *
     * @throws IllegalStateException when {@link #available()} is false
     */
    public static synchronized void setNnpackEnabled(boolean enabled) {
        NativeLibrary torch = library();
        Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
        torch.getFunction(SET_NNPACK_ENABLED).invokeVoid(new Object[] {context, enabled ? 1 : 0});
    }

    private static NativeLibrary library() {
        Path path = loadedLibrary().orElseThrow(() -> new IllegalStateException(
                "OneDnnConvolutions: " + LIBRARY + " is not loaded in this process (load the PyTorch engine first;"
                        + " only Linux is supported)"));
        return NativeLibrary.getInstance(path.toString());
    }

    /** The path of the loaded {@code libtorch_cpu.so}, from {@code /proc/self/maps}; empty elsewhere. */
    static Optional<Path> loadedLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(maps).stream()
                    .filter(line -> line.endsWith("/" + LIBRARY) && line.indexOf('/') >= 0)
                    .map(line -> Path.of(line.substring(line.indexOf('/'))))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + maps, e);
        }
    }
}
