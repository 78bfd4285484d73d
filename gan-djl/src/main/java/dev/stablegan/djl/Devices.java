package dev.stablegan.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.stablegan.djl.engine.TorchNativeSwitches;
import java.util.Locale;

/**
 * Resolves where tensors live: the one class of the library that names a device or makes a base {@link NDManager}
 * (a source scan in the tests keeps it so). A run resolves its device once, {@code auto}, {@code cpu}, {@code cuda} or
 * {@code cuda:N}, and every manager, parameter, optimizer state, TorchScript module and batch of the run is made from
 * {@link #newManager(Device)} on it; data and noise are built on the host and copied to the device once per batch.
 *
 * <p>The process default ({@link #defaultDevice()}) is {@link #DEVICE_PROPERTY} or, when unset, the CPU: library code
 * that is not given a device uses it, the command line sets it from {@code --device}, and the test suite from
 * {@code -Dstablegan.device=cuda} ({@code scripts/gpu-check}).
 */
public final class Devices {
    /** System property naming the process's default device: auto, cpu, cuda or cuda:N (default cpu). */
    public static final String DEVICE_PROPERTY = "stablegan.device";

    private static volatile Device chosenDefault;

    private Devices() {}

    /**
     * The device {@code name} names on the loaded PyTorch engine: {@code auto} is the first CUDA device when the engine
     * has one, else the CPU; {@code cuda} (or {@code gpu}) is CUDA device 0; {@code cuda:N} device N.
     *
     * @throws IllegalArgumentException for an unknown name, or a CUDA device the engine does not have (the message names
     *     the device, the engine's native flavour and the {@code -Pcuda} build)
     */
    public static Device resolve(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        if (n.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (n.equals("cuda") || n.equals("gpu")) {
            index = 0;
        } else if (n.matches("(cuda|gpu):[0-9]{1,4}")) {
            index = Integer.parseInt(n.substring(n.indexOf(':') + 1));
        } else {
            throw new IllegalArgumentException("device: expected auto, cpu, cuda or cuda:N, got '" + name + "'");
        }
        if (index >= gpus) {
            throw new IllegalArgumentException("device '" + name + "': " + (gpus == 0
                    ? "this engine has no CUDA device (" + describeEngineNatives(engine) + "). Build with -Pcuda (the CUDA"
                            + " natives; README, section GPU) and run on a machine with an NVIDIA GPU and its driver;"
                            + " --device auto falls back to the CPU"
                    : "this engine has " + gpus + " CUDA device(s), numbered from 0"));
        }
        return Device.gpu(index);
    }

    /** The process default: set by {@link #setDefault}, else {@link #DEVICE_PROPERTY}, else the CPU. */
    public static Device defaultDevice() {
        Device d = chosenDefault;
        if (d == null) {
            d = resolve(System.getProperty(DEVICE_PROPERTY, "cpu"));
            chosenDefault = d;
        }
        return d;
    }

    /** Makes {@code device} the process default (the command line's {@code --device}). */
    public static void setDefault(Device device) {
        chosenDefault = device;
    }

    /** A base manager on {@code device}; the PyTorch engine's native-memory guard is applied first. */
    public static NDManager newManager(Device device) {
        EngineSetup.guardNativeMemory();
        return NDManager.newBaseManager(device, "PyTorch");
    }

    /**
     * A base manager on the host, for work that is host-side by design: float64 metric linear algebra on features
     * already read back, and decoding data before it is copied to the run's device.
     */
    public static NDManager newHostManager() {
        return newManager(Device.cpu());
    }

    /** {@code "cpu"} or {@code "cuda:0 (CUDA 12.4, compute capability 90, 139.8 GiB)"}, for provenance. */
    public static String describe(Device device) {
        if (!device.isGpu()) {
            return "cpu";
        }
        StringBuilder out = new StringBuilder("cuda:" + device.getDeviceId());
        try {
            out.append(" (CUDA ").append(ai.djl.util.cuda.CudaUtils.getCudaVersionString())
                    .append(", compute capability ").append(ai.djl.util.cuda.CudaUtils.getComputeCapability(device.getDeviceId()))
                    .append(", ").append(String.format(Locale.ROOT, "%.1f GiB",
                            ai.djl.util.cuda.CudaUtils.getGpuMemory(device).getMax() / (double) (1L << 30)))
                    .append(')');
        } catch (RuntimeException | LinkageError e) {
            out.append(" (no CUDA details: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    private static String describeEngineNatives(Engine engine) {
        return engine.getEngineName() + " " + engine.getVersion() + " on DJL " + Engine.getDjlVersion() + ", natives "
                + TorchNativeSwitches.nativeFolder().orElse("not found");
    }
}
