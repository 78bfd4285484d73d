package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.examples.GanCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code ./gan} in process for the command tests. */
final class CliRuns {
    private CliRuns() {}

    /** What a run printed on one stream, and its exit code. */
    private record Captured(int code, String text) {}

    /** Runs {@code args} in process, capturing standard error ({@code err}) or standard output. */
    private static Captured capture(boolean err, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = err ? System.err : System.out;
        int code;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            if (err) {
                System.setErr(capture);
            } else {
                System.setOut(capture);
            }
            code = GanCli.execute(args);
        } finally {
            if (err) {
                System.setErr(saved);
            } else {
                System.setOut(saved);
            }
        }
        return new Captured(code, bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code args}, expecting the bad-input exit code and an {@code error:} line containing {@code expectedInMessage}.
     *
     * @return what the command wrote to standard error
     */
    static String assertBadInput(String expectedInMessage, String... args) {
        Captured run = capture(true, args);
        assertThat(run.code()).as("exit code for %s: %s", String.join(" ", args), run.text()).isEqualTo(GanCli.EXIT_BAD_INPUT);
        assertThat(run.text()).contains("error:").contains(expectedInMessage);
        return run.text();
    }

    /** Runs {@code args}, expecting exit code 0, and returns what the command printed on standard output. */
    static String stdout(String... args) {
        Captured run = capture(false, args);
        assertThat(run.code()).as("exit code for %s", String.join(" ", args)).isZero();
        return run.text();
    }

    /** Runs {@code args}, expecting exit code 0, and returns what the command wrote to standard error. */
    static String stderr(String... args) {
        Captured run = capture(true, args);
        assertThat(run.code()).as("exit code for %s: %s", String.join(" ", args), run.text()).isZero();
        return run.text();
    }
}
