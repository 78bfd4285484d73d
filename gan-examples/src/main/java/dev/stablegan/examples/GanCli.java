package dev.stablegan.examples;

import dev.stablegan.djl.train.NonFiniteValuesException;
import dev.stablegan.examples.cli.AblationCommand;
import dev.stablegan.examples.cli.BenchCommand;
import dev.stablegan.examples.cli.BenchMetricsCommand;
import dev.stablegan.examples.cli.ConvergenceCommand;
import dev.stablegan.examples.cli.LanguageCommand;
import dev.stablegan.examples.cli.OverfittingCommand;
import dev.stablegan.examples.cli.PlotLossesCommand;
import dev.stablegan.examples.cli.RobustnessCommand;
import dev.stablegan.examples.cli.SampleCommand;
import dev.stablegan.examples.cli.SslMnistCommand;
import dev.stablegan.examples.cli.SslSeedsCommand;
import dev.stablegan.examples.cli.ToyCommand;
import dev.stablegan.examples.cli.TrainClassifierCommand;
import dev.stablegan.examples.cli.ToyGradientsCommand;
import dev.stablegan.examples.cli.eval.EvalCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./gan} command line: one subcommand per reproduction or tool. */
@Command(name = "gan", mixinStandardHelpOptions = true, version = "stablegan 0.1.0-SNAPSHOT",
        description = "Stable GAN training on the JVM (DJL + PyTorch): WGAN-GP, Improved-GAN techniques.",
        subcommands = {ToyCommand.class, ToyGradientsCommand.class, SampleCommand.class, BenchCommand.class,
            BenchMetricsCommand.class, EvalCommand.class, TrainClassifierCommand.class, SslMnistCommand.class, SslSeedsCommand.class, AblationCommand.class, LanguageCommand.class, RobustnessCommand.class, OverfittingCommand.class, PlotLossesCommand.class, ConvergenceCommand.class,
            CommandLine.HelpCommand.class})
public final class GanCli {

    /** Exit code for bad input (settings, files); 1 is left for unexpected failures. */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new GanCli());
        cli.setExecutionExceptionHandler(GanCli::handle);
        return cli.execute(args);
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = e;
        if (cause instanceof UncheckedIOException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        boolean badInput = cause instanceof IllegalArgumentException || cause instanceof java.io.IOException;
        err.println(cmd.getCommandName() + ": error: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        // A training run stopped by a non-finite gradient is explained by its message (step, network, parameter).
        if (!badInput && !(cause instanceof NonFiniteValuesException)) {
            e.printStackTrace(err);
        }
        err.flush();
        return badInput ? EXIT_BAD_INPUT : 1;
    }
}
