package dev.stablegan.eval.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The feature networks users can name with {@code --extractor}. */
public final class FeatureExtractors {
    /** Accepted names, in the order help texts list them. */
    public static final List<String> NAMES = List.of("lenet-mnist", "lenet-fashion-mnist", "inception");

    private FeatureExtractors() {}

    /**
     * Opens the named network.
     *
     * @param name one of {@link #NAMES} (case and surrounding blanks ignored): the shipped LeNet classifiers
     *     ({@link LeNetClassifier}) or the user's Inception ({@link TorchScriptInception})
     * @param inceptionFile the user's TorchScript file, required for {@code inception}
     * @throws IllegalArgumentException for an unknown name or a missing file option, naming the option
     * @throws IOException when the weights cannot be read, naming the file
     */
    public static FeatureExtractor open(String name, Path inceptionFile) throws IOException {
        String id = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (id.equals("inception")) {
            if (inceptionFile == null) {
                throw new IllegalArgumentException("--inception-file: the inception extractor needs the FID Inception TorchScript"
                        + " file (inception-2015-12-05.pt); none ships with this project");
            }
            return TorchScriptInception.load(inceptionFile);
        }
        if (id.equals("lenet-mnist") || id.equals("lenet-fashion-mnist")) {
            return LeNetClassifier.shipped(id);
        }
        throw new IllegalArgumentException("--extractor: unknown feature network '" + name + "'; choose from " + String.join(", ", NAMES));
    }
}
