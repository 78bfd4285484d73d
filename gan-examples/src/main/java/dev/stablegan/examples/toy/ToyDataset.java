package dev.stablegan.examples.toy;

import dev.stablegan.api.Choices;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.eval.toy.ToyModes;
import java.util.List;
import java.util.Optional;

/**
 * The 2-D toy distributions of the WGAN-GP toy experiments (Gulrajani et al. 2017, section 4.1 and
 * Figure 1), defined as in the authors' {@code gan_toy.py}.
 *
 * <ul>
 *   <li>{@code 8gaussians}: centre {@code mu} drawn uniformly from {@code 2 (1,0), 2 (-1,0), 2 (0,1), 2 (0,-1)} and
 *       {@code 2 (+-1/sqrt 2, +-1/sqrt 2)}; point {@code (mu + 0.02 N(0, I)) / 1.414}.
 *   <li>{@code 25gaussians}: centre {@code (2x, 2y)} for {@code x, y in {-2..2}} drawn uniformly; point
 *       {@code (mu + 0.05 N(0, I)) / 2.828}.
 *   <li>{@code swissroll}: scikit-learn's {@code make_swiss_roll(noise=0.25)} columns 0 and 2, divided by 7.5:
 *       {@code t = 1.5 pi (1 + 2u)}, {@code u ~ U[0,1)}, point {@code (t cos t + 0.25 n1, t sin t + 0.25 n2) / 7.5}.
 * </ul>
 *
 * <p>One difference from the script, kept on purpose: for {@code 25gaussians} the script shuffles a fixed set of
 * 100,000 points (4,000 per mode) once and cycles through it; here every point is drawn afresh from the
 * mixture that set approximates, so a batch depends only on the {@link RandomStream} state. Per point the
 * stream is read in a fixed order (mode index, then the two normals; for the swiss roll {@code u}, then the
 * two normals), so sampling {@code n} then {@code m} points equals sampling {@code n + m} at once.
 */
public enum ToyDataset {
    EIGHT_GAUSSIANS("8gaussians", new Mixture(Centres.EIGHT, 0.02, 1.414)),
    TWENTY_FIVE_GAUSSIANS("25gaussians", new Mixture(Centres.grid(), 0.05, 2.828)),
    /** The roll is one continuous manifold: no modes, so the mode metrics do not apply. */
    SWISS_ROLL("swissroll", null);

    /** The mode centres, apart from the enum constants so that these can name them. */
    private static final class Centres {
        private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
        /** The eight centres before the division by 1.414, in the script's order. */
        static final double[][] EIGHT = {
            {2, 0}, {-2, 0}, {0, 2}, {0, -2},
            {2 * INV_SQRT2, 2 * INV_SQRT2}, {2 * INV_SQRT2, -2 * INV_SQRT2},
            {-2 * INV_SQRT2, 2 * INV_SQRT2}, {-2 * INV_SQRT2, -2 * INV_SQRT2}
        };

        /** The 25 centres {@code (2x, 2y)} before the division by 2.828, x outer and y inner as in the script. */
        static double[][] grid() {
            double[][] centres = new double[25][];
            int k = 0;
            for (int x = -2; x <= 2; x++) {
                for (int y = -2; y <= 2; y++) {
                    centres[k++] = new double[] {2 * x, 2 * y};
                }
            }
            return centres;
        }
    }

    /** A mixture of equal-weight Gaussians: point {@code (centre + noise N(0, I)) / divisor}. */
    private record Mixture(double[][] centres, double noise, double divisor) {
        void samplePoint(RandomStream random, float[] out, int offset) {
            double[] centre = centres[random.nextInt(centres.length)];
            double x = centre[0] + noise * random.nextGaussian();
            double y = centre[1] + noise * random.nextGaussian();
            out[offset] = (float) (x / divisor);
            out[offset + 1] = (float) (y / divisor);
        }

        ToyModes scaledModes() {
            double[][] scaled = new double[centres.length][];
            for (int k = 0; k < centres.length; k++) {
                scaled[k] = new double[] {centres[k][0] / divisor, centres[k][1] / divisor};
            }
            return new ToyModes(scaled, noise / divisor);
        }
    }

    private final String id;
    private final Mixture mixture;

    ToyDataset(String id, Mixture mixture) {
        this.id = id;
        this.mixture = mixture;
    }

    /** The name used on the command line and in provenance, such as {@code 8gaussians}. */
    public String id() {
        return id;
    }

    /** The accepted names, in declaration order. */
    public static List<String> names() {
        return Choices.ids(ToyDataset.class, ToyDataset::id);
    }

    /**
     * The dataset with this {@link #id()} (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException listing the accepted names when none matches
     */
    public static ToyDataset byName(String name) {
        return Choices.byId(ToyDataset.class, ToyDataset::id, name, "dataset: unknown toy dataset");
    }

    /**
     * The mode centres and per-mode standard deviation after scaling, for {@link ToyModes#evaluate}; empty when
     * the distribution has no modes.
     */
    public Optional<ToyModes> modes() {
        return Optional.ofNullable(mixture).map(Mixture::scaledModes);
    }

    /** {@code count} points as {@code x0, y0, x1, y1, ...} (the layout of a {@code [count, 2]} tensor). */
    public float[] sample(RandomStream random, int count) {
        if (random == null) {
            throw new IllegalArgumentException("random: is required");
        }
        SpecChecks.atLeast("count", count, 0);
        float[] out = new float[Math.multiplyExact(count, 2)];
        for (int i = 0; i < count; i++) {
            samplePoint(random, out, 2 * i);
        }
        return out;
    }

    /** {@code count} points as rows {@code {x, y}}, drawn exactly as {@link #sample(RandomStream, int)}. */
    public double[][] sampleRows(RandomStream random, int count) {
        float[] flat = sample(random, count);
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
        }
        return rows;
    }

    /** Writes one point at {@code out[offset]}, {@code out[offset + 1]}. */
    private void samplePoint(RandomStream random, float[] out, int offset) {
        if (mixture != null) {
            mixture.samplePoint(random, out, offset);
            return;
        }
        double t = 1.5 * Math.PI * (1.0 + 2.0 * random.nextDouble());
        double x = t * Math.cos(t) + 0.25 * random.nextGaussian();
        double z = t * Math.sin(t) + 0.25 * random.nextGaussian();
        out[offset] = (float) (x / 7.5);
        out[offset + 1] = (float) (z / 7.5);
    }
}
