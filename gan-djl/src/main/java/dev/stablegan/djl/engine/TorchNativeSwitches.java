package dev.stablegan.djl.engine;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and sets three process-wide switches of the libtorch the PyTorch engine loaded, through JNA (Linux only):
 *
 * <ul>
 *   <li>{@code c10}'s CPU allocator zero fill, the flag {@code FLAGS_caffe2_cpu_allocator_do_zero_fill} of
 *       {@code libc10.so}: when set, every CPU allocation of libtorch (tensors, and oneDNN's reordered weights, which
 *       it allocates through the same allocator) is filled with zeros before use;
 *   <li>oneDNN (MKL-DNN) CPU kernels, {@code at::globalContext().setUserEnabledMkldnn(bool)}, the switch behind
 *       Python's {@code torch.backends.mkldnn.enabled};
 *   <li>NNPACK convolutions, {@code at::globalContext().setUserEnabledNNPACK(bool)}.
 * </ul>
 *
 * <p>Why it exists: libtorch 2.7.1's oneDNN backward-data convolution pads the weights of layers whose channel counts
 * are not a multiple of 16 (8 on AVX2) into a freshly allocated buffer and multiplies the never-written padding by
 * zero, so leftover NaN or Inf bytes turn input gradients into NaN at random ({@code docs/onednn-convolution-bug.md}).
 * {@code EngineSetup.guardNativeMemory()} chooses among these switches; nothing else should set them.
 *
 * <p>The context functions are C++ members of {@code at::Context} (Itanium ABI: {@code this} first), exported by
 * {@code libtorch_cpu.so}; the libraries are found in {@code /proc/self/maps}, wherever DJL unpacked them.
 */
public final class TorchNativeSwitches {
    private static final String TORCH = "libtorch_cpu.so";
    private static final String C10 = "libc10.so";
    private static final String ZERO_FILL = "FLAGS_caffe2_cpu_allocator_do_zero_fill";
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String GET_MKLDNN = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private TorchNativeSwitches() {}

    /** Whether this process can reach the switches: Linux with libtorch's CPU libraries loaded. */
    public static boolean available() {
        return loaded(TORCH).isPresent() && loaded(C10).isPresent();
    }

    /** Whether libtorch's CPU allocator fills new memory with zeros. */
    public static synchronized boolean zeroFill() {
        return zeroFillFlag().getByte(0) != 0;
    }

    /** Makes libtorch's CPU allocator fill every new block with zeros (or stop doing so), from the next allocation on. */
    public static synchronized void setZeroFill(boolean enabled) {
        zeroFillFlag().setByte(0, (byte) (enabled ? 1 : 0));
    }

    /** Whether libtorch may use oneDNN for CPU convolutions. */
    public static synchronized boolean oneDnn() {
        NativeLibrary torch = library(TORCH);
        return (torch.getFunction(GET_MKLDNN).invokeInt(new Object[] {context(torch)}) & 0xff) != 0;
    }

    /** Turns oneDNN CPU kernels on or off, from the next operator on (backward passes included). */
    public static synchronized void setOneDnn(boolean enabled) {
        NativeLibrary torch = library(TORCH);
        torch.getFunction(SET_MKLDNN).invokeVoid(new Object[] {context(torch), enabled ? 1 : 0});
    }

    /**
     * Turns NNPACK convolutions on or off. With oneDNN off libtorch tries NNPACK for stride-1 convolutions of 16 or more
     * examples, and prints a warning per call on CPUs it does not support.
     */
    public static synchronized void setNnpack(boolean enabled) {
        NativeLibrary torch = library(TORCH);
        torch.getFunction(SET_NNPACK).invokeVoid(new Object[] {context(torch), enabled ? 1 : 0});
    }

    /**
     * The folder name of the loaded libtorch, which names its version and flavour, such as
     * {@code 2.7.1-20250812-cpu-linux-x86_64} ({@code cpu}: no CUDA) or {@code 2.5.1-cu124-linux-x86_64}.
     */
    public static Optional<String> nativeFolder() {
        return loaded(TORCH).map(p -> p.getParent().getFileName().toString());
    }

    private static Pointer context(NativeLibrary torch) {
        return torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
    }

    private static Pointer zeroFillFlag() {
        return library(C10).getGlobalVariableAddress(ZERO_FILL);
    }

    private static NativeLibrary library(String name) {
        Path path = loaded(name).orElseThrow(() -> new IllegalStateException("TorchNativeSwitches: " + name
                + " is not loaded in this process (load the PyTorch engine first; only Linux is supported)"));
        return NativeLibrary.getInstance(path.toString());
    }

    /** The path of a loaded library, from {@code /proc/self/maps}; empty where that file does not exist. */
    static Optional<Path> loaded(String name) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(maps).stream()
                    .filter(line -> line.endsWith("/" + name) && line.indexOf('/') >= 0)
                    .map(line -> Path.of(line.substring(line.indexOf('/'))))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + maps, e);
        }
    }
}
