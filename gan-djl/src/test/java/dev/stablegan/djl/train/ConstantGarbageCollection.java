package dev.stablegan.djl.train;

import java.util.function.Supplier;

/**
 * Runs code while another thread calls the garbage collector in a loop: a tensor whose memory Java owns and autograd
 * keeps (DJL's scalar for {@code x.mul(0.5)}) is then freed before backward reads it, so results differ from an
 * undisturbed run. Tests compare the two bit for bit.
 */
final class ConstantGarbageCollection {
    private ConstantGarbageCollection() {}

    static <T> T during(Supplier<T> work) throws InterruptedException {
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
            }
        }, "constant-gc");
        collector.setDaemon(true);
        collector.start();
        try {
            return work.get();
        } finally {
            collector.interrupt();
            collector.join();
        }
    }
}
