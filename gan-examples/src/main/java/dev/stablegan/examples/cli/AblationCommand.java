package dev.stablegan.examples.cli;

import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.data.idx.LabelledImages;
import dev.stablegan.eval.features.LeNetClassifier;
import dev.stablegan.examples.SweepRuns;
import dev.stablegan.examples.ablation.ImprovedGanAblation;
import dev.stablegan.examples.data.MnistFamily;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./gan ablation}: the Improved-GAN techniques removed one at a time (see {@link ImprovedGanAblation}). */
@Command(name = "ablation", mixinStandardHelpOptions = true,
        description = {"Ablation of the Improved-GAN techniques (Salimans et al. 2016, Table 3) on Fashion-MNIST or MNIST: the DCGAN"
                + " pair with every technique, with each removed in turn, and with none, scored by gan-eval's classifier of the"
                + " same domain (named in every score; not an Inception score). Writes DIR/results.md, DIR/results.json and"
                + " DIR/<variant>/samples.png; finished variants are kept, so a killed run resumes. Installs the data on first use.",
            "Example: ./gan ablation --steps 1500 --out runs/ablation"})
public final class AblationCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
            description = "fashion-mnist or mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--variants", defaultValue = "all-variants", paramLabel = "LIST",
            description = "Comma-separated variants (all, -fm, -mbd, -ha, -ls, -vbn, -fm-mbd, -fm-ha, -fm-ls, -fm-vbn, none) or all-variants (default: ${DEFAULT-VALUE}).")
    String variants;

    @Option(names = "--steps", defaultValue = "1500", paramLabel = "N", description = "Generator steps per variant (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--width", defaultValue = "32", paramLabel = "W", description = "DCGAN base width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--kernels", defaultValue = "32", paramLabel = "B",
            description = "Minibatch-discrimination kernels of 5 dimensions (default: ${DEFAULT-VALUE}).")
    int kernels;

    @Option(names = "--reference", defaultValue = "32", paramLabel = "R",
            description = "Virtual batch norm's reference batch size (default: ${DEFAULT-VALUE}).")
    int reference;

    @Option(names = "--samples", defaultValue = "5000", paramLabel = "N", description = "Generated images scored per variant (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed shared by every variant (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    RecipeRunOptions recipe;

    @Spec
    CommandSpec spec;

    @Mixin
    SweepOptions sweep;

    @Override
    public Integer call() throws Exception {
        Path out = recipe.out();
        MnistFamily family = MnistFamily.byName(dataset);
        ImprovedGanAblation.Settings settings = new ImprovedGanAblation.Settings(steps, batch, width, kernels, reference, samples, seed);
        List<ImprovedGanAblation.Variant> chosen = ImprovedGanAblation.select(settings, variants);
        SweepOptions.Mode mode = sweep.mode();
        if (mode == SweepOptions.Mode.LIST) {
            SweepRuns.list(ImprovedGanAblation.runNames(chosen), System.out);
            return 0;
        }
        String only = mode == SweepOptions.Mode.ONE ? sweep.selected(ImprovedGanAblation.runNames(chosen)) : null;
        AtomicFiles.ensureWritableDirectory(out);
        PrintWriter err = spec.commandLine().getErr();
        Path cache = recipe.cacheRoot();
        LabelledImages train = family.train(cache, err);
        LabelledImages test = family.test(cache, err);
        if (mode == SweepOptions.Mode.COLLECT) {
            List<Map<String, Object>> rows = ImprovedGanAblation.collect(settings, chosen, train.name() + " / " + test.name(), out, err);
            err.printf("ablation: collected %d runs; wrote %s and %s%n", rows.size(), out.resolve("results.md"), out.resolve("results.json"));
            err.flush();
            return 0;
        }
        recipe.applyEngine();
        try (LeNetClassifier scorer = LeNetClassifier.shipped("lenet-" + family.id())) {
            if (only != null) {
                Map<String, Object> row = ImprovedGanAblation.runOne(settings, chosen, only, train, test, scorer, out, err,
                        ConsoleProgress.onStderr());
                err.printf("ablation: run %s: %s %s; wrote %s%n", only, row.get("score_name"), row.get("score"),
                        out.resolve(only).resolve("result.json"));
                err.flush();
                return 0;
            }
            ImprovedGanAblation.run(settings, chosen, train, test, scorer, out, err, ConsoleProgress.onStderr());
        }
        err.printf("ablation: wrote %s and %s%n", out.resolve("results.md"), out.resolve("results.json"));
        err.flush();
        return 0;
    }
}
