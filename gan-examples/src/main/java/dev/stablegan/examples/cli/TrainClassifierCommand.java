package dev.stablegan.examples.cli;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.examples.classifier.ClassifierRecipe;
import dev.stablegan.examples.data.MnistFamily;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./gan train-classifier}: the recipe of the shipped LeNet feature networks (see {@link ClassifierRecipe}).
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = {"Train the LeNet classifier behind the lenet-mnist / lenet-fashion-mnist feature networks (the recipe of"
                + " the shipped weights) and write NAME.params and NAME.json (SHA-256, test accuracy, recipe, real-data baselines:"
                + " train-vs-test FID/KID and the test set's score) into --out. Installs the dataset on first use.",
            "Example: ./gan train-classifier --dataset mnist --out runs/lenet-mnist"})
public final class TrainClassifierCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "NAME",
            description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: 5 for mnist, 10 for fashion-mnist).")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N",
            description = "Train on the first N examples only, 0 for all (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Mixin
    RecipeRunOptions recipe;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MnistFamily family = MnistFamily.byName(dataset);
        int passes = epochs != null ? epochs : family == MnistFamily.MNIST ? 5 : 10;
        String name = "lenet-" + family.id();
        String suffix = family == MnistFamily.MNIST ? "LeNet-MNIST" : "LeNet-FashionMNIST";
        ClassifierRecipe.Settings settings = new ClassifierRecipe.Settings(name, suffix, family.id(), family.description(), passes, seed,
                trainLimit);
        AtomicFiles.ensureWritableDirectory(recipe.out());
        recipe.applyEngine();
        PrintWriter err = spec.commandLine().getErr();
        Path cache = recipe.cacheRoot();
        LabelledImages train = family.train(cache, err);
        LabelledImages test = family.test(cache, err);
        ClassifierRecipe.Outcome outcome = ClassifierRecipe.run(settings, train, test, recipe.out(), ConsoleProgress.onStderr());
        err.printf(Locale.ROOT, "train-classifier: %s test accuracy %.4f (%d errors of %d) after %.0f s; wrote %s and %s%n", name,
                outcome.testAccuracy(), outcome.testErrors(), test.count(), outcome.seconds(), outcome.params(), outcome.card());
        err.flush();
        return 0;
    }
}
