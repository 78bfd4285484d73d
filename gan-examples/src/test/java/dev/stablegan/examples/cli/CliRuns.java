package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.examples.GanCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code ./gan} in process for the command tests. */
final class CliRuns {
    private CliRuns() {}

    /**
     * Runs {@code args}, expecting the bad-input exit code and an {@code error:} line containing {@code expectedInMessage}.
     *
     * @return what the command wrote to standard error
     */
    static String assertBadInput(String expectedInMessage, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            code = GanCli.execute(args);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code for %s: %s", String.join(" ", args), text).isEqualTo(GanCli.EXIT_BAD_INPUT);
        assertThat(text).contains("error:").contains(expectedInMessage);
        return text;
    }

    /** Runs {@code args}, expecting exit code 0, and returns what the command printed on standard output. */
    static String stdout(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = GanCli.execute(args);
        } finally {
            System.setOut(saved);
        }
        assertThat(code).as("exit code for %s", String.join(" ", args)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@code args}, expecting exit code 0, and returns what the command wrote to standard error. */
    static String stderr(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            code = GanCli.execute(args);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code for %s: %s", String.join(" ", args), text).isZero();
        return text;
    }
}
