package dev.stablegan.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RunProvenance;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.nn.Networks;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generator loaded from a training checkpoint, for applications that only draw samples: no critic, no
 * optimizer, no training code runs. {@code x = G(z)}, {@code z ~ N(0, I)} drawn from a seeded stream.
 *
 * <pre>{@code
 * try (TrainedGenerator g = TrainedGenerator.load(Path.of("run/checkpoint.ckpt"))) {
 *     float[][] points = g.sample(1000, 42L);
 * }
 * }</pre>
 */
public final class TrainedGenerator implements AutoCloseable, SampleSource {
    private final GanSpec spec;
    private final long step;
    private final NDManager manager;
    private final Block generator;
    private final ParameterStore store;

    private final RunProvenance provenance;

    private TrainedGenerator(GanSpec spec, long step, RunProvenance provenance, NDManager manager, Block generator) {
        this.spec = spec;
        this.step = step;
        this.provenance = provenance;
        this.manager = manager;
        this.generator = generator;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Loads the generator stored in {@code checkpoint}.
     *
     * @throws IOException naming the file when it is missing, truncated, foreign or does not fit its spec
     */
    public static TrainedGenerator load(Path checkpoint) throws IOException {
        return load(checkpoint, Devices.defaultDevice());
    }

    /**
     * Loads the generator stored in {@code checkpoint} onto {@code device}; a checkpoint holds no device, so one written
     * on a GPU loads on the CPU and the other way round.
     *
     * @throws IOException naming the file when it is missing, truncated, foreign, non-finite or does not fit its spec
     */
    public static TrainedGenerator load(Path checkpoint, Device device) throws IOException {
        CheckpointFile.Contents contents = CheckpointFile.read(checkpoint);
        GanSpec spec;
        long step;
        RunProvenance provenance;
        try {
            JsonObject meta = JsonParser.parseString(contents.metadataJson()).getAsJsonObject();
            spec = SpecJson.fromJson(meta.getAsJsonObject("spec"));
            step = meta.get("step").getAsLong();
            provenance = DjlGanTrainer.provenanceOf(meta);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + checkpoint + ": unreadable metadata: " + e.getMessage(), e);
        }
        NDManager manager = Devices.newManager(device);
        Block generator;
        try (DataInputStream in = contents.bodyStream()) {
            generator = DjlGanTrainer.generatorWithReference(spec, manager);
            Networks.initialize(generator, spec.generator(), manager);
            generator.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException | IOException | RuntimeException e) {
            manager.close();
            throw CheckpointFile.unfitBody(checkpoint, "generator parameters", e);
        }
        try {
            FiniteValues.requireFiniteParameters(generator, "generator", "checkpoint " + checkpoint + ": refused");
        } catch (NonFiniteValuesException e) {
            manager.close();
            throw new IOException(e.getMessage(), e);
        }
        return new TrainedGenerator(spec, step, provenance, manager, generator);
    }

    public GanSpec spec() {
        return spec;
    }

    /** Where the checkpoint's run came from, as it recorded it ({@link RunProvenance#EMPTY} for files without any). */
    public RunProvenance provenance() {
        return provenance;
    }

    /** The generator step the checkpoint was written at. */
    public long step() {
        return step;
    }

    /** Samples as an array of shape {@code [count, outputShape...]} on {@code target}. */
    public NDArray sample(NDManager target, int count, long seed) {
        return sample(target, new RandomStream(seed), count);
    }

    /**
     * {@code count} samples from the next latent vectors of {@code random}: draws of a few samples at a time from one
     * stream equal one draw of their total (the generator runs in inference mode, where a sample does not depend on
     * the others of its batch), so a large count can be made in parts.
     */
    @Override
    public NDArray sample(NDManager target, RandomStream random, int count) {
        SpecChecks.atLeast("count", count, 1);
        int latent = spec.latentDim();
        NDArray z = target.create(random.gaussians(Math.multiplyExact(count, latent)), new Shape(count, latent));
        return generator.forward(store, new NDList(z), false).singletonOrThrow();
    }

    /** The manager holding the generator's parameters; draws make their temporary managers under it. */
    @Override
    public NDManager manager() {
        return manager;
    }

    /** The next {@code count} samples of {@code random}, flattened one after another (see {@link #sample(NDManager, RandomStream, int)}). */
    public float[] sampleValues(RandomStream random, int count) {
        try (NDManager scope = manager.newSubManager()) {
            return sample(scope, random, count).toFloatArray();
        }
    }

    /**
     * {@code count} generated images, for a generator of images (output {@code [channels, height, width]} with 1 or 3
     * channels, values in {@code [-1, 1]} as its tanh gives, mapped to 0..255 and clipped).
     *
     * @throws IllegalArgumentException when the generator does not make images, or {@code count < 1}
     */
    public List<BufferedImage> sampleImages(int count, long seed) {
        long[] shape = spec.generator().outputShape();
        if (shape.length != 3 || (shape[0] != 1 && shape[0] != 3)) {
            throw new IllegalArgumentException("sampleImages: the generator makes " + NetworkSpec.describe(shape)
                    + ", not images of 1 or 3 channels; use sample(count, seed)");
        }
        int channels = (int) shape[0];
        int height = (int) shape[1];
        int width = (int) shape[2];
        float[] values = sampleValues(new RandomStream(seed), count);
        List<BufferedImage> images = new ArrayList<>(count);
        int plane = height * width;
        for (int n = 0; n < count; n++) {
            BufferedImage image = new BufferedImage(width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            int base = n * channels * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    if (channels == 1) {
                        int g = toByte(values[base + i]);
                        image.getRaster().setSample(x, y, 0, g);
                    } else {
                        image.setRGB(x, y, toByte(values[base + i]) << 16 | toByte(values[base + plane + i]) << 8
                                | toByte(values[base + 2 * plane + i]));
                    }
                }
            }
            images.add(image);
        }
        return images;
    }

    /** {@code [-1, 1]} to {@code 0..255}, clipped. */
    static int toByte(float v) {
        return (int) Math.round(Math.max(0, Math.min(255, (v + 1) * 127.5)));
    }

    /** Samples flattened to one row per sample. */
    public float[][] sample(int count, long seed) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = sample(scope, count, seed);
            int width = Math.toIntExact(x.size() / count);
            float[] flat = x.toFloatArray();
            float[][] rows = new float[count][width];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * width, rows[i], 0, width);
            }
            return rows;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
