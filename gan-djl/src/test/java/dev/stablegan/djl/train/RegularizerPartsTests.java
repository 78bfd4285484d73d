package dev.stablegan.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RegularizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.TechniquesSpec;
import dev.stablegan.api.TechniquesSpec.FeatureDistance;
import dev.stablegan.djl.TensorConstants;
import dev.stablegan.djl.regularizer.Regularizer;
import dev.stablegan.djl.regularizer.RegularizerFactory;
import dev.stablegan.djl.regularizer.RegularizerSetup;
import dev.stablegan.djl.regularizer.Update;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: regularizers as parts of the spec, one interface for the built-in ones and an application's own. */
class RegularizerPartsTests {
    @TempDir
    Path dir;

    private static final OptimizerSpec ADAM = new OptimizerSpec.Adam(1e-3, 0.5, 0.9);

    /** Uniform points in the unit square. */
    static final class Square implements BatchSource {
        @Override
        public long[] exampleShape() {
            return new long[] {2};
        }

        @Override
        public NDArray next(NDManager manager, RandomStream random, int batchSize) {
            return manager.create(random.uniforms(2 * batchSize), new Shape(batchSize, 2));
        }

        @Override
        public String identity() {
            return "test:square";
        }
    }

    private static GanSpec spec(ObjectiveSpec objective, TechniquesSpec techniques, RegularizerSpec... regularizers) {
        return new GanSpec(new NetworkSpec.Mlp(2, 16, 2, 2), new NetworkSpec.Mlp(2, 16, 2, 1), objective, ADAM, ADAM,
                new ScheduleSpec(2, 4, 8, false), 7, techniques, List.of(regularizers));
    }

    /** Every step's scalars and then every parameter, after {@code steps} steps. */
    private static List<Object> trace(GanSpec spec, int steps) {
        List<Object> out = new ArrayList<>();
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, new Square())) {
            for (int i = 0; i < steps; i++) {
                out.add(trainer.step().scalars());
            }
            for (var p : trainer.generator().getParameters()) {
                out.add(java.util.Arrays.toString(p.getValue().getArray().toFloatArray()));
            }
            for (var p : trainer.critic().getParameters()) {
                out.add(java.util.Arrays.toString(p.getValue().getArray().toFloatArray()));
            }
        }
        return out;
    }

    @Test
    void theObjectivesAndTechniquesShorthandsAreTheSamePartsAsTheList() {
        assertThat(trace(spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE, new RegularizerSpec.GradientPenalty(10, true)), 3))
                .isEqualTo(trace(spec(new ObjectiveSpec.WganGp(10, true), TechniquesSpec.NONE), 3));
        assertThat(trace(spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE, new RegularizerSpec.WeightClipping(0.05)), 3))
                .isEqualTo(trace(spec(new ObjectiveSpec.WganClip(0.05), TechniquesSpec.NONE), 3));
        ObjectiveSpec minimax = new ObjectiveSpec.Minimax(true, 0.9);
        assertThat(trace(spec(minimax, TechniquesSpec.NONE, new RegularizerSpec.HistoricalAveraging(0.1),
                new RegularizerSpec.FeatureMatching(FeatureDistance.MEAN_ABSOLUTE)), 3))
                .isEqualTo(trace(spec(minimax, TechniquesSpec.NONE.withHistoricalAveraging(0.1).withFeatureMatching(FeatureDistance.MEAN_ABSOLUTE)), 3));
        // And the list is not ignored: without the penalty the run differs.
        assertThat(trace(spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE), 3))
                .isNotEqualTo(trace(spec(new ObjectiveSpec.WganGp(10, true), TechniquesSpec.NONE), 3));
    }

    @Test
    void aGradientPenaltyAndR1JoinAnyObjectiveAndAResumeRepeatsTheRun() throws IOException {
        GanSpec lsgan = spec(new ObjectiveSpec.LeastSquares(0, 1, 1), TechniquesSpec.NONE, new RegularizerSpec.R1(2.0),
                new RegularizerSpec.GradientPenalty(1, false));
        Map<String, Double> third;
        try (DjlGanTrainer trainer = DjlGanTrainer.create(lsgan, new Square())) {
            Map<String, Double> first = trainer.step().scalars();
            assertThat(first).containsKeys("r1_penalty", "gradient_penalty", "gradient_norm", "critic_loss");
            assertThat(first.get("r1_penalty")).isPositive().isFinite();
            trainer.step();
            trainer.saveCheckpoint(dir.resolve("r1.ckpt"));
            third = trainer.step().scalars();
        }
        assertThat(SpecJson.fromJson(SpecJson.toJson(lsgan))).isEqualTo(lsgan);
        try (DjlGanTrainer resumed = DjlGanTrainer.create(lsgan, new Square())) {
            resumed.resume(dir.resolve("r1.ckpt"));
            assertThat(resumed.step().scalars()).isEqualTo(third);
        }
        GanSpec withoutR1 = spec(new ObjectiveSpec.LeastSquares(0, 1, 1), TechniquesSpec.NONE, new RegularizerSpec.GradientPenalty(1, false));
        try (DjlGanTrainer other = DjlGanTrainer.create(withoutR1, new Square())) {
            assertThatThrownBy(() -> other.resume(dir.resolve("r1.ckpt"))).hasMessageContaining("regularizers");
        }
    }

    /** An application's own regularizer: {@code weight * sum of the critic's squared weights}, counting its constraint calls. */
    public static final class SquaredWeights implements RegularizerFactory {
        static final AtomicInteger AFTER_STEPS = new AtomicInteger();

        @Override
        public Regularizer create(Map<String, Double> settings, RegularizerSetup setup) {
            Double weight = settings.get("weight");
            if (weight == null) {
                throw new IllegalArgumentException("regularizers.custom.settings.weight: missing");
            }
            List<Parameter> critic = setup.criticParameters();
            return new Regularizer() {
                @Override
                public Player player() {
                    return Player.CRITIC;
                }

                @Override
                public NDArray term(Update u) {
                    NDArray sum = null;
                    for (Parameter p : critic) {
                        NDArray s = p.getArray().square().sum();
                        sum = sum == null ? s : sum.add(s);
                    }
                    u.report().accept("squared_weights", sum);
                    return sum.mul(TensorConstants.scalar(u.scope(), weight, sum.getDataType()));
                }

                @Override
                public void afterStep(NDManager scope) {
                    AFTER_STEPS.incrementAndGet();
                }
            };
        }
    }

    @Test
    void anApplicationsRegularizerJoinsTheCriticsLossFromTheSpecAlone() {
        RegularizerSpec own = new RegularizerSpec.Custom(SquaredWeights.class.getName(), Map.of("weight", 0.5));
        GanSpec spec = spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE, own);
        SquaredWeights.AFTER_STEPS.set(0);
        List<Object> with = trace(spec, 2);
        assertThat(SquaredWeights.AFTER_STEPS.get()).as("two critic updates per step").isEqualTo(4);
        @SuppressWarnings("unchecked")
        Map<String, Double> first = (Map<String, Double>) with.get(0);
        assertThat(first.get("squared_weights")).isPositive();
        assertThat(with.subList(2, with.size())).as("the term changes training")
                .isNotEqualTo(trace(spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE), 2).subList(2, with.size()));
        JsonObject json = SpecJson.toJson(spec);
        assertThat(json.getAsJsonArray("regularizers").get(0).getAsJsonObject().get("factory").getAsString())
                .isEqualTo(SquaredWeights.class.getName());
        assertThat(SpecJson.fromJson(json)).isEqualTo(spec);

        GanSpec unknown = spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE, new RegularizerSpec.Custom("com.example.Missing", Map.of()));
        assertThatThrownBy(() -> DjlGanTrainer.create(unknown, new Square())).hasMessageContaining("regularizers.custom.factory")
                .hasMessageContaining("com.example.Missing");
        GanSpec noWeight = spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE, new RegularizerSpec.Custom(SquaredWeights.class.getName(), Map.of()));
        assertThatThrownBy(() -> DjlGanTrainer.create(noWeight, new Square())).hasMessageContaining("settings.weight");
    }

    @Test
    void aRegularizerGivenTwiceOrAlsoByTheObjectiveIsRefusedByName() {
        assertThatThrownBy(() -> spec(new ObjectiveSpec.WganGp(10, false), TechniquesSpec.NONE, new RegularizerSpec.GradientPenalty(10, false)))
                .hasMessageContaining("gradient-penalty").hasMessageContaining("objective wgan-gp");
        assertThatThrownBy(() -> spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE.withHistoricalAveraging(0.1),
                new RegularizerSpec.HistoricalAveraging(0.2))).hasMessageContaining("techniques.historicalAveraging");
        assertThatThrownBy(() -> spec(new ObjectiveSpec.Wgan(), TechniquesSpec.NONE, new RegularizerSpec.R1(1), new RegularizerSpec.R1(2)))
                .hasMessageContaining("r1 appears twice");
        assertThatThrownBy(() -> new RegularizerSpec.R1(-1)).hasMessageContaining("regularizers.r1.gamma");
        assertThatThrownBy(() -> new RegularizerSpec.Custom(" ", Map.of())).hasMessageContaining("regularizers.custom.factory");
    }

    @Test
    void specsWithoutTheListReadAsBeforeAndABadEntryIsNamed() {
        GanSpec plain = spec(new ObjectiveSpec.WganGp(10, false), TechniquesSpec.NONE);
        JsonObject json = SpecJson.toJson(plain);
        assertThat(json.has("regularizers")).as("nothing new in the files of runs without the list").isFalse();
        assertThat(SpecJson.fromJson(json).regularizers()).isEmpty();
        json.add("regularizers", com.google.gson.JsonParser.parseString("[{\"name\": \"spectral\"}]"));
        assertThatThrownBy(() -> SpecJson.fromJson(json)).hasMessageContaining("regularizers[0].name").hasMessageContaining("spectral");
        json.add("regularizers", com.google.gson.JsonParser.parseString("[{\"name\": \"r1\"}]"));
        assertThatThrownBy(() -> SpecJson.fromJson(json)).hasMessageContaining("regularizers[0].gamma: missing");
    }
}
