package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RunProvenance;
import dev.stablegan.api.ScheduleSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: the trainer's provenance is typed, travels in its checkpoints and comes back with the generator. */
class ProvenanceTests {
    @TempDir
    Path dir;

    @Test
    void aCheckpointCarriesTheRunsProvenanceToTheTrainedGenerator() throws IOException {
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);
        GanSpec spec = new GanSpec(new NetworkSpec.Mlp(2, 8, 1, 2), new NetworkSpec.Mlp(2, 8, 1, 1), new ObjectiveSpec.Wgan(), adam, adam,
                new ScheduleSpec(1, 2, 4, false), 1);
        RunProvenance written;
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new RegularizerPartsTests.Square())) {
            trainer.putProvenance("git_revision", "abc1234");
            trainer.putProvenance("cluster_job", "17_3");
            trainer.step();
            trainer.saveCheckpoint(dir.resolve("run.ckpt"));
            written = trainer.provenance();
        }
        assertThat(written.dataset()).isEqualTo("test:square");
        assertThat(written.device()).isEqualTo("cpu");
        assertThat(written.nativeMemoryGuard()).startsWith("no-onednn");
        assertThat(written.gitRevision()).isEqualTo("abc1234");
        assertThat(written.extras()).containsEntry("cluster_job", "17_3");
        try (TrainedGenerator g = TrainedGenerator.load(dir.resolve("run.ckpt"))) {
            assertThat(g.provenance()).isEqualTo(written);
        }
    }
}
