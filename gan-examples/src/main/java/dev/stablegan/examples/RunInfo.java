package dev.stablegan.examples;

import dev.stablegan.api.RunProvenance;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.EngineSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Facts about the running code for provenance: the git revision of the working copy and the JDK. */
public final class RunInfo {
    private static volatile String revision;

    private RunInfo() {}

    /**
     * {@code git rev-parse --short HEAD} in the working directory, with {@code -dirty} when files differ from it;
     * {@code "unknown"} outside a git checkout or without git.
     */
    public static String gitRevision() {
        String r = revision;
        if (r == null) {
            String head = git("rev-parse", "--short", "HEAD");
            if (head.isEmpty()) {
                r = "unknown";
            } else {
                r = git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
            }
            revision = r;
        }
        return r;
    }

    /**
     * The code and engine behind a number: {@code git_revision}, {@code engine}, {@code device} and {@code threads} (only when
     * {@code withEngine}: describing the engine loads it), {@code jdk}; an ordered map to extend.
     */
    public static Map<String, Object> provenance(boolean withEngine) {
        return record(withEngine).toMap();
    }

    /** {@link #provenance} as the typed record, to which a caller adds the spec, seed or dataset. */
    public static RunProvenance record(boolean withEngine) {
        RunProvenance p = RunProvenance.EMPTY.withGitRevision(gitRevision());
        if (withEngine) {
            p = p.withEngine(EngineSetup.describeEngine(), Devices.describe(Devices.defaultDevice()), EngineSetup.threads());
        }
        return p.withJdk(jdk());
    }

    /** "17.0.15 (Debian)" style: the runtime version and vendor. */
    public static String jdk() {
        return System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return "";
            }
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
