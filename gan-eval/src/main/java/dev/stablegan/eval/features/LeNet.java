package dev.stablegan.eval.features;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.stablegan.djl.nn.Networks;

/**
 * The small convolutional classifier behind the project's own domain scores (FID-LeNet-MNIST and friends), in
 * the spirit of LeCun et al. 1998.
 *
 * <p>Input {@code (N, 1, 28, 28)}, gray values scaled to {@code [0, 1]}. Body: 5x5 convolution to 32 channels
 * (padding 2), ReLU, 2x2 max pool; 5x5 convolution to 64 (padding 2), ReLU, 2x2 max pool; flatten
 * ({@code 64 * 7 * 7 = 3136}); linear to {@value #FEATURE_DIM}, ReLU: the feature layer. Head: linear to
 * {@value #CLASSES} logits. PyTorch's default initialization; 455,370 parameters.
 */
public final class LeNet {
    public static final int SIDE = 28;
    public static final int FEATURE_DIM = 128;
    public static final int CLASSES = 10;

    private LeNet() {}

    /** A new, uninitialized network whose two children are the body (to the features) and the head (to the logits). */
    public static SequentialBlock network() {
        SequentialBlock body = new SequentialBlock();
        body.add(convolution(32, 1));
        body.add(Activation.reluBlock());
        body.add(Pool.maxPool2dBlock(new Shape(2, 2)));
        body.add(convolution(64, 32));
        body.add(Activation.reluBlock());
        body.add(Pool.maxPool2dBlock(new Shape(2, 2)));
        body.add(Blocks.batchFlattenBlock());
        body.add(Networks.torchDefault(Linear.builder().setUnits(FEATURE_DIM).build(), 64L * 7 * 7));
        body.add(Activation.reluBlock());
        SequentialBlock net = new SequentialBlock();
        net.add(body);
        net.add(Networks.torchDefault(Linear.builder().setUnits(CLASSES).build(), FEATURE_DIM));
        return net;
    }

    /** Initializes {@code net} for 28 x 28 gray input; seed the engine first for reproducible values. */
    public static void initialize(Block net, NDManager manager) {
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIDE, SIDE));
    }

    /** The body of a {@link #network()}: input to the {@value #FEATURE_DIM}-d features. */
    public static Block body(SequentialBlock net) {
        return net.getChildren().get(0).getValue();
    }

    /** The head of a {@link #network()}: features to logits. */
    public static Block head(SequentialBlock net) {
        return net.getChildren().get(1).getValue();
    }

    private static Block convolution(int filters, int inChannels) {
        Block conv = Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(filters).optPadding(new Shape(2, 2)).build();
        return Networks.torchDefault(conv, inChannels * 25L);
    }
}
