package dev.stablegan.djl.testing;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;

/** Runs test code with autograd recording on, for tests that need a graph but no backward. */
public final class Autograd {

    private Autograd() {}

    /** Evaluates {@code body} inside a {@code GradientCollector} and returns its result. */
    public static <T> T recording(Supplier<T> body) {
        GradientCollector collector = Engine.getInstance().newGradientCollector();
        try {
            return body.get();
        } finally {
            collector.close();
        }
    }
}
