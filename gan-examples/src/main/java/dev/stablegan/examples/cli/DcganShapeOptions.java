package dev.stablegan.examples.cli;

import picocli.CommandLine.Option;

/** {@code --size} and {@code --width} of the commands that train the DCGAN architecture at one image side. */
public final class DcganShapeOptions {
    @Option(names = "--size", defaultValue = "32", paramLabel = "PX", description = "Image side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--width", defaultValue = "32", paramLabel = "N", description = "DCGAN width of G and D (default: ${DEFAULT-VALUE}).")
    int width;

    /** Pixels per image side. */
    public int size() {
        return size;
    }

    /** The DCGAN base width of generator and critic. */
    public int width() {
        return width;
    }
}
