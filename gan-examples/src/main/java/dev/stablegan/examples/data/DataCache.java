package dev.stablegan.examples.data;

import java.nio.file.Path;

/**
 * The folder datasets install into on first use: {@code $STABLEGAN_DATA} when set, else
 * {@code ~/.cache/stablegan}.
 */
public final class DataCache {
    public static final String ENVIRONMENT_VARIABLE = "STABLEGAN_DATA";

    private DataCache() {}

    public static Path defaultRoot() {
        String fromEnv = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "stablegan");
    }
}
