package dev.stablegan.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.api.NetworkSpec;
import org.junit.jupiter.api.Test;

class BenchFlopsTests {

    @Test
    void mlpCountsTwoFlopsPerMultiplyAddOfEveryLinearLayer() {
        // 2 -> 3 -> 1: 2*3 + 3*1 = 9 multiply-adds per example; batch 4: 2 * 4 * 9.
        assertThat(StepFlops.forward(new NetworkSpec.Mlp(2, 3, 1, 1), 4)).isEqualTo(72);
        // 2 -> 3 -> 3 -> 1: 6 + 9 + 3 = 18.
        assertThat(StepFlops.forward(new NetworkSpec.Mlp(2, 3, 2, 1), 4)).isEqualTo(144);
    }

    @Test
    void criticCountsConvolutionsByTheirOutputs() {
        // w = 1, one channel: 5x5 convolutions 1->1 at 16x16 (6400), 1->2 at 8x8 (3200), 2->4 at 4x4 (3200),
        // then Linear 64 -> 1 (64): 12864 multiply-adds.
        assertThat(StepFlops.forward(new NetworkSpec.Dcgan32Critic(1, 1), 1)).isEqualTo(2 * 12864);
    }

    @Test
    void generatorCountsTransposedConvolutionsByTheirInputs() {
        // latent 2, w = 1, one channel: Linear 2 -> 64 (128), 5x5 transposed 4->2 reading 4x4 (3200),
        // 2->1 reading 8x8 (3200), 1->1 reading 16x16 (6400): 12928 multiply-adds; batch 3.
        assertThat(StepFlops.forward(new NetworkSpec.Dcgan32Generator(2, 1, 1), 3)).isEqualTo(2 * 3 * 12928);
    }

    @Test
    void iterationIsCriticStepsTimesCriticStepPlusGeneratorStep() {
        NetworkSpec g = new NetworkSpec.Mlp(2, 3, 1, 1); // F = 72 at batch 4
        NetworkSpec d = new NetworkSpec.Mlp(1, 3, 2, 1); // 3 + 9 + 3 = 15: F = 120 at batch 4
        // n (F(G) + 12 F(D)) + 3 F(G) + 3 F(D)
        assertThat(StepFlops.generatorIteration(g, d, 4, 5)).isEqualTo(5 * (72 + 12 * 120) + 3 * 72 + 3 * 120);
        assertThat(StepFlops.generatorIteration(g, d, 4, 1)).isEqualTo(72 + 12 * 120 + 3 * 72 + 3 * 120);
    }

    @Test
    void benchModelsMatchTheHandCount() {
        // toy: F(G) = 2*256*(2*512 + 2*512^2 + 512*2), F(D) = 2*256*(2*512 + 2*512^2 + 512); 8 F(G) + 63 F(D).
        long fg = 2L * 256 * (1024 + 2 * 512 * 512 + 1024);
        long fd = 2L * 256 * (1024 + 2 * 512 * 512 + 512);
        assertThat(BenchModel.TOY_MLP.flopsPerIteration()).isEqualTo(8 * fg + 63 * fd).isEqualTo(19_116_851_200L);
        // DCGAN-32, w = 64: G 128*4096 + 2 * 256*16*128*25 + 64*256*3*25, D 3*25*64*256 + 2 * 64*25*128*64 + 4096.
        long g = 2L * 64 * (128L * 4096 + 2L * 256 * 16 * 128 * 25 + 64L * 256 * 3 * 25);
        long d = 2L * 64 * (3L * 25 * 64 * 256 + 2L * 64 * 25 * 128 * 64 + 4096);
        assertThat(BenchModel.DCGAN32.flopsPerIteration()).isEqualTo(8 * g + 63 * d);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> StepFlops.forward(new NetworkSpec.Mlp(2, 3, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch");
        assertThatThrownBy(() -> StepFlops.generatorIteration(
                new NetworkSpec.Mlp(2, 3, 1, 1), new NetworkSpec.Mlp(1, 3, 1, 1), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("criticSteps");
    }

    @Test
    void parsesModelListsAndNamesTheOption() {
        assertThat(BenchModel.parseList("dcgan32, toy-mlp,dcgan32", "--models"))
                .containsExactly(BenchModel.DCGAN32, BenchModel.TOY_MLP);
        assertThatThrownBy(() -> BenchModel.parseList("toy-mlp,resnet", "--models"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--models").hasMessageContaining("resnet").hasMessageContaining("dcgan32");
        assertThatThrownBy(() -> BenchModel.parseList("", "--models"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--models");
    }

    @Test
    void peerLinesKeepNumbersAsPrinted() {
        var fields = PeerBenchmark.parseLine(
                "{\"model\": \"toy-mlp\", \"flops_per_iteration\": 19116851200, \"gflops_per_second\": 20.5}");
        assertThat(fields).containsKeys("model", "flops_per_iteration", "gflops_per_second");
        assertThat(((Number) fields.get("flops_per_iteration")).longValue()).isEqualTo(19_116_851_200L);
        assertThat(PeerBenchmark.parseLine("bench_peer: progress")).isNull();
    }
}
