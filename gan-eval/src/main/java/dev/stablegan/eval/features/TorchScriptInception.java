package dev.stablegan.eval.features;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import dev.stablegan.djl.Devices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FID Inception-v3 network from a TorchScript file the user supplies, the only class of gan-eval that calls
 * PyTorch-engine internals (TorchScript methods with keyword-like arguments).
 *
 * <p>The expected file is the TorchScript translation of TensorFlow's {@code inception-2015-12-05} graph that
 * StyleGAN2-ADA, StyleGAN3 and clean-fid use ({@code inception-2015-12-05.pt}). Its
 * {@code forward(img, return_features=False, use_fp16=False, no_output_bias=False)} takes uint8 RGB images
 * {@code (N, 3, H, W)} of any size and resizes them itself to 299 x 299 the way the TensorFlow graph did
 * (bilinear, as {@code tf.image.resize_bilinear}); this class passes the images at their own size so that the
 * reference resize is the one applied. {@code return_features=True} gives the 2048-d pool features (FID, KID,
 * PRDC); otherwise it gives softmax probabilities over 1008 classes, taken with {@code no_output_bias=True} for
 * the Inception score as the original TensorFlow code computed it. No weights ship with this project (none
 * can be downloaded here); without the real file, scores cannot be set beside published Inception numbers.
 */
public final class TorchScriptInception implements FeatureExtractor {
    public static final int FEATURE_DIM = 2048;
    public static final int CLASSES = 1008;
    /** Images per forward call. */
    static final int BATCH = 50;

    private final Path file;
    private final String sha256;
    private final NDManager manager;
    private final PtSymbolBlock module;

    private TorchScriptInception(Path file, String sha256, NDManager manager, PtSymbolBlock module) {
        this.file = file;
        this.sha256 = sha256;
        this.manager = manager;
        this.module = module;
    }

    /**
     * Loads the TorchScript file.
     *
     * @throws IOException when the file is missing or unreadable, naming it
     * @throws IllegalArgumentException when it is not a TorchScript module, naming it
     */
    public static TorchScriptInception load(Path file) throws IOException {
        return load(file, Devices.defaultDevice());
    }

    /**
     * Loads the module in {@code file} onto {@code device}.
     *
     * @throws IOException when the file is missing or unreadable, naming it
     * @throws IllegalArgumentException when it is not a TorchScript module, naming it
     */
    public static TorchScriptInception load(Path file, Device device) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such TorchScript file (pass the FID Inception"
                    + " inception-2015-12-05.pt)");
        }
        String sha256 = Sha256.of(file);
        NDManager manager = Devices.newManager(device);
        try {
            if (!(manager instanceof PtNDManager pt)) {
                throw new IllegalStateException("TorchScript needs the PyTorch engine, not " + manager.getEngine().getEngineName());
            }
            PtSymbolBlock module;
            try (InputStream in = Files.newInputStream(file)) {
                module = JniUtils.loadModule(pt, in, true, false);
            } catch (EngineException e) {
                throw new IllegalArgumentException(file + ": not a TorchScript module that libtorch can load (" + firstLine(e) + ")", e);
            }
            JniUtils.enableInferenceMode(module);
            return new TorchScriptInception(file, sha256, manager, module);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "inception";
    }

    @Override
    public String scoreSuffix() {
        return "Inception";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("file", file.toString());
        m.put("sha256", sha256);
        m.put("input", "uint8 RGB (N, 3, H, W) at the images' own size");
        m.put("resize", "to 299x299 inside the TorchScript module (the TensorFlow graph's bilinear resize)");
        m.put("features", "pool_3, " + FEATURE_DIM + "-d (return_features=True)");
        m.put("probabilities", CLASSES + " classes, softmax without the output bias (no_output_bias=True)");
        return m;
    }

    @Override
    public Extraction extract(List<RgbImage> images) {
        String who = file + " (is it the FID Inception, inception-2015-12-05.pt?)";
        return BatchedExtraction.run(who, name(), images, BATCH, FEATURE_DIM, CLASSES, manager, (step, batch) -> {
            PtNDArray pixels = (PtNDArray) step.create(ImageTensors.nchw(batch), ImageTensors.shape(batch)).toType(DataType.UINT8, false);
            return new NDArray[] {call(step, pixels, true), call(step, pixels, false)};
        });
    }

    private NDArray call(NDManager step, PtNDArray batch, boolean returnFeatures) {
        IValue img = IValue.from(batch);
        IValue features = IValue.from(returnFeatures);
        IValue fp16 = IValue.from(false);
        IValue noBias = IValue.from(!returnFeatures);
        try (IValue out = module.forward(img, features, fp16, noBias)) {
            if (!out.isTensor()) {
                throw new IllegalArgumentException(file + ": forward returned " + out.getType() + ", not a tensor; is this the FID"
                        + " Inception (inception-2015-12-05.pt)?");
            }
            NDArray result = out.toTensor((PtNDManager) step);
            result.attach(step);
            return result;
        } catch (EngineException e) {
            throw new IllegalArgumentException(file + ": forward(img, return_features=" + returnFeatures + ") failed: " + firstLine(e),
                    e);
        } finally {
            img.close();
            features.close();
            fp16.close();
            noBias.close();
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
