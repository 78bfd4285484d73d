package dev.stablegan.api;

/** An optimizer and its hyperparameters; the learning rate may decay linearly (see {@link ScheduleSpec}). */
public sealed interface OptimizerSpec {

    double learningRate();

    /**
     * Adam (Kingma and Ba 2015) as in {@code torch.optim.Adam}:
     * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
     * {@code theta -= lr (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps)}.
     * WGAN-GP uses {@code lr=1e-4, b1=0.5, b2=0.9} (toy) or {@code b1=0, b2=0.9}.
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerSpec {
        public Adam {
            SpecChecks.positive("optimizer.learningRate", learningRate);
            SpecChecks.inHalfOpenRange("optimizer.beta1", beta1, 0, 1);
            SpecChecks.inHalfOpenRange("optimizer.beta2", beta2, 0, 1);
            SpecChecks.positive("optimizer.epsilon", epsilon);
        }

        public Adam(double learningRate, double beta1, double beta2) {
            this(learningRate, beta1, beta2, 1e-8);
        }
    }

    /**
     * RMSProp as in {@code torch.optim.RMSprop} (no momentum, not centered):
     * {@code v = alpha v + (1-alpha) g^2}, {@code theta -= lr g / (sqrt(v) + eps)}; WGAN used lr 5e-5.
     */
    record RmsProp(double learningRate, double alpha, double epsilon) implements OptimizerSpec {
        public RmsProp {
            SpecChecks.positive("optimizer.learningRate", learningRate);
            SpecChecks.inHalfOpenRange("optimizer.alpha", alpha, 0, 1);
            SpecChecks.positive("optimizer.epsilon", epsilon);
        }

        public RmsProp(double learningRate) {
            this(learningRate, 0.99, 1e-8);
        }
    }
}
