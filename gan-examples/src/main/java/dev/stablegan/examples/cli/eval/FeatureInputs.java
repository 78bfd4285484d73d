package dev.stablegan.examples.cli.eval;

import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.features.Extraction;
import dev.stablegan.eval.features.FeatureExtractor;
import dev.stablegan.eval.features.FeatureExtractors;
import dev.stablegan.eval.features.ImageFolder;
import dev.stablegan.eval.features.RgbImage;
import dev.stablegan.eval.features.Sha256;
import dev.stablegan.eval.io.NpyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The two feature sets of {@code ./gan eval fid|kid|prdc}: each a {@code .npy} file (rows are samples) or a folder
 * of images turned into features by {@code --extractor}.
 */
public final class FeatureInputs {
    @Option(names = "--real", required = true, paramLabel = "PATH",
            description = "Real samples: a .npy file of a 2-D float32/float64 array (rows are samples) or a folder of PNG/JPEG"
                    + " images (with --extractor).")
    Path real;

    @Option(names = "--fake", required = true, paramLabel = "PATH", description = "Generated samples, in the same forms as --real.")
    Path fake;

    @Option(names = "--extractor", paramLabel = "NAME",
            description = "Feature network for image folders: lenet-mnist, lenet-fashion-mnist (shipped; 28x28 gray) or"
                    + " inception (with --inception-file).")
    String extractor;

    @Option(names = "--inception-file", paramLabel = "FILE",
            description = "The FID Inception TorchScript file inception-2015-12-05.pt (StyleGAN/clean-fid convention); not"
                    + " shipped.")
    Path inceptionFile;

    /** Both sets, loaded and checked, with what describes them. */
    record Loaded(FeatureMatrix real, FeatureMatrix fake, Map<String, Object> realInfo, Map<String, Object> fakeInfo,
            Map<String, Object> extractorInfo, String scoreSuffix) {}

    /**
     * Loads both sets; images go through the extractor (opened once).
     *
     * @throws IllegalArgumentException for a folder without {@code --extractor} or mismatched dimensions
     * @throws IOException when a file cannot be read, naming it
     */
    Loaded load(PrintWriter progress) throws IOException {
        boolean imagesGiven = Files.isDirectory(real) || Files.isDirectory(fake);
        if (imagesGiven && extractor == null) {
            throw new IllegalArgumentException("--extractor: " + (Files.isDirectory(real) ? real : fake)
                    + " is a folder of images; name the feature network that turns them into features (" + String.join(", ",
                            FeatureExtractors.NAMES) + ")");
        }
        if (!imagesGiven) {
            FeatureMatrix r = NpyFiles.read(real);
            FeatureMatrix f = NpyFiles.read(fake);
            r.requireSameDimension(f);
            return new Loaded(r, f, npyInfo(real, r), npyInfo(fake, f), null, null);
        }
        try (FeatureExtractor network = FeatureExtractors.open(extractor, inceptionFile)) {
            Side r = side(real, network, progress);
            Side f = side(fake, network, progress);
            r.features.requireSameDimension(f.features);
            return new Loaded(r.features, f.features, r.info, f.info, network.describe(), network.scoreSuffix());
        }
    }

    /**
     * Class probabilities of a folder of images for the Inception score, through {@code --extractor}.
     */
    static Extraction probabilities(Path folder, FeatureExtractor network, PrintWriter progress) throws IOException {
        List<RgbImage> images = ImageFolder.read(folder);
        progress.printf("eval: %d images of %s through %s ...%n", images.size(), folder, network.name());
        progress.flush();
        return network.extract(images);
    }

    private record Side(FeatureMatrix features, Map<String, Object> info) {}

    private static Side side(Path path, FeatureExtractor network, PrintWriter progress) throws IOException {
        if (!Files.isDirectory(path)) {
            FeatureMatrix m = NpyFiles.read(path);
            Map<String, Object> info = npyInfo(path, m);
            info.put("note", "features given as .npy, taken to come from " + network.name());
            return new Side(m, info);
        }
        Extraction e = probabilities(path, network, progress);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", path.toString());
        info.put("kind", "images");
        info.put("samples", e.features().rows());
        return new Side(new FeatureMatrix(path.toString(), e.features().rows(), e.features().cols(), e.features().values()), info);
    }

    static Map<String, Object> npyInfo(Path path, FeatureMatrix m) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", path.toString());
        info.put("kind", "npy");
        info.put("samples", m.rows());
        info.put("sha256", Sha256.of(path));
        return info;
    }
}
