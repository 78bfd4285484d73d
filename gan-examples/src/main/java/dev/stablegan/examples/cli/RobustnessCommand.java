package dev.stablegan.examples.cli;

import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.data.images.ImageDataset;
import dev.stablegan.eval.features.FeatureExtractor;
import dev.stablegan.eval.features.FeatureExtractors;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.eval.features.RgbImage;
import dev.stablegan.examples.SweepRuns;
import dev.stablegan.examples.classifier.ClassifierRecipe;
import dev.stablegan.examples.data.MnistFamily;
import dev.stablegan.examples.images.ImageDatasets;
import dev.stablegan.examples.robustness.Family;
import dev.stablegan.examples.robustness.RobustnessMethod;
import dev.stablegan.examples.robustness.RobustnessPreset;
import dev.stablegan.examples.robustness.RobustnessSweep;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gan robustness}: WGAN-GP's architecture-robustness grid (Gulrajani et al. 2017, section 5.2, Figure 2). */
@Command(name = "robustness", mixinStandardHelpOptions = true,
        description = {"Train every chosen architecture family with every chosen method (WGAN-GP paper, Figure 2), each cell"
                + " a resumable job, and write results.json, results.md (verdict, IS/FID/KID from the data's shipped classifier, or"
                + " from your TorchScript Inception for colour data such as LSUN) and grid.png into --out.",
            "Example: ./gan robustness --archs dcgan,tanh --methods wgan-gp,dcgan --steps 200 --out runs/robustness"})
public final class RobustnessCommand implements Callable<Integer> {
    @Option(names = "--archs", defaultValue = "all", paramLabel = "LIST",
            description = "Comma-separated families (dcgan, g-no-bn-constant, g-mlp, no-norm, gated, tanh, resnet, or"
                    + " class:NAME for your own ImageNetworkFactory on the class path, e.g. via GAN_CLASSPATH) or all (default: ${DEFAULT-VALUE}).")
    String archs;

    @Option(names = "--methods", defaultValue = "all", paramLabel = "LIST",
            description = "Comma-separated methods (wgan-gp, wgan-clip, dcgan, lsgan) or all (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--preset", defaultValue = "cpu", paramLabel = "NAME",
            description = "cpu (32x32, width 16) or paper (64x64, width 64, 200,000 steps) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", paramLabel = "N", description = "Generator steps per cell (default: the preset's).")
    Long steps;

    @Option(names = "--size", paramLabel = "PX", description = "Image side, 32 or 64 (default: the preset's).")
    Integer size;

    @Option(names = "--width", paramLabel = "N", description = "Network width (default: the preset's).")
    Integer width;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
            description = "mnist, fashion-mnist, emoji, or a folder: an LSUN LMDB database (data.mdb), CIFAR-10 batches or"
                    + " PNG/JPEG images (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--extractor", paramLabel = "NAME",
            description = "The network that scores the cells: lenet-mnist, lenet-fashion-mnist or inception (default: the"
                    + " dataset's LeNet for mnist and fashion-mnist; other data needs inception).")
    String extractor;

    @Option(names = "--inception-file", paramLabel = "FILE",
            description = "The FID Inception TorchScript file (inception-2015-12-05.pt) for --extractor inception; none ships.")
    Path inceptionFile;

    @Option(names = "--samples", defaultValue = "2000", paramLabel = "N", description = "Generated images scored per cell (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every cell (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataRunOptions run;

    @Mixin
    SweepOptions sweep;

    @Override
    public Integer call() throws Exception {
        Path out = run.out();
        RobustnessSweep.Settings settings = settings();
        SweepOptions.Mode mode = sweep.mode();
        if (mode == SweepOptions.Mode.LIST) {
            SweepRuns.list(RobustnessSweep.runNames(settings), System.out);
            return 0;
        }
        String only = mode == SweepOptions.Mode.ONE ? sweep.selected(RobustnessSweep.runNames(settings)) : null;
        MnistFamily family = MnistFamily.names().contains(dataset.strip().toLowerCase(Locale.ROOT)) ? MnistFamily.byName(dataset) : null;
        if (mode == SweepOptions.Mode.COLLECT) {
            PrintWriter log = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            List<Map<String, Object>> rows;
            try (ImageDataset images = ImageDatasets.open(family != null ? family.id() : dataset, settings.size(), run.cacheRoot(), log)) {
                rows = RobustnessSweep.collect(settings, images.id(), images.channels(), out, log);
            }
            log.printf("robustness: collected %d runs; wrote %s, %s and %s%n", rows.size(), out.resolve("results.json"),
                    out.resolve("results.md"), out.resolve("grid.png"));
            return 0;
        }
        String network = extractor != null ? extractor.strip().toLowerCase(Locale.ROOT) : family != null ? "lenet-" + family.id() : null;
        if (network == null) {
            throw new IllegalArgumentException("--extractor: no shipped classifier scores " + dataset + "; give --extractor inception"
                    + " --inception-file FILE (the FID Inception as TorchScript, see docs/metrics.md)");
        }
        if (network.startsWith("lenet-") && (family == null || !network.equals("lenet-" + family.id()))) {
            throw new IllegalArgumentException("--extractor: " + network + " scores only its own dataset"
                    + (family == null ? "" : " (" + network.substring("lenet-".length()) + ", not " + family.id() + ")")
                    + "; use inception for " + dataset);
        }
        run.applyEngine();
        RobustnessSweep.requireFits(settings);
        PrintWriter log = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        try (FeatureExtractor scorer = FeatureExtractors.open(network, inceptionFile);
                ImageDataset train = ImageDatasets.open(family != null ? family.id() : dataset, settings.size(), run.cacheRoot(), log)) {
            List<RgbImage> reference;
            if (family != null) {
                LabelledImages test = family.test(run.cacheRoot(), log);
                reference = scorer instanceof LeNetClassifier ? ClassifierRecipe.asImages(test, test.count())
                        // the Inception takes the test images at the training size, as the generated ones
                        : RobustnessSweep.referenceImages(test.toImages(settings.size()), test.count(), settings.seed());
            } else {
                reference = RobustnessSweep.referenceImages(train, settings.samples(), settings.seed());
                log.printf("robustness: scoring against %d training images of %s (it has no test set here)%n", reference.size(), train.id());
            }
            if (only != null) {
                Map<String, Object> row = RobustnessSweep.runOne(settings, only, train, reference, scorer, out, log);
                log.printf("robustness: run %s: %s; wrote %s%n", only, row.get("verdict"), out.resolve(only).resolve("result.json"));
                return 0;
            }
            List<Map<String, Object>> rows = RobustnessSweep.run(settings, train, reference, scorer, out, log);
            log.printf("robustness: %d cells; wrote %s, %s and %s%n", rows.size(), out.resolve("results.json"), out.resolve("results.md"),
                    out.resolve("grid.png"));
        }
        return 0;
    }

    RobustnessSweep.Settings settings() {
        RobustnessPreset p = parse("--preset", preset, RobustnessPreset::byName);
        List<Family> a = archs.strip().equals("all") ? Family.builtIns()
                : List.of(archs.split(",")).stream().map(n -> parse("--archs", n, Family::of)).distinct().toList();
        List<RobustnessMethod> m = methods.strip().equals("all") ? RobustnessMethod.all()
                : RobustnessMethod.byNames(methods);
        int side = size == null ? p.size() : size;
        if (side != 32 && side != 64) {
            throw new IllegalArgumentException("--size: must be 32 or 64, got " + side);
        }
        int w = width == null ? p.width() : width;
        if (w < 4 || w % 4 != 0) {
            throw new IllegalArgumentException("--width: must be a multiple of 4 (the ResNets quarter it), got " + w);
        }
        return new RobustnessSweep.Settings(a, m, p, side, w, steps == null ? p.steps() : steps, samples, seed);
    }

    private static <T> T parse(String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
