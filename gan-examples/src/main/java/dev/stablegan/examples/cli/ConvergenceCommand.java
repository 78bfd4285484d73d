package dev.stablegan.examples.cli;

import dev.stablegan.data.images.ImageDataset;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.examples.data.MnistFamily;
import dev.stablegan.examples.images.ImageDatasets;
import dev.stablegan.examples.robustness.ConvergenceExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gan convergence}: score over wall-clock time per method (Gulrajani et al. 2017, section 5.3, Figure 3). */
@Command(name = "convergence", mixinStandardHelpOptions = true,
        description = {"Train the DCGAN architecture with WGAN-clip (RMSProp), WGAN-GP (RMSProp), WGAN-GP (Adam) and DCGAN,"
                + " scoring the samples with the data's shipped LeNet every few steps, and plot score against training"
                + " seconds (WGAN-GP paper, Figure 3): DIR/convergence.png, DIR/<variant>/scores.jsonl; resumable.",
            "Example: ./gan convergence --dataset fashion-mnist --steps 1000 --out runs/convergence"})
public final class ConvergenceCommand implements Callable<Integer> {
    @Option(names = "--variants", defaultValue = "all", paramLabel = "LIST",
            description = "wgan-clip-rmsprop, wgan-gp-rmsprop, wgan-gp-adam, dcgan (comma-separated) or all (default: ${DEFAULT-VALUE}).")
    String variants;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
            description = "mnist or fashion-mnist, scored by its shipped LeNet (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "N", description = "Generator steps per variant (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--eval-every", defaultValue = "50", paramLabel = "N", description = "Score every N steps (default: ${DEFAULT-VALUE}).")
    long evalEvery;

    @Option(names = "--samples", defaultValue = "1000", paramLabel = "N", description = "Images per score (default: ${DEFAULT-VALUE}).")
    int samples;

    @Mixin
    DcganShapeOptions shape;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataRunOptions run;

    @Mixin
    SweepOptions sweep;

    @Override
    public Integer call() throws Exception {
        Path out = run.out();
        ConvergenceExperiment.Settings settings = new ConvergenceExperiment.Settings(ConvergenceExperiment.select(variants), shape.size(), shape.width(), steps,
                evalEvery, samples, seed);
        MnistFamily family = scoredFamily(dataset);
        return sweep.execute("convergence", ConvergenceExperiment.runNames(settings), out, "convergence.png", new SweepOptions.Work() {
            @Override
            public void collect(PrintWriter log) throws Exception {
                try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-" + family.id())) {
                    ConvergenceExperiment.collect(settings, scorer.scoreSuffix(), out, log);
                }
            }

            @Override
            public void run(String only, PrintWriter log) throws Exception {
                run.applyEngine();
                try (ImageDataset train = ImageDatasets.open(family.id(), shape.size(), run.cacheRoot(), log);
                        LeNetClassifier scorer = LeNetClassifier.shipped("lenet-" + family.id())) {
                    if (only != null) {
                        ConvergenceExperiment.runOne(settings, only, train, scorer, out, log);
                    } else {
                        ConvergenceExperiment.run(settings, train, scorer, out, log);
                    }
                }
            }
        });
    }

    private static MnistFamily scoredFamily(String dataset) {
        try {
            return MnistFamily.byName(dataset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dataset: " + e.getMessage() + " (scores need a shipped classifier: mnist or fashion-mnist)", e);
        }
    }
}
