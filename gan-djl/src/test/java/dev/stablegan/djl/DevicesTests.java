package dev.stablegan.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DevicesTests {

    @Test
    void namesResolveOnTheLoadedEngine() {
        assertThat(Devices.resolve("cpu")).isEqualTo(Device.cpu());
        assertThat(Devices.resolve(" CPU ")).isEqualTo(Device.cpu());
        Device auto = Devices.resolve("auto");
        assertThat(auto).isEqualTo(Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu(0) : Device.cpu());
        assertThat(Devices.describe(Device.cpu())).isEqualTo("cpu");
    }

    @Test
    void unknownNamesAreRefusedWithTheAcceptedOnes() {
        for (String bad : new String[] {"tpu", "cuda:", "cuda:-1", "cuda:x", "", "gpu0"}) {
            assertThatThrownBy(() -> Devices.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected auto, cpu, cuda or cuda:N");
        }
    }

    @Test
    void cudaOnAnEngineWithoutItIsOneClearError() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this engine has a CUDA device");
        assertThatThrownBy(() -> Devices.resolve("cuda:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device 'cuda:1': this engine has no CUDA device")
                .hasMessageContaining("natives 2.7.1")
                .hasMessageContaining("-Pcuda")
                .hasMessageContaining("--device auto falls back to the CPU");
    }

    @Test
    void managersLiveOnTheirDeviceAndAreGuarded() {
        try (NDManager manager = Devices.newManager(Devices.resolve("cpu"))) {
            assertThat(manager.getDevice()).isEqualTo(Device.cpu());
            assertThat(manager.zeros(new ai.djl.ndarray.types.Shape(2)).getDevice()).isEqualTo(Device.cpu());
        }
        assertThat(EngineSetup.guardNativeMemory()).startsWith("no-onednn");
    }
}
