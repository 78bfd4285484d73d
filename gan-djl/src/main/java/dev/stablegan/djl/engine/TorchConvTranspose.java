package dev.stablegan.djl.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.stablegan.djl.Devices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The transposed 2-D convolution as one libtorch operator, {@code torch.conv_transpose2d}, called through a small
 * TorchScript module ({@code scripts/make_conv_transpose_module.py}) because DJL's PyTorch engine has none. Autograd
 * runs through it as through any operator. One module serves the process: it has no parameters, and its result is
 * attached to the manager of the input. The geometry it reads as numbers is a host tensor, so a call on a GPU reads
 * nothing back from the device.
 */
public final class TorchConvTranspose {
    private static final String MODULE_RESOURCE = "conv_transpose2d.pt";
    private static PtSymbolBlock module;
    /** The host manager the module lives in; the geometry goes there too, so reading it back never waits on a GPU. */
    private static NDManager host;

    private TorchConvTranspose() {}

    /** Whether {@link #apply} can run on {@code x}: a PyTorch-engine array. */
    public static boolean supports(NDArray x) {
        return x instanceof PtNDArray;
    }

    /**
     * {@code conv_transpose2d(x, w, b)}: {@code x} {@code [N, C, H, W]}, {@code w} {@code [C, O, kH, kW]}, {@code b}
     * {@code [O]} or {@code null}; the geometry as PyTorch's arguments of the same names.
     */
    public static NDArray apply(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding, Shape outPadding) {
        NDManager scope = x.getManager();
        PtSymbolBlock conv = module();
        NDArray geometry;
        synchronized (TorchConvTranspose.class) {
            geometry = host.create(new long[] {stride.get(0), stride.get(1), padding.get(0), padding.get(1), outPadding.get(0),
                outPadding.get(1)});
        }
        NDArray bias = b != null ? b : scope.zeros(new Shape(0), x.getDataType());
        NDArray[] args = {x, w, bias, geometry};
        // DJL reads array names as structure hints ("a.b" -> dict, "x[]" -> list): hide them during the call.
        String[] names = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            names[i] = args[i].getName();
            args[i].setName(null);
        }
        try {
            return IValueUtils.forward(conv, new NDList(args), true).singletonOrThrow();
        } finally {
            for (int i = 0; i < args.length; i++) {
                args[i].setName(names[i]);
            }
            geometry.close();
            if (b == null) {
                bias.close();
            }
        }
    }

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            NDManager manager = Devices.newHostManager();
            try (InputStream in = TorchConvTranspose.class.getResourceAsStream(MODULE_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing class-path resource " + MODULE_RESOURCE);
                }
                module = JniUtils.loadModule((PtNDManager) manager, in, true, false);
                host = manager;
            } catch (IOException e) {
                manager.close();
                throw new UncheckedIOException("Cannot read " + MODULE_RESOURCE, e);
            }
        }
        return module;
    }
}
