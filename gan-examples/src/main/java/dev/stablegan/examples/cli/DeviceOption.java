package dev.stablegan.examples.cli;

import ai.djl.Device;
import dev.stablegan.djl.Devices;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** The {@code --device} option of every command that trains, samples or scores. */
public final class DeviceOption {
    @Option(names = "--device", paramLabel = "D", defaultValue = "cpu",
            description = "Where tensors live: auto (the first CUDA device if the engine has one, else the CPU), cpu, cuda"
                    + " or cuda:N (default: ${DEFAULT-VALUE}). CUDA needs the -Pcuda build; see README, section GPU.")
    String device;

    /**
     * Resolves the device on the loaded engine, makes it the process default and, for {@code auto}, says which it took.
     *
     * @throws IllegalArgumentException for a device the engine does not have, naming it and the {@code -Pcuda} build
     */
    public Device apply(PrintStream err) {
        Device chosen = Devices.resolve(device);
        Devices.setDefault(chosen);
        if (device.trim().equalsIgnoreCase("auto")) {
            err.println("device: auto took " + Devices.describe(chosen));
        }
        return chosen;
    }
}
