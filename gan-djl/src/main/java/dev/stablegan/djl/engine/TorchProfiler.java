package dev.stablegan.djl.engine;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * PyTorch's own profiler around a piece of work, through DJL's PyTorch engine: every operator libtorch runs is recorded
 * and written as a Chrome trace, the same format {@code torch.autograd.profiler} exports in Python, so operator counts
 * of this library and of a Python peer can be compared by one script ({@code scripts/count_ops.py}).
 */
public final class TorchProfiler {
    private TorchProfiler() {}

    /**
     * Runs {@code work} with the profiler on (CPU operators; no shapes, no memory) and writes the trace to {@code trace}.
     * Not reentrant: the engine has one profiler.
     */
    public static void trace(Path trace, Runnable work) {
        JniUtils.startProfile(false, false, false);
        try {
            work.run();
        } finally {
            JniUtils.stopProfile(trace.toAbsolutePath().toString());
        }
    }
}
