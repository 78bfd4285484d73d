package dev.stablegan.djl.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;

/**
 * The permutation-invariant MNIST networks of the semi-supervised GAN (Salimans et al. 2016, section 5.1;
 * {@code openai/improved-gan}, {@code mnist_svhn_cifar10/train_mnist_feature_matching.py}).
 *
 * <p>Discriminator body: Gaussian noise 0.3 on the 784 pixels, then weight-normalized dense layers of 1000,
 * 500, 250, 250, 250 ReLU units (scale fixed after the data-dependent start, as the authors' hidden layers;
 * directions drawn from {@code N(0, 0.1^2)} as their {@code DenseLayer}), with Gaussian noise 0.5 between them.
 * The last ReLU's output, before its noise, is the feature layer of feature matching (the authors'
 * {@code layers[-3]}): noise there would swamp the small differences of mean features late in training.
 * Head: Gaussian noise 0.5, then a weight-normalized dense layer with a learned scale to the K class logits.
 * Generator: uniform noise of 100, dense 500 with batch norm (a learned shift, no scale, as the authors'
 * {@code batch_norm(..., g=None)}) and softplus, twice, then a weight-normalized
 * dense layer to 784 with a sigmoid (pixels in [0, 1]).
 */
public final class SemiSupervisedNetworks {
    public static final int MNIST_PIXELS = 784;
    public static final int LATENT_DIM = 100;
    static final int[] HIDDEN = {1000, 500, 250, 250, 250};
    static final double INPUT_NOISE = 0.3;
    static final double HIDDEN_NOISE = 0.5;
    /** Spread of the discriminator's initial directions; with Adam's per-element steps it sets their angular rate. */
    static final double DIRECTION_STD = 0.1;

    private SemiSupervisedNetworks() {}

    /** The discriminator up to and including its last hidden layer (the features matched by the generator). */
    public static SequentialBlock mnistDiscriminatorBody() {
        SequentialBlock body = new SequentialBlock();
        body.add(new GaussianNoise(INPUT_NOISE));
        for (int i = 0; i < HIDDEN.length; i++) {
            if (i > 0) {
                body.add(new GaussianNoise(HIDDEN_NOISE));
            }
            body.add(new WeightNormLinear(HIDDEN[i], false, DIRECTION_STD));
            body.add(Activation.reluBlock());
        }
        return body;
    }

    /** Features to {@code classes} logits. */
    public static SequentialBlock mnistDiscriminatorHead(int classes) {
        SequentialBlock head = new SequentialBlock();
        head.add(new GaussianNoise(HIDDEN_NOISE));
        head.add(new WeightNormLinear(classes, true, DIRECTION_STD));
        return head;
    }

    /** Latent {@value #LATENT_DIM} to 784 pixels in [0, 1]. */
    public static Block mnistGenerator() {
        SequentialBlock g = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            g.add(Networks.torchDefault(ai.djl.nn.core.Linear.builder().setUnits(500).optBias(false).build(),
                    i == 0 ? LATENT_DIM : 500));
            g.add(BatchNorm.builder().optAxis(1).optMomentum(0.9f).optEpsilon(1e-6f).optScale(false).build());
            g.add(Activation.softPlusBlock());
        }
        g.add(new WeightNormLinear(MNIST_PIXELS));
        g.add(Activation.sigmoidBlock());
        return g;
    }
}
