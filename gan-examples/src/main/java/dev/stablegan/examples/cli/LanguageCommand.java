package dev.stablegan.examples.cli;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.data.text.CharVocabulary;
import dev.stablegan.djl.nn.ModelSize;
import dev.stablegan.examples.SweepRuns;
import dev.stablegan.examples.text.LanguagePreset;
import dev.stablegan.examples.text.LanguageRun;
import dev.stablegan.examples.text.LanguageSweep;
import dev.stablegan.examples.text.TextCorpus;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gan language}: the character-level language GAN of WGAN-GP (Gulrajani et al. 2017, section 5.5). */
@Command(name = "language", mixinStandardHelpOptions = true,
        description = {"Train the character-level language GAN (WGAN-GP paper, section 5.5: 1-D convolutional G and D,"
                + " softmax outputs, no sampling) and write samples.txt, metrics.jsonl (n-gram JS divergences),"
                + " summary.json, js.png, losses.png and checkpoint.ckpt into --out.",
            "Example: ./gan language --corpus wordnet --objective wgan-gp --steps 2000 --out runs/language-wgan-gp"})
public final class LanguageCommand implements Callable<Integer> {
    @Option(names = "--corpus", defaultValue = "wordnet", paramLabel = "NAME|PATH",
            description = "wordnet (WordNet's example sentences, installed on first use), a One Billion Word folder, or a"
                    + " UTF-8 text file with one sentence per line (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--objective", defaultValue = "wgan-gp", paramLabel = "NAME",
            description = "wgan-gp (lambda 10) or minimax, the standard GAN baseline (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--preset", defaultValue = "cpu", paramLabel = "NAME",
            description = "cpu (width 64) or paper (width 512, 200,000 steps) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", paramLabel = "N", description = "Generator steps (default: the preset's).")
    Long steps;

    @Option(names = "--dim", paramLabel = "N", description = "Channels of G and D (default: the preset's).")
    Integer dim;

    @Option(names = "--eval-every", defaultValue = "100", paramLabel = "N",
            description = "Score the samples (n-gram JS) and checkpoint every N steps (default: ${DEFAULT-VALUE}).")
    long evalEvery;

    @Option(names = "--samples", defaultValue = "640", paramLabel = "N",
            description = "Generated sentences per evaluation, as many held-out lines for the floor (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--max-lines", defaultValue = "10000000", paramLabel = "N",
            description = "Most training lines read from a One Billion Word folder or a text file (default: ${DEFAULT-VALUE}).")
    int maxLines;

    @Option(names = "--vocabulary", defaultValue = "2048", paramLabel = "N",
            description = "Most symbols kept, the unknown one included (default: ${DEFAULT-VALUE}, the paper's).")
    int vocabularySize;

    @Option(names = "--compare", split = ",", paramLabel = "DIR",
            description = "Other language runs whose JS-4 curves join js.png (comma-separated folders).")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, weights and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataRunOptions run;

    @Mixin
    RunFolderOptions.Resumable resumable;

    @Option(names = "--objectives", split = ",", paramLabel = "LIST", description = "Objectives of a sweep (comma-separated, e.g."
            + " wgan-gp,minimax): one run per objective and seed, each in --out/OBJECTIVE_seedS/, resumed where a checkpoint"
            + " exists; with --list-runs, --run-index and --collect a cluster job array (docs/cluster.md). Replaces --objective.")
    List<String> objectives;

    @Option(names = "--seeds", split = ",", paramLabel = "LIST", description = "Seeds of a sweep (comma-separated); replaces --seed.")
    List<Long> seeds;

    @Mixin
    SweepOptions sweep;

    @Override
    public Integer call() throws Exception {
        LanguagePreset chosen = parsePreset();
        checkNumbers();
        SweepOptions.Mode mode = sweep.mode();
        if (objectives == null && seeds == null) {
            if (mode != SweepOptions.Mode.ALL) {
                throw new IllegalArgumentException("--list-runs, --run-index, --run and --collect: a sweep needs --objectives or --seeds");
            }
            train(chosen, objective, seed, run.out(), resumable.resume(), resumable.force());
            return 0;
        }
        resumable.refuseForSweep();
        Path out = run.out();
        Map<String, LanguageSweep.Run> runs = new LinkedHashMap<>();
        for (String o : objectives != null ? objectives : List.of(objective)) {
            parseObjective(o);
            for (long s : seeds != null ? seeds : List.of(seed)) {
                LanguageSweep.Run run = new LanguageSweep.Run(o.strip().toLowerCase(Locale.ROOT), s);
                runs.put(run.name(), run);
            }
        }
        List<String> names = List.copyOf(runs.keySet());
        if (mode == SweepOptions.Mode.LIST) {
            SweepRuns.list(names, System.out);
            return 0;
        }
        PrintWriter log = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (mode == SweepOptions.Mode.COLLECT) {
            LanguageSweep.collect(runs, out, log);
            return 0;
        }
        List<String> chosenRuns = mode == SweepOptions.Mode.ONE ? List.of(sweep.selected(names)) : names;
        for (String name : chosenRuns) {
            Path dir = out.resolve(name);
            if (Files.isRegularFile(dir.resolve(LanguageRun.SUMMARY))) {
                log.printf("language: %s already done (%s), not trained again%n", name, dir.resolve(LanguageRun.SUMMARY));
                continue;
            }
            LanguageSweep.Run run = runs.get(name);
            train(chosen, run.objective(), run.seed(), dir, Files.isRegularFile(dir.resolve(LanguageRun.CHECKPOINT)), false);
        }
        if (mode == SweepOptions.Mode.ALL) {
            LanguageSweep.collect(runs, out, log);
        }
        return 0;
    }

    /** One run of {@code objectiveName} with {@code runSeed} into {@code dir}. */
    private void train(LanguagePreset chosen, String objectiveName, long runSeed, Path dir, boolean resumeRun, boolean forceRun)
            throws java.io.IOException {
        ObjectiveSpec objectiveSpec = parseObjective(objectiveName);
        PrintWriter log = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        TextCorpus text = TextCorpus.open(corpus, run.cacheRoot(), maxLines, LanguagePreset.LENGTH, runSeed, log);
        CharVocabulary vocabulary = CharVocabulary.of(text.train(), LanguagePreset.LENGTH, vocabularySize);
        GanSpec spec = chosen.spec(objectiveSpec, vocabulary.size(), dim == null ? 0 : dim,
                steps == null ? chosen.defaultSteps() : steps, runSeed);
        run.applyEngine();
        if (dim != null) {
            ModelSize.requireFits("--dim", dim, 4, d -> chosen.spec(objectiveSpec, vocabulary.size(), d, spec.schedule().generatorSteps(),
                    runSeed));
        }
        LanguageRun.Settings settings = new LanguageRun.Settings(text, chosen, spec, dir, evalEvery, samples, compare, resumeRun, forceRun);
        LanguageRun.Outcome outcome = new LanguageRun(settings, vocabulary, System.err).execute();
        System.err.printf(Locale.ROOT, "language: %s on %s, %d steps in %.0f s: JS-1..4 %.3f %.3f %.3f %.3f (held-out floor"
                + " %.3f %.3f %.3f %.3f); wrote %s%n", spec.objective().name(), text.name(), outcome.steps(), outcome.seconds(),
                outcome.js()[0], outcome.js()[1], outcome.js()[2], outcome.js()[3], outcome.heldoutJs()[0], outcome.heldoutJs()[1],
                outcome.heldoutJs()[2], outcome.heldoutJs()[3], dir.resolve(LanguageRun.SAMPLES));
    }

    LanguagePreset parsePreset() {
        try {
            return LanguagePreset.byName(preset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--preset: " + e.getMessage(), e);
        }
    }

    static ObjectiveSpec parseObjective(String objective) {
        return switch (objective.trim().toLowerCase(Locale.ROOT)) {
            case "wgan-gp" -> new ObjectiveSpec.WganGp(LanguagePreset.LAMBDA, false);
            case "minimax" -> new ObjectiveSpec.Minimax(true, 1.0);
            default -> throw new IllegalArgumentException("--objective: unknown objective '" + objective
                    + "' for the language GAN; expected wgan-gp or minimax");
        };
    }

    private void checkNumbers() {
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps: must be >= 1, got " + steps);
        }
        if (dim != null && dim < 1) {
            throw new IllegalArgumentException("--dim: must be >= 1, got " + dim);
        }
        SpecChecks.atLeast("--eval-every", evalEvery, 1);
        SpecChecks.atLeast("--samples", samples, 1);
        SpecChecks.atLeast("--vocabulary", vocabularySize, 2);
    }
}
