package dev.stablegan.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.examples.ssl.SslRunFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: every sweep lists its runs (the indices of a cluster job array) without data or engine, and the
 * semi-supervised seeds collect into both spreads from whatever runs have finished.
 */
class SweepCommandsTests {
    @TempDir
    Path dir;

    @Test
    void everySweepListsItsRunsByIndexAndName() {
        String out = dir.resolve("sweep").toString();
        assertThat(CliRuns.stdout("ablation", "--variants", "none,all", "--list-runs", "--out", out).lines())
                .containsExactly("0 all", "1 none");
        assertThat(CliRuns.stdout("convergence", "--variants", "dcgan,wgan-gp-adam", "--list-runs", "--out", out).lines())
                .containsExactly("0 dcgan", "1 wgan-gp-adam");
        assertThat(CliRuns.stdout("overfitting", "--methods", "wgan-gp,lsgan", "--list-runs", "--out", out).lines())
                .containsExactly("0 wgan-gp", "1 lsgan");
        assertThat(CliRuns.stdout("ssl-mnist", "--seeds", "1,2", "--label-seeds", "1,3", "--list-runs", "--out", out).lines())
                .containsExactly("0 seed1_labels1", "1 seed1_labels3", "2 seed2_labels1", "3 seed2_labels3");
        assertThat(CliRuns.stdout("ssl-mnist", "--label-set", "stream", "--seeds", "4,5", "--list-runs", "--out", out).lines())
                .containsExactly("0 seed4", "1 seed5");
        assertThat(Files.exists(dir.resolve("sweep"))).as("listing writes nothing").isFalse();
        CliRuns.assertBadInput("a sweep needs --seeds or --label-seeds", "ssl-mnist", "--list-runs", "--out", out);
        CliRuns.assertBadInput("--run-index: 2 is not a run of this sweep; it has runs 0 to 1", "ablation", "--variants", "none,all",
                "--run-index", "2", "--out", out);
        CliRuns.assertBadInput("--label-seeds: only with --label-set authors", "ssl-mnist", "--label-set", "stream", "--label-seeds",
                "1,2", "--list-runs", "--out", out);
        CliRuns.assertBadInput("a sweep resumes each run", "ssl-mnist", "--seeds", "1,2", "--resume", "--out", out);
    }

    @Test
    void semiSupervisedSeedsCollectIntoBothSpreadsAndNameTheMissingRuns() throws IOException {
        Path out = dir.resolve("ssl");
        SslRunFixtures.finishedAuthorsRun(out, "seed1_labels1", 1, 1, 100, 90);
        SslRunFixtures.finishedAuthorsRun(out, "seed2_labels1", 2, 1, 100, 110);
        SslRunFixtures.finishedAuthorsRun(out, "seed1_labels2", 1, 2, 100, 130);
        String err = CliRuns.stderr("ssl-mnist", "--seeds", "1,2", "--label-seeds", "1,2", "--collect", "--out", out.toString());
        assertThat(err).contains("1 of 4 runs missing (not finished): seed2_labels2");
        JsonObject spreads = JsonParser.parseString(Files.readString(out.resolve("spreads.json"))).getAsJsonObject();
        JsonObject overSeeds = spreads.getAsJsonArray("over_weight_seeds").get(0).getAsJsonObject();
        assertThat(overSeeds.get("label_set").getAsString()).isEqualTo("authors:1");
        assertThat(overSeeds.get("mean_errors").getAsDouble()).isEqualTo(100.0);
        JsonObject overSets = spreads.getAsJsonArray("over_label_sets").get(0).getAsJsonObject();
        assertThat(overSets.get("weight_seed").getAsLong()).isEqualTo(1);
        assertThat(overSets.get("mean_errors").getAsDouble()).isEqualTo(110.0);
        assertThat(out.resolve("curves.png")).isRegularFile();
        CliRuns.assertBadInput("nothing to collect", "ssl-mnist", "--seeds", "7,8", "--collect", "--out", out.toString());
    }
}
