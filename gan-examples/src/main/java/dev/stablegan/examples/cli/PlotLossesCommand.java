package dev.stablegan.examples.cli;

import dev.stablegan.examples.plot.LossCurves;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./gan plot-losses}: a run's loss curves, the Wasserstein estimate among them, as a PNG. */
@Command(name = "plot-losses", mixinStandardHelpOptions = true,
        description = {"Plot the critic loss, generator loss, Wasserstein estimate (the negative critic loss of the WGAN"
                + " objectives) and gradient penalty of a run's metrics file against the generator step.",
            "Example: ./gan plot-losses runs/quickstart/metrics.jsonl --out runs/quickstart/losses.png"})
public final class PlotLossesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "METRICS", description = "A metrics.jsonl written by a training command.")
    Path metrics;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The picture to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(metrics)) {
            throw new NoSuchFileException(metrics.toString(), null, "no metrics file");
        }
        if (!LossCurves.write(metrics, out)) {
            throw new IllegalArgumentException(metrics + ": holds none of critic_loss, generator_loss, wasserstein_estimate,"
                    + " gradient_penalty; nothing to plot");
        }
        System.err.println("plot-losses: wrote " + out);
        return 0;
    }
}
