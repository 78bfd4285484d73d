package dev.stablegan.examples.cli;

import dev.stablegan.api.Json;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.examples.ssl.SeedSpread;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./gan ssl-seeds}: the mean and spread over seeds of finished {@code ssl-mnist} runs (see {@link SeedSpread}). */
@Command(name = "ssl-seeds", mixinStandardHelpOptions = true,
        description = {"Mean and sample standard deviation of the test errors of finished ssl-mnist runs that differ only by"
                + " seed, at each run's last epoch and at one epoch all of them reached, as the paper's '93 +- 6.5 errors'"
                + " (with --in-progress also of runs still training, all at one epoch)."
                + " Runs on several labelled sets (--label-seed) give both spreads instead: over weight seeds on each set and"
                + " over sets for each weight seed, at the final epoch. Prints one JSON object; --plot draws the runs' learning"
                + " curves.",
            "Example: ./gan ssl-seeds runs/ssl-seed1 runs/ssl-seed2 runs/ssl-seed3"})
public final class SslSeedsCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "DIR", description = "Output folders of ssl-mnist runs (each with its summary.json,"
            + " or with --in-progress its checkpoint).")
    List<Path> runs;

    @Option(names = "--in-progress", description = "Also take runs still training, as their checkpoints hold them, and compare"
            + " every run at the last epoch all reached (or --at-epoch): their errors there stand for their results.")
    boolean inProgress;

    @Option(names = "--at-epoch", defaultValue = "0", paramLabel = "E",
            description = "The epoch to compare the runs at; 0 for the last epoch every run reached (default: ${DEFAULT-VALUE}).")
    int atEpoch;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also draw every run's learning curve into this picture.")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SpecChecks.atLeast("--at-epoch", atEpoch, 0);
        List<SeedSpread.Run> read = new ArrayList<>();
        for (Path run : runs) {
            read.add(inProgress ? SeedSpread.readFinishedOrInProgress(run) : SeedSpread.read(run));
        }
        if (inProgress) {
            int epoch = atEpoch > 0 ? atEpoch : read.stream().mapToInt(r -> r.curve().lastKey()).min().orElseThrow();
            read = read.stream().map(r -> r.at(epoch)).toList();
        }
        if (read.stream().map(SeedSpread.Run::labelSet).distinct().count() > 1) {
            // Runs on several labelled sets: the spread over weight seeds per set and over sets per weight seed (final errors).
            Map<String, Object> both = SeedSpread.bothSpreads(read);
            if (plot != null) {
                SeedSpread.plot(read, plot);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.write(both));
            out.flush();
            return 0;
        }
        Map<String, Object> result = SeedSpread.summarize(read, atEpoch);
        if (plot != null) {
            SeedSpread.plot(read, plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(result));
        out.flush();
        @SuppressWarnings("unchecked")
        Map<String, Object> at = (Map<String, Object>) result.get("at_epoch");
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "ssl-seeds: %d runs, test errors at epoch %s: %.1f +- %.1f (of %s)%n", read.size(), at.get("epoch"),
                (Double) at.get("mean_errors"), (Double) at.get("std_errors"), result.get("test_examples"));
        err.flush();
        return 0;
    }
}
