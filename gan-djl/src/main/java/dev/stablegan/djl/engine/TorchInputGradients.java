package dev.stablegan.djl.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
 * Input gradients on the PyTorch engine, computed by a small TorchScript module that calls
 * {@code torch.autograd.grad(output.sum(), input, create_graph=True)} inside libtorch.
 *
 * <p>This is the only production class that touches PyTorch-engine internals (a test benchmark also does, to
 * compare with the leaking alternative). The module is made by
 * {@code scripts/make_input_gradient_module.py}. It is run in training mode ({@code isTrain=true}), so DJL
 * does not wrap the call in a no-grad guard and the returned gradient stays in the autograd graph; the
 * ambient grad mode, which a DJL {@code GradientCollector} switches on, must be on as well. The gradient is
 * attached to the manager of {@code output}. Unlike {@code JniUtils.backward(..., createGraph=true)}, this
 * does not grow native memory from step to step.
 *
 * <p>Load once and reuse: the module has no parameters or state. Close it to free the native module.
 */
public final class TorchInputGradients implements InputGradients {

    private static final String MODULE_RESOURCE = "input_gradient.pt";

    private final NDManager moduleManager;
    private final PtSymbolBlock module;

    private TorchInputGradients(NDManager moduleManager, PtSymbolBlock module) {
        this.moduleManager = moduleManager;
        this.module = module;
    }

    /**
     * Loads the TorchScript module from the class path onto {@code device}.
     *
     * @throws IllegalStateException if the default engine is not PyTorch
     * @throws UncheckedIOException if the module cannot be read
     */
    public static TorchInputGradients load(Device device) {
        NDManager manager = Devices.newManager(device);
        try {
            if (!(manager instanceof PtNDManager ptManager)) {
                throw new IllegalStateException(
                        "TorchInputGradients needs the PyTorch engine, but the default engine is "
                                + manager.getEngine().getEngineName());
            }
            return new TorchInputGradients(manager, loadModule(ptManager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static PtSymbolBlock loadModule(PtNDManager manager) {
        try (InputStream in = TorchInputGradients.class.getResourceAsStream(MODULE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing class-path resource " + MODULE_RESOURCE);
            }
            return JniUtils.loadModule(manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + MODULE_RESOURCE, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if autograd is not recording (no open {@code GradientCollector})
     * @throws IllegalArgumentException if an array does not belong to the PyTorch engine
     */
    @Override
    public NDArray gradient(NDArray output, NDArray input) {
        requirePyTorch(output, "output");
        requirePyTorch(input, "input");
        if (!JniUtils.isGradMode()) {
            throw new IllegalStateException(
                    "Input gradients need autograd recording: call inside a GradientCollector");
        }
        // DJL reads array names as structure hints ("a.b" -> dict, "x[]" -> list); unnamed arrays are
        // plain tensor arguments, so hide the names for the duration of the call.
        String outputName = output.getName();
        String inputName = input.getName();
        output.setName(null);
        input.setName(null);
        try {
            // The result lands in the manager of the first argument, output.
            return IValueUtils.forward(module, new NDList(output, input), true).singletonOrThrow();
        } finally {
            output.setName(outputName);
            input.setName(inputName);
        }
    }

    private static void requirePyTorch(NDArray array, String name) {
        if (!(array instanceof PtNDArray)) {
            throw new IllegalArgumentException(
                    name + " must be a PyTorch-engine array, not " + array.getClass().getName());
        }
    }

    @Override
    public void close() {
        module.close();
        moduleManager.close();
    }
}
