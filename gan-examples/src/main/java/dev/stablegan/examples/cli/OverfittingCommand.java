package dev.stablegan.examples.cli;

import dev.stablegan.data.images.ImageDataset;
import dev.stablegan.examples.images.ImageDatasets;
import dev.stablegan.examples.robustness.OverfittingExperiment;
import dev.stablegan.examples.robustness.RobustnessMethod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gan overfitting}: WGAN-GP's held-out critic loss experiment (Gulrajani et al. 2017, section 5.6). */
@Command(name = "overfitting", mixinStandardHelpOptions = true,
        description = {"Train a critic without normalization on a small random image subset with each method and plot its"
                + " negative loss on the training subset and on held-out images (WGAN-GP paper, section 5.6): DIR/overfitting.png,"
                + " DIR/<method>/curves.jsonl; resumable.",
            "Example: ./gan overfitting --dataset mnist --train-images 1000 --steps 2000 --out runs/overfitting"})
public final class OverfittingCommand implements Callable<Integer> {
    @Option(names = "--methods", defaultValue = "wgan-gp,wgan-clip", paramLabel = "LIST",
            description = "Comma-separated methods (wgan-gp, wgan-clip, dcgan, lsgan) (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "NAME",
            description = "mnist, fashion-mnist, emoji or a folder of images (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--train-images", defaultValue = "1000", paramLabel = "N", description = "Size of the training subset (default: ${DEFAULT-VALUE}).")
    int trainImages;

    @Option(names = "--steps", defaultValue = "2000", paramLabel = "N", description = "Generator steps per method (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--eval-every", defaultValue = "50", paramLabel = "N", description = "Measure both losses every N steps (default: ${DEFAULT-VALUE}).")
    long evalEvery;

    @Mixin
    DcganShapeOptions shape;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the subset, weights and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataRunOptions run;

    @Mixin
    SweepOptions sweep;

    @Override
    public Integer call() throws Exception {
        Path out = run.out();
        OverfittingExperiment.Settings settings = new OverfittingExperiment.Settings(RobustnessMethod.byNames(methods), shape.size(), shape.width(), steps,
                trainImages, evalEvery, seed);
        return sweep.execute("overfitting", OverfittingExperiment.runNames(settings), out, "overfitting.png", new SweepOptions.Work() {
            @Override
            public void collect(PrintWriter log) throws Exception {
                OverfittingExperiment.collect(settings, out, log);
            }

            @Override
            public void run(String only, PrintWriter log) throws Exception {
                run.applyEngine();
                try (ImageDataset all = ImageDatasets.open(dataset, shape.size(), run.cacheRoot(), log)) {
                    if (only != null) {
                        OverfittingExperiment.runOne(settings, only, all, out, log);
                    } else {
                        OverfittingExperiment.run(settings, all, out, log);
                    }
                }
            }
        });
    }
}
