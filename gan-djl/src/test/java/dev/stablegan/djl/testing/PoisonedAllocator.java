package dev.stablegan.djl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether this test JVM runs under the poisoned allocator the build preloads ({@code scripts/nanfill.c}). */
public final class PoisonedAllocator {
    private static final String LIBRARY = "libnanfill.so";

    private PoisonedAllocator() {}

    /** The preloaded shim's path, when {@code LD_PRELOAD} names it and the file exists. */
    public static Optional<Path> preloaded() {
        String preload = System.getenv("LD_PRELOAD");
        if (preload == null) {
            return Optional.empty();
        }
        for (String entry : preload.split("[: ]")) {
            if (entry.endsWith("/" + LIBRARY) && Files.isRegularFile(Path.of(entry))) {
                return Optional.of(Path.of(entry));
            }
        }
        return Optional.empty();
    }

    /** Why the shim is not active, for a skipped test's message. */
    public static String whyNot() {
        String preload = System.getenv("LD_PRELOAD");
        return preload == null || !preload.contains(LIBRARY)
                ? "LD_PRELOAD does not name " + LIBRARY + " (run the tests through Maven, whose surefire sets it)"
                : "LD_PRELOAD names " + preload + " but it was not built (no C compiler 'cc' on this machine)";
    }
}
