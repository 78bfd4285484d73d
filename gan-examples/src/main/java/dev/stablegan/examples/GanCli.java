package dev.stablegan.examples;

import dev.stablegan.api.RunInterruptedException;
import dev.stablegan.api.RunInterruption;
import dev.stablegan.djl.EngineUnavailableException;
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
import dev.stablegan.examples.cli.ToyGradientsCommand;
import dev.stablegan.examples.cli.TrainClassifierCommand;
import dev.stablegan.examples.cli.eval.EvalCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
        installSignalHandlers(System.err);
        System.exit(execute(args));
    }

    /**
     * SIGTERM and SIGINT (and SIGHUP) stop a training run at the end of its current step, after its checkpoint is
     * written, and the process exits with {@code 128 + signal}; outside training, or at a second signal, the process
     * ends at once, as without a handler. Uses {@code sun.misc.Signal} (module jdk.unsupported) through reflection; where
     * it is missing, signals keep the JVM's default behaviour and this says so.
     */
    static void installSignalHandlers(PrintStream err) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            java.lang.reflect.Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : new String[] {"TERM", "INT", "HUP"}) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                Object handler = java.lang.reflect.Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                        (proxy, method, arguments) -> switch (method.getName()) {
                            case "handle" -> {
                                onSignal("SIG" + name, err);
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == arguments[0];
                            default -> "signal handler for SIG" + name;
                        });
                handle.invoke(null, signal, handler);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            err.println("gan: SIGTERM and SIGINT will end runs without a last checkpoint (no signal handler: " + e + ")");
        }
    }

    private static void onSignal(String name, PrintStream err) {
        if (RunInterruption.requested() || !RunInterruption.runsActive()) {
            RunInterruption.request(RunInterruption.requested() ? RunInterruption.signal() : name);
            err.println("gan: " + name + ": exiting now");
            err.flush();
            System.exit(RunInterruption.exitCode());
        }
        RunInterruption.request(name);
        err.println("gan: " + name + ": stopping after the current step and writing a checkpoint (send it again to stop at once)");
        err.flush();
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new GanCli());
        cli.setExecutionExceptionHandler(GanCli::handle);
        cli.setParameterExceptionHandler(GanCli::handleUsage);
        return cli.execute(args);
    }

    /**
     * A command line that does not parse (an unknown option or command, a value of the wrong type): one
     * {@code error:} line like every other refusal, picocli's suggestions for a misspelling, and where the help is;
     * not the whole usage text.
     */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = e;
        if (cause instanceof UncheckedIOException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RunInterruptedException stopped) {
            err.println(cmd.getCommandName() + ": " + stopped.getMessage());
            err.flush();
            return RunInterruption.exitCode();
        }
        boolean badInput = cause instanceof IllegalArgumentException || cause instanceof java.io.IOException;
        err.println(cmd.getCommandName() + ": error: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        // A training run stopped by a non-finite gradient is explained by its message (step, network, parameter), an
        // engine that did not load by the route that fits.
        if (!badInput && !(cause instanceof NonFiniteValuesException) && !(cause instanceof EngineUnavailableException)) {
            e.printStackTrace(err);
        }
        err.flush();
        return badInput ? EXIT_BAD_INPUT : 1;
    }
}
