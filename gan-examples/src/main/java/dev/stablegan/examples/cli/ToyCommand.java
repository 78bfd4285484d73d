package dev.stablegan.examples.cli;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.eval.toy.ToyModeMetrics;
import dev.stablegan.examples.toy.ToyDataset;
import dev.stablegan.examples.toy.ToyPreset;
import dev.stablegan.examples.toy.ToyRun;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gan toy}: the 2-D toy runs of WGAN-GP (Gulrajani et al. 2017, section 4.1, Figure 1a). */
@Command(name = "toy", mixinStandardHelpOptions = true,
        description = {"Train a GAN on a 2-D toy distribution (WGAN-GP paper, Figure 1a) and write summary.json,"
                + " metrics.jsonl, value_surface.png (critic contours with real and generated samples), losses.png"
                + " and checkpoint.ckpt into --out.",
            "Example: ./gan toy --dataset 8gaussians --objective wgan-gp --preset quick --out runs/quickstart"})
public final class ToyCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "8gaussians", paramLabel = "NAME",
            description = "8gaussians, 25gaussians or swissroll (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--objective", defaultValue = "wgan-gp", paramLabel = "NAME",
            description = "wgan, wgan-clip, wgan-gp, wgan-gp-one-sided, minimax, minimax-saturating, lsgan or hinge"
                    + " (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--preset", defaultValue = "quick", paramLabel = "NAME",
            description = "quick (newcomer run, minutes) or paper (512x3 MLPs, 100,000 steps) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", paramLabel = "N", description = "Generator steps (default: the preset's).")
    Long steps;

    @Option(names = "--lambda", paramLabel = "X",
            description = "Gradient penalty weight for wgan-gp objectives (default: 0.1, the paper's toy setting).")
    Double lambda;

    @Option(names = "--clip", paramLabel = "C", description = "Weight clipping bound for wgan-clip (default: 0.01).")
    Double clip;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, data and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", defaultValue = "2500", paramLabel = "N",
            description = "Generated samples for the mode metrics, at least 2500 (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--plot-every", defaultValue = "0", paramLabel = "N",
            description = "Also write frames/value_surface_stepN.png and modes.jsonl every N steps; 0 for none"
                    + " (default: ${DEFAULT-VALUE}).")
    long plotEvery;

    @Mixin
    RunFolderOptions folder;

    @Mixin
    RunFolderOptions.Resumable resumable;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        ToyRun.Settings settings = settings();
        engine.apply();
        ToyRun.Outcome outcome = new ToyRun(settings, System.err).execute();
        System.err.println(describe(settings, outcome));
        return 0;
    }

    /** Parses and checks every option before anything is trained or written. */
    ToyRun.Settings settings() {
        ToyDataset data = prefixed("--dataset", () -> ToyDataset.byName(dataset));
        ToyPreset chosen = prefixed("--preset", () -> ToyPreset.byName(preset));
        ObjectiveSpec base = prefixed("--objective", () -> ObjectiveSpec.byName(objective));
        ObjectiveSpec objectiveSpec = prefixed(lambda != null ? "--lambda" : "--clip", () -> withOverrides(base));
        long generatorSteps = steps == null ? chosen.defaultSteps() : steps;
        SpecChecks.atLeast("--steps", generatorSteps, 1);
        if (samples < ToyRun.MIN_EVAL_SAMPLES) {
            throw new IllegalArgumentException("--samples: must be >= " + ToyRun.MIN_EVAL_SAMPLES + ", got " + samples);
        }
        SpecChecks.atLeast("--plot-every", plotEvery, 0);
        GanSpec spec = chosen.spec(objectiveSpec, generatorSteps, seed);
        return new ToyRun.Settings(data, chosen, spec, folder.out(), samples, plotEvery, resumable.resume(), resumable.force());
    }

    private ObjectiveSpec withOverrides(ObjectiveSpec base) {
        if (base instanceof ObjectiveSpec.WganGp gp) {
            if (clip != null) {
                throw new IllegalArgumentException("applies only to --objective wgan-clip");
            }
            return new ObjectiveSpec.WganGp(lambda == null ? 0.1 : lambda, gp.oneSided());
        }
        if (base instanceof ObjectiveSpec.WganClip) {
            if (lambda != null) {
                throw new IllegalArgumentException("applies only to the wgan-gp objectives");
            }
            return clip == null ? base : new ObjectiveSpec.WganClip(clip);
        }
        if (lambda != null || clip != null) {
            throw new IllegalArgumentException(lambda != null ? "applies only to the wgan-gp objectives"
                    : "applies only to --objective wgan-clip");
        }
        return base;
    }

    /** Runs {@code parse} and puts the option's name in front of any error it reports. */
    private static <T> T prefixed(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    static String describe(ToyRun.Settings settings, ToyRun.Outcome outcome) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "toy: %s %s, %d steps in %.1f s",
                settings.dataset().id(), settings.spec().objective().name(), outcome.steps(), outcome.seconds()));
        if (outcome.modes().isPresent()) {
            ToyModeMetrics m = outcome.modes().get();
            s.append(String.format(Locale.ROOT, ": %d/%d modes, high-quality fraction %.3f", m.modesCovered(),
                    m.modesTotal(), m.highQualityFraction()));
        }
        s.append("; wrote ").append(settings.out().resolve(ToyRun.SUMMARY)).append(" and ")
                .append(settings.out().resolve(ToyRun.VALUE_SURFACE));
        return s.toString();
    }
}
