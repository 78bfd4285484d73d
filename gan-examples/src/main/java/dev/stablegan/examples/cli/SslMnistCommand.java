package dev.stablegan.examples.cli;

import dev.stablegan.api.Json;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.examples.SweepRuns;
import dev.stablegan.examples.data.MnistFamily;
import dev.stablegan.examples.ssl.SeedSpread;
import dev.stablegan.examples.ssl.SslMnistExperiment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./gan ssl-mnist}: the semi-supervised MNIST experiment of Salimans et al. 2016 (see {@link SslMnistExperiment}). */
@Command(name = "ssl-mnist", mixinStandardHelpOptions = true,
        description = {"Semi-supervised MNIST with a K+1-class GAN discriminator (Improved GAN, section 5.1): --labels labelled"
                + " examples (the same number per class, chosen by --label-set and --label-seed), the rest unlabelled. Writes summary.json (test_error,"
                + " test_errors, labels, epochs, seconds, learning_curve), metrics.jsonl, learning_curve.png and samples.png into"
                + " --out, and a checkpoint after every epoch that --resume continues. Installs MNIST on first use.",
            "Example: ./gan ssl-mnist --labels 100 --seed 1 --epochs 30 --out runs/ssl-mnist"})
public final class SslMnistCommand implements Callable<Integer> {
    @Option(names = "--labels", defaultValue = "100", paramLabel = "N", description = "Labelled examples, a multiple of 10 (default: ${DEFAULT-VALUE}).")
    int labels;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the weights, noise and batch order (and of"
            + " the labelled choice with --label-set stream) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--label-set", defaultValue = "authors", paramLabel = "NAME", description = "How the labelled examples are"
            + " chosen: authors (numpy's RandomState(--label-seed).permutation, then the first of each class, as"
            + " train_mnist_feature_matching.py; --label-seed 1 gives the authors' own 100) or stream (by --seed, as runs before"
            + " this option) (default: ${DEFAULT-VALUE}).")
    String labelSet;

    @Option(names = "--label-seed", defaultValue = "1", paramLabel = "S", description = "The authors' --seed_data for"
            + " --label-set authors (default: ${DEFAULT-VALUE}).")
    long labelSeed;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "N", description = "Passes over the unlabelled data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--steps-per-epoch", defaultValue = "0", paramLabel = "N",
            description = "Steps per epoch, 0 for a full pass of 600 (default: ${DEFAULT-VALUE}).")
    int stepsPerEpoch;

    @Option(names = "--max-minutes", defaultValue = "0", paramLabel = "M",
            description = "Stop after the first epoch that ends past M minutes of training, 0 for no budget (default: ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--decay-from", defaultValue = "0", paramLabel = "E",
            description = "Epoch after which the learning rate falls linearly to 0 at the end of --epochs; 0 keeps it constant"
                    + " (default: ${DEFAULT-VALUE}).")
    int decayFrom;

    @Option(names = "--feature-matching", defaultValue = "mean-squared", paramLabel = "NAME",
            description = "How the generator compares mean features: mean-squared, squared-l2 or mean-absolute"
                    + " (default: ${DEFAULT-VALUE}).")
    String featureMatching;

    @Option(names = "--baseline", description = "Train the same classifier on the labelled examples only (no GAN), for comparison.")
    boolean baseline;

    @Mixin
    RecipeRunOptions recipe;

    @Mixin
    RunFolderOptions.Resumable resumable;

    @Option(names = "--seeds", split = ",", paramLabel = "LIST", description = "Weight seeds of a sweep (comma-separated): one run"
            + " per weight seed and label seed, each in --out/seedW_labelsL/, resumed where a checkpoint exists; with"
            + " --list-runs, --run-index and --collect a cluster job array (docs/cluster.md). Replaces --seed.")
    List<Long> seeds;

    @Option(names = "--label-seeds", split = ",", paramLabel = "LIST", description = "Label seeds of a sweep (comma-separated,"
            + " --label-set authors); replaces --label-seed.")
    List<Long> labelSeeds;

    @Mixin
    SweepOptions sweep;

    @Spec
    CommandSpec spec;

    static TechniquesSpec.FeatureDistance distance(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "mean-squared" -> TechniquesSpec.FeatureDistance.MEAN_SQUARED;
            case "squared-l2" -> TechniquesSpec.FeatureDistance.SQUARED_L2;
            case "mean-absolute" -> TechniquesSpec.FeatureDistance.MEAN_ABSOLUTE;
            default -> throw new IllegalArgumentException("--feature-matching: unknown distance '" + name
                    + "'; choose from mean-squared, squared-l2, mean-absolute");
        };
    }

    @Override
    public Integer call() throws Exception {
        SslMnistExperiment.Settings settings = new SslMnistExperiment.Settings(labels, seed, epochs, !baseline, stepsPerEpoch,
                distance(featureMatching), maxMinutes, decayFrom, SslMnistExperiment.LabelSet.parse(labelSet), labelSeed);
        SweepOptions.Mode mode = sweep.mode();
        if (seeds == null && labelSeeds == null) {
            if (mode != SweepOptions.Mode.ALL) {
                throw new IllegalArgumentException("--list-runs, --run-index, --run and --collect: a sweep needs --seeds or --label-seeds");
            }
            return single(settings);
        }
        resumable.refuseForSweep();
        Map<String, SslMnistExperiment.Settings> runs = sweepRuns(settings);
        List<String> names = List.copyOf(runs.keySet());
        if (mode == SweepOptions.Mode.LIST) {
            SweepRuns.list(names, System.out);
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        if (mode == SweepOptions.Mode.COLLECT) {
            return collect(names, err);
        }
        List<String> chosen = mode == SweepOptions.Mode.ONE ? List.of(sweep.selected(names)) : names;
        Mnist mnist = prepare(err);
        for (String name : chosen) {
            Path dir = recipe.out().resolve(name);
            if (Files.isRegularFile(dir.resolve("summary.json"))) {
                err.printf("ssl-mnist: %s already done (%s), not trained again%n", name, dir.resolve("summary.json"));
                continue;
            }
            boolean resumeRun = Files.isRegularFile(dir.resolve(SslMnistExperiment.CHECKPOINT));
            SslMnistExperiment.Outcome outcome = SslMnistExperiment.run(runs.get(name), mnist.train(), mnist.test(), dir, err,
                    ConsoleProgress.onStderr(), resumeRun, false);
            err.printf(Locale.ROOT, "ssl-mnist: run %s: test error %.2f%% (%d errors); wrote %s%n", name, 100 * outcome.testError(),
                    outcome.testErrors(), dir.resolve("summary.json"));
        }
        if (mode == SweepOptions.Mode.ALL) {
            collect(names, err);
        }
        err.flush();
        return 0;
    }

    /** MNIST's two splits. */
    private record Mnist(LabelledImages train, LabelledImages test) {}

    /** Before training: the output folder writable, the engine and device set, MNIST loaded (installed on first use). */
    private Mnist prepare(PrintWriter err) throws java.io.IOException {
        dev.stablegan.api.AtomicFiles.ensureWritableDirectory(recipe.out());
        recipe.applyEngine();
        Path cache = recipe.cacheRoot();
        return new Mnist(MnistFamily.MNIST.train(cache, err), MnistFamily.MNIST.test(cache, err));
    }

    private int single(SslMnistExperiment.Settings settings) throws java.io.IOException {
        PrintWriter err = spec.commandLine().getErr();
        Mnist mnist = prepare(err);
        SslMnistExperiment.Outcome outcome = SslMnistExperiment.run(settings, mnist.train(), mnist.test(), recipe.out(), err, ConsoleProgress.onStderr(),
                resumable.resume(), resumable.force());
        err.printf(Locale.ROOT, "ssl-mnist: %s, %d labels, %d epochs: test error %.2f%% (%d errors) in %.0f s; wrote %s%n",
                baseline ? "supervised baseline" : "GAN", labels, outcome.curve().size(), 100 * outcome.testError(), outcome.testErrors(),
                outcome.seconds(), recipe.out().resolve("summary.json"));
        err.flush();
        return 0;
    }

    /** The sweep's runs by name: every weight seed with every label seed (or with the stream's own choice). */
    Map<String, SslMnistExperiment.Settings> sweepRuns(SslMnistExperiment.Settings s) {
        boolean authors = s.labelSet() == SslMnistExperiment.LabelSet.AUTHORS;
        if (!authors && labelSeeds != null) {
            throw new IllegalArgumentException("--label-seeds: only with --label-set authors (the stream set is chosen by the weight seed)");
        }
        Map<String, SslMnistExperiment.Settings> runs = new java.util.LinkedHashMap<>();
        for (long w : seeds != null ? seeds : List.of(s.seed())) {
            for (long l : labelSeeds != null ? labelSeeds : List.of(s.labelSeed())) {
                String name = "seed" + w + (authors ? "_labels" + l : "");
                runs.put(name, new SslMnistExperiment.Settings(s.labels(), w, s.epochs(), s.adversarial(), s.stepsPerEpoch(),
                        s.featureMatching(), s.maxMinutes(), s.decayFrom(), s.labelSet(), l));
            }
        }
        return runs;
    }

    /** Reads the finished runs, writes {@code spreads.json} and {@code curves.png}, names the missing runs. */
    private int collect(List<String> names, PrintWriter err) throws java.io.IOException {
        Path out = recipe.out();
        List<SeedSpread.Run> done = new java.util.ArrayList<>();
        List<String> missing = new java.util.ArrayList<>();
        for (String name : names) {
            if (Files.isRegularFile(out.resolve(name).resolve("summary.json"))) {
                done.add(SeedSpread.read(out.resolve(name)));
            } else {
                missing.add(name);
            }
        }
        SweepRuns.requireSomeFinished("ssl-mnist", out, names, missing, "summary.json", err);
        SeedSpread.plot(done, out.resolve("curves.png"));
        if (done.size() < 2) {
            err.printf("ssl-mnist: collect: one finished run; no spread yet; wrote %s%n", out.resolve("curves.png"));
            err.flush();
            return 0;
        }
        Map<String, Object> spreads = SeedSpread.bothSpreads(done);
        dev.stablegan.api.AtomicFiles.writeString(out.resolve("spreads.json"), Json.write(spreads) + "\n");
        err.printf("ssl-mnist: collected %d runs; wrote %s and %s%n", done.size(), out.resolve("spreads.json"), out.resolve("curves.png"));
        err.flush();
        return 0;
    }
}
