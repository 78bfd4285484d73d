package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * What one update produced, for its {@link Regularizer}s: the batches and the critic's outputs on them.
 *
 * @param scope the update's manager; terms and temporaries belong here
 * @param real the real batch ({@code null} in a generator update without feature matching)
 * @param fake the generated batch (detached in a critic update, in the graph in a generator update)
 * @param dReal the critic's outputs on {@code real} ({@code null} where {@code real} is)
 * @param dFake the critic's outputs on {@code fake} ({@code null} in a generator update with feature matching)
 * @param critic the critic in training mode, for terms that evaluate it elsewhere (input gradients)
 * @param report records a scalar of the step under a name, such as {@code gradient_penalty}; read only on logging steps
 */
public record Update(NDManager scope, NDArray real, NDArray fake, NDArray dReal, NDArray dFake, UnaryOperator<NDArray> critic,
        BiConsumer<String, NDArray> report) {}
