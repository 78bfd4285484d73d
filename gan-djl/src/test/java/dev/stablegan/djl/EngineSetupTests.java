package dev.stablegan.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineSetupTests {

    /** Issue 17, item 6: {@code --threads 100000} made about 6,000 OS threads and hung; now it is refused before any work. */
    @Test
    void threadCountsBeyondTheMachineAreRefusedWithTheLimit() {
        int limit = EngineSetup.maxThreads();
        assertThat(limit).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
        for (int bad : new int[] {0, -1, limit + 1, 100_000}) {
            assertThatThrownBy(() -> EngineSetup.configure(bad)).as("%d threads", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("threads: must be between 1 and " + limit)
                    .hasMessageContaining("got " + bad);
        }
    }

    /** Issue 16, the online CUDA route: downloads only when asked for, the variable winning over the property. */
    @Test
    void theEngineDownloadsItsNativesOnlyWhenAskedTo() {
        assertThat(EngineSetup.downloadsAllowed(null, null)).isFalse();
        assertThat(EngineSetup.downloadsAllowed("1", null)).isTrue();
        assertThat(EngineSetup.downloadsAllowed(" true ", null)).isTrue();
        assertThat(EngineSetup.downloadsAllowed(null, "true")).isTrue();
        assertThat(EngineSetup.downloadsAllowed("0", "true")).as("the variable wins").isFalse();
        assertThat(EngineSetup.downloadsAllowed("yes please", null)).isFalse();
    }

    @Test
    void anEngineThatDidNotLoadIsExplainedWithTheRouteThatFits() {
        RuntimeException failure = new IllegalStateException("No deep learning engine found.",
                new java.io.IOException("Failed to download PyTorch native library"));
        assertThat(EngineSetup.loadFailure(false, failure)).contains("No deep learning engine found")
                .contains("Failed to download").contains("offline").contains("STABLEGAN_ONLINE=1").contains("-Pcuda");
        assertThat(EngineSetup.loadFailure(true, failure)).contains("publish.djl.ai").contains("PYTORCH_FLAVOR")
                .doesNotContain("set STABLEGAN_ONLINE");
    }

    /** The launcher's opt-in oneMKL override on AMD changes kernels, so the engine's description in provenance says so. */
    @Test
    void theOneMklOverrideIsNamedInTheEnginesDescription() {
        assertThat(EngineSetup.mklVendorCheck(null)).isEmpty();
        assertThat(EngineSetup.mklVendorCheck("/x/target/nanfill/libnanfill.so")).isEmpty();
        assertThat(EngineSetup.mklVendorCheck("/x/target/mkl-amd/libstablegan-mkl-amd.so:/y/libnanfill.so"))
                .contains("oneMKL vendor check overridden").contains("STABLEGAN_MKL_AMD");
    }
}
