package dev.stablegan.djl.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.stablegan.api.RandomStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One part of a player's update beside the objective: a term added to its loss, a constraint applied after its
 * optimizer step, or both. The training loop computes {@code loss = objective loss + sum of the player's terms}, runs
 * backward, steps the optimizer, then calls {@link #afterStep} on each part in order (Gulrajani et al. 2017, Alg. 1
 * and section 3; Salimans et al. 2016, section 3.3).
 *
 * <p>Parts are made from the spec's {@code RegularizerSpec}s ({@link Regularizers#build}); an application adds its
 * own through {@code RegularizerSpec.Custom} and a {@link RegularizerFactory}. Only the training loop runs backward.
 */
public interface Regularizer extends AutoCloseable {

    /** The two players. */
    enum Player { CRITIC, GENERATOR }

    /** Whose update this part joins. */
    Player player();

    /**
     * Draws what the update needs from the run's noise stream, before the forward passes (for example the
     * interpolation weights of the gradient penalty); the draw is part of the exact-resume contract. Default: nothing.
     */
    default void prepare(NDManager scope, RandomStream noise, int batch) {}

    /**
     * The term this part adds to the player's loss (a scalar in the update's autograd graph, made in
     * {@code update.scope()}), or {@code null} for none. Called inside the update's gradient collector, after the
     * objective's loss.
     */
    default NDArray term(Update update) {
        return null;
    }

    /** After the player's optimizer step (weight clipping clips here; historical averaging records). Default: nothing. */
    default void afterStep(NDManager scope) {}

    /** Writes the part's state to a checkpoint (default: none). */
    default void save(DataOutputStream out) throws IOException {}

    /** Reads what {@link #save} wrote. */
    default void load(DataInputStream in) throws IOException {}

    /** Whether {@link #save} writes anything (checkpoints keep the state of these parts only). */
    default boolean hasState() {
        return false;
    }

    @Override
    default void close() {}
}
