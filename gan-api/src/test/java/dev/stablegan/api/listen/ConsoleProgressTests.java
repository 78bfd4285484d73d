package dev.stablegan.api.listen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.api.StepReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTests {
    @Test
    void rendersPercentRateEtaAndScalars() {
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), 0, false);
        progress.onStart(null, 0);
        String line = progress.render(new StepReport(25, 100, Map.of("critic_loss", -1.5), 0.1), 5.0);
        assertThat(line).contains(" 25% 25/100").contains("5.0 steps/s").contains("ETA 00:15").contains("critic_loss -1.500");
        assertThat(line).startsWith("[######..................]");
    }

    @Test
    void printsTheLastStepEvenWhenThrottled() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 60_000, false);
        progress.onStart(null, 0);
        progress.onStep(new StepReport(1, 3, Map.of(), 0.1));
        progress.onStep(new StepReport(2, 3, Map.of(), 0.1));
        progress.onStep(new StepReport(3, 3, Map.of(), 0.1));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(2);
        assertThat(out).contains("3/3");
    }

    @Test
    void formatsLongDurations() {
        assertThat(ConsoleProgress.formatDuration(3725)).isEqualTo("1:02:05");
        assertThat(ConsoleProgress.formatDuration(Double.NaN)).isEqualTo("--:--");
    }
}
