package dev.stablegan.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.api.OptimizerSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract both optimizers share: state round trip, refusal of bad streams, memory, bookkeeping. */
class OptimizersTests {

    private NDManager stateManager;

    @BeforeEach
    void openStateManager() {
        stateManager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeStateManager() {
        stateManager.close();
    }

    static Stream<OptimizerSpec> specs() {
        return Stream.of(new OptimizerSpec.Adam(0.01, 0.5, 0.9), new OptimizerSpec.RmsProp(0.01));
    }

    @Test
    void ofBuildsTheOptimizerItsSpecNames() {
        try (ParameterOptimizer adam = Optimizers.of(new OptimizerSpec.Adam(1e-4, 0, 0.9), stateManager);
                ParameterOptimizer rmsProp = Optimizers.of(new OptimizerSpec.RmsProp(5e-5), stateManager)) {
            assertThat(adam).isInstanceOf(Adam.class);
            assertThat(((Adam) adam).spec().beta2()).isEqualTo(0.9);
            assertThat(rmsProp).isInstanceOf(RmsProp.class);
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void savedStateResumesBitForBitLikeAnUninterruptedRun(OptimizerSpec spec) throws IOException {
        try (OptimizerFixture straight = new OptimizerFixture();
                OptimizerFixture resumed = new OptimizerFixture();
                ParameterOptimizer first = Optimizers.of(spec, stateManager);
                ParameterOptimizer second = Optimizers.of(spec, stateManager)) {
            straight.run(first, 3);
            byte[] saved = save(first);
            // The resumed run starts from the saved weights and the saved optimizer state.
            resumed.p0.getArray().set(OptimizerFixture.values(straight.p0));
            resumed.p1.getArray().set(OptimizerFixture.values(straight.p1));
            second.load(new DataInputStream(new ByteArrayInputStream(saved)));
            assertThat(save(second)).isEqualTo(saved);

            for (int t = 3; t < 5; t++) {
                straight.backward(t);
                first.step(straight.parameters, OptimizerFixture.LR_FACTOR[t]);
                resumed.backward(t);
                second.step(resumed.parameters, OptimizerFixture.LR_FACTOR[t]);
            }

            assertThat(OptimizerFixture.values(resumed.p0)).containsExactly(OptimizerFixture.values(straight.p0));
            assertThat(OptimizerFixture.values(resumed.p1)).containsExactly(OptimizerFixture.values(straight.p1));
            assertThat(save(second)).isEqualTo(save(first));
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void loadRejectsATruncatedStreamAndKeepsItsState(OptimizerSpec spec) throws IOException {
        try (OptimizerFixture fixture = new OptimizerFixture();
                ParameterOptimizer optimizer = Optimizers.of(spec, stateManager)) {
            fixture.run(optimizer, 2);
            byte[] saved = save(optimizer);

            for (int length : new int[] {0, 3, 10, saved.length / 2, saved.length - 1}) {
                byte[] cut = Arrays.copyOf(saved, length);
                assertThatThrownBy(() -> optimizer.load(new DataInputStream(new ByteArrayInputStream(cut))))
                        .as("first %d of %d bytes", length, saved.length)
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("truncated");
            }

            assertThat(save(optimizer)).isEqualTo(saved);
        }
    }

    @Test
    void loadRejectsForeignStreams() throws IOException {
        try (OptimizerFixture fixture = new OptimizerFixture();
                ParameterOptimizer adam = Optimizers.of(new OptimizerSpec.Adam(0.01, 0.5, 0.9), stateManager);
                ParameterOptimizer rmsProp = Optimizers.of(new OptimizerSpec.RmsProp(0.01), stateManager)) {
            fixture.run(rmsProp, 1);
            byte[] rmsPropState = save(rmsProp);
            byte[] text = "{\"step\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

            assertThatThrownBy(() -> adam.load(new DataInputStream(new ByteArrayInputStream(rmsPropState))))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("rmsprop");
            assertThatThrownBy(() -> adam.load(new DataInputStream(new ByteArrayInputStream(text))))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not an optimizer state");
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void stepsAfterTheFirstLeaveNoNewArraysInTheParameterOrStateManagers(OptimizerSpec spec) {
        try (OptimizerFixture fixture = new OptimizerFixture();
                ParameterOptimizer optimizer = Optimizers.of(spec, stateManager)) {
            fixture.run(optimizer, 1); // creates the state
            int parameterArrays = fixture.manager.getManagedArrays().size();
            int stateArrays = stateManager.getManagedArrays().size();

            for (int t = 1; t < 5; t++) {
                fixture.backward(t);
                optimizer.step(fixture.parameters, OptimizerFixture.LR_FACTOR[t]);
                assertThat(fixture.manager.getManagedArrays()).as("after step %d", t + 1).hasSize(parameterArrays);
                assertThat(stateManager.getManagedArrays()).as("after step %d", t + 1).hasSize(stateArrays);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void skipsFrozenParametersAndZeroesTheGradientsItUsed(OptimizerSpec spec) {
        try (OptimizerFixture fixture = new OptimizerFixture();
                MomentOptimizer<?> optimizer = (MomentOptimizer<?>) Optimizers.of(spec, stateManager)) {
            fixture.p1.freeze(true);

            fixture.run(optimizer, 1);

            assertThat(OptimizerFixture.values(fixture.p1)).containsExactly(OptimizerFixture.P1);
            assertThat(optimizer.stepCount(1)).isZero();
            assertThat(optimizer.moment(1, 0)).isNull();
            assertThat(OptimizerFixture.values(fixture.p0)).isNotEqualTo(OptimizerFixture.P0);
            try (NDArray gradient = fixture.p0.getArray().getGradient()) {
                assertThat(gradient.toFloatArray()).containsOnly(0f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void refusesAParameterListInAnotherOrder(OptimizerSpec spec) {
        try (OptimizerFixture fixture = new OptimizerFixture();
                ParameterOptimizer optimizer = Optimizers.of(spec, stateManager)) {
            fixture.run(optimizer, 1);

            assertThatThrownBy(() -> optimizer.step(List.of(fixture.p1, fixture.p0), 1.0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("same order");
            assertThatThrownBy(() -> optimizer.step(List.of(fixture.p0), 1.0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 parameters");
            assertThatThrownBy(() -> optimizer.step(fixture.parameters, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lrFactor");
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void restoredStateRefusesParametersOfAnotherShape(OptimizerSpec spec) throws IOException {
        try (OptimizerFixture fixture = new OptimizerFixture();
                ParameterOptimizer first = Optimizers.of(spec, stateManager);
                ParameterOptimizer second = Optimizers.of(spec, stateManager)) {
            fixture.run(first, 1);
            second.load(new DataInputStream(new ByteArrayInputStream(save(first))));

            assertThatThrownBy(() -> second.step(List.of(fixture.p1, fixture.p0), 1.0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shape");
        }
    }

    private static byte[] save(ParameterOptimizer optimizer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            optimizer.save(out);
        }
        return bytes.toByteArray();
    }
}
