package dev.stablegan.djl.regularizer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.stablegan.djl.engine.InputGradients;
import dev.stablegan.djl.engine.TorchInputGradients;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * WGAN-GP critic steps (Wasserstein loss + gradient penalty, one backward) on a DCGAN-size critic for
 * 3x32x32 images, printing the resident memory (VmRSS) so that growth per step is visible. Run by hand:
 *
 * <pre>
 * java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -Dai.djl.pytorch.num_threads=2 -cp CLASSPATH \
 *     dev.stablegan.djl.regularizer.GradientPenaltyMemoryBenchmark [module|backward] STEPS EVERY
 * </pre>
 *
 * A fixed, pre-touched Java heap keeps heap growth out of VmRSS, so what still grows is native memory.
 *
 * {@code module} uses {@link TorchInputGradients}; {@code backward} the leaking alternative
 * {@code JniUtils.backward(..., createGraph=true)}, here only for comparison (it also leaves the critic's own
 * gradient in the parameters' gradients, so its penalty gradients would be wrong without extra zeroing).
 */
final class GradientPenaltyMemoryBenchmark {

    private GradientPenaltyMemoryBenchmark() {}

    public static void main(String[] args) {
        String variant = args.length > 0 ? args[0] : "module";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        System.out.printf("variant=%s steps=%d batch=64 critic=DCGAN 3x32x32 threads=%s%n", variant, steps,
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        try (NDManager manager = NDManager.newBaseManager();
                InputGradients gradients =
                        "backward".equals(variant) ? new BackwardInputGradients() : TorchInputGradients.load(dev.stablegan.djl.Devices.defaultDevice())) {
            Block critic = dcganCritic();
            critic.initialize(manager, DataType.FLOAT32, new Shape(64, 3, 32, 32));
            run(manager, critic, new Shape(3, 32, 32), 64, gradients, steps, every, System.out);
        }
    }

    /** {@code 3x32x32 -> conv 64, 128, 256 (4x4, stride 2) with leaky ReLU -> linear 1}; about 0.66M weights. */
    static Block dcganCritic() {
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {64, 128, 256}) {
            block.add(Conv2d.builder()
                            .setKernelShape(new Shape(4, 4))
                            .optStride(new Shape(2, 2))
                            .optPadding(new Shape(1, 1))
                            .setFilters(filters)
                            .build())
                    .add(Activation.leakyReluBlock(0.2f));
        }
        return block.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(1).build());
    }

    /**
     * Runs {@code steps} critic steps, each in its own child manager, and returns VmRSS in MiB after every
     * {@code every} steps (also printed to {@code log}).
     */
    static List<Double> run(NDManager manager, Block critic, Shape exampleShape, int batch,
            InputGradients gradients, int steps, int every, PrintStream log) {
        ParameterStore store = new ParameterStore(manager, false);
        UnaryOperator<NDArray> score = x -> critic.forward(store, new NDList(x), true).singletonOrThrow();
        Shape batchShape = new Shape(batch).addAll(exampleShape);
        List<Double> resident = new ArrayList<>();
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            zeroGradients(critic);
            try (NDManager scope = manager.newSubManager()) {
                NDArray real = scope.randomUniform(-1, 1, batchShape);
                NDArray fake = scope.randomUniform(-1, 1, batchShape);
                NDArray eps = scope.randomUniform(0, 1, new Shape(batch));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = score.apply(fake).mean().sub(score.apply(real).mean());
                    GradientPenalty.Result penalty =
                            GradientPenalty.compute(score, real, fake, eps, 10, false, gradients);
                    collector.backward(loss.add(penalty.penalty()));
                }
            }
            if (step % every == 0) {
                double megabytes = residentMegabytes();
                resident.add(megabytes);
                Runtime runtime = Runtime.getRuntime();
                log.printf("step %5d  VmRSS %7.1f MiB  Java heap committed %6.1f MiB  %6.1f ms/step%n", step,
                        megabytes, runtime.totalMemory() / 1048576.0, (System.nanoTime() - start) / 1e6 / step);
            }
        }
        return resident;
    }

    private static void zeroGradients(Block critic) {
        for (Parameter parameter : critic.getParameters().values()) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                gradient.subi(gradient);
            }
        }
    }

    static double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("No VmRSS line in /proc/self/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The leaking alternative, for comparison only: backward with create_graph, then read input.grad. */
    private static final class BackwardInputGradients implements InputGradients {
        @Override
        public NDArray gradient(NDArray output, NDArray input) {
            NDArray total = output.sum();
            try (NDArray seed = total.onesLike()) {
                JniUtils.backward((PtNDArray) total, (PtNDArray) seed, true, true);
            }
            return input.getGradient();
        }

        @Override
        public void close() {}
    }
}
