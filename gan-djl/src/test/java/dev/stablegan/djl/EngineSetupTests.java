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
}
