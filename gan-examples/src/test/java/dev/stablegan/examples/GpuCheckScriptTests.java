package dev.stablegan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What of {@code scripts/gpu-check} can be checked without a GPU: its refusal, its arguments and the commands it runs. */
class GpuCheckScriptTests {
    private static final Path SCRIPT = Path.of("..", "scripts", "gpu-check").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    private Result run(String path, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().put("PATH", path);
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("gpu-check finished").isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void withoutAGpuItRefusesWithStatus2AndWritesNoReport() throws Exception {
        Path report = dir.resolve("report.md");
        Result r = run("/usr/bin:/bin", "--report", report.toString(), "--work", dir.resolve("w").toString());
        assumeFalse(Files.isExecutable(Path.of("/usr/bin/nvidia-smi")), "this machine has an NVIDIA driver");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no NVIDIA driver on this machine").contains("nothing was run");
        assertThat(report).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void badArgumentsAreRefusedWithStatus2() throws Exception {
        Result r = run(System.getenv("PATH"), "--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown argument '--bogus'");
        assertThat(run(System.getenv("PATH"), "--report").exit()).isEqualTo(2);
        Result help = run(System.getenv("PATH"), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: scripts/gpu-check").contains("Never 0 without a GPU");
    }

    /** The plan runs the tests on CUDA and every experiment command with --device cuda, each with options that exist. */
    @Test
    void everyPlannedCommandIsValidAndOnCuda() throws Exception {
        Result r = run(System.getenv("PATH"), "--plan");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("verify").contains("-Pcuda").contains("-Dstablegan.device=cuda"));
        List<String> commands = new ArrayList<>();
        for (String line : lines) {
            String command = line.substring(line.indexOf(": ") + 2);
            if (command.startsWith("./gan ")) {
                commands.add(command.split(" ")[1]);
                assertThat(command).as(line).contains("--device cuda");
                String[] args = command.substring("./gan ".length()).replace("\"$W", "\"" + dir).replace("\"", "").split(" +");
                new CommandLine(new GanCli()).parseArgs(args); // throws on an unknown option or a missing required one
            }
        }
        assertThat(commands).contains("toy", "robustness", "language", "ssl-mnist", "eval", "bench");
    }

    /** Issue 16's online route: the same commands, built with -Pcuda-online, the test suite left to the offline route. */
    @Test
    void theOnlineRouteBuildsWithItsProfileAndRunsEveryCommand() throws Exception {
        Result online = run(System.getenv("PATH"), "--online", "--plan");
        assertThat(online.exit()).isZero();
        List<String> lines = online.out().lines().toList();
        assertThat(lines.get(0)).contains("-Pcuda-online").contains("install");
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("verify"));
        assertThat(lines.stream().filter(l -> l.contains("./gan ")).count())
                .isEqualTo(run(System.getenv("PATH"), "--plan").out().lines().filter(l -> l.contains("./gan ")).count());
        assertThat(run("/usr/bin:/bin", "--online", "--report", dir.resolve("r.md").toString()).exit()).as("no GPU here").isEqualTo(2);
    }
}
