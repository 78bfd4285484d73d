package dev.stablegan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No hidden CPU (issue 16): in the main code of every module, only {@code Devices} names a device or makes a base manager;
 * everything else takes its device from the run, so that {@code --device cuda} reaches every tensor.
 */
class NoHiddenDeviceTests {
    private static final Pattern FORBIDDEN = Pattern.compile("Device\\.(cpu|gpu)\\(|newBaseManager\\(");
    private static final String ALLOWED = "gan-djl/src/main/java/dev/stablegan/djl/Devices.java";

    @Test
    void onlyDevicesNamesADeviceOrMakesABaseManager() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(100);
        List<String> offenders = new ArrayList<>();
        for (Path file : sources) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (relative.equals(ALLOWED)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("//.*", "");
                if (!code.trim().startsWith("*") && FORBIDDEN.matcher(code).find()) {
                    offenders.add(relative + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(offenders).as("Device.cpu()/gpu() or newBaseManager() outside %s (use Devices.newManager(device))", ALLOWED)
                .isEmpty();
    }
}
