package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 20: one typed provenance record for checkpoints and summaries. */
class RunProvenanceTests {
    @Test
    void theMapHoldsWhatIsRecordedInOneOrderThenTheExtras() {
        RunProvenance p = RunProvenance.EMPTY.withJdk("17").withGitRevision("abc1234").withDataset("mnist (28x28)")
                .withEngine("PyTorch 2.7.1", "cpu", 2).withSpec("GanSpec[...]", 7).with("host", "node-3");
        assertThat(List.copyOf(p.toMap().keySet())).containsExactly("spec", "seed", "git_revision", "engine", "device", "threads", "jdk",
                "dataset", "host");
        assertThat(p.toMap()).containsEntry("seed", 7L).containsEntry("threads", 2).containsEntry("host", "node-3");
        assertThat(RunProvenance.EMPTY.withGitRevision("abc").withJdk("17").toMap()).containsOnlyKeys("git_revision", "jdk");
    }

    @Test
    void aFilesProvenanceReadsBackIntoTheSameRecord() {
        RunProvenance p = RunProvenance.EMPTY.withNativeMemoryGuard("no-onednn").withDevice("cpu").withDataset("toy:8gaussians")
                .with("git_revision", "abc1234").withSpec("spec", Long.MAX_VALUE).with("threads", "4");
        assertThat(p.gitRevision()).as("a field's key sets the field").isEqualTo("abc1234");
        assertThat(p.threads()).isEqualTo(4);
        assertThat(p.extras()).isEmpty();
        Map<String, String> asText = new java.util.LinkedHashMap<>();
        p.toMap().forEach((k, v) -> asText.put(k, String.valueOf(v)));
        assertThat(RunProvenance.fromMap(asText)).isEqualTo(p);
        assertThat(RunProvenance.fromMap(Map.of("threads", "2.0")).threads()).isEqualTo(2);
        assertThatThrownBy(() -> RunProvenance.fromMap(Map.of("seed", "seven"))).hasMessageContaining("provenance.seed")
                .hasMessageContaining("seven");
    }
}
