package dev.stablegan.djl.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.ImageArchitecture;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.RegularizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.api.TechniquesSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link GanSpec} as JSON and reads it back exactly, so checkpoints and summaries carry the whole
 * spec. Unknown types or missing fields fail with an {@link IllegalArgumentException} naming the field.
 */
public final class SpecJson {
    private SpecJson() {}

    public static JsonObject toJson(GanSpec spec) {
        JsonObject o = new JsonObject();
        o.add("generator", network(spec.generator()));
        o.add("critic", network(spec.critic()));
        o.add("objective", objective(spec.objective()));
        o.add("generatorOptimizer", optimizer(spec.generatorOptimizer()));
        o.add("criticOptimizer", optimizer(spec.criticOptimizer()));
        JsonObject s = new JsonObject();
        s.addProperty("criticSteps", spec.schedule().criticSteps());
        s.addProperty("generatorSteps", spec.schedule().generatorSteps());
        s.addProperty("batchSize", spec.schedule().batchSize());
        s.addProperty("linearDecay", spec.schedule().linearDecay());
        o.add("schedule", s);
        o.addProperty("seed", spec.seed());
        if (!spec.techniques().isNone()) { // absent means none: specs written before techniques existed read the same
            o.add("techniques", techniques(spec.techniques()));
        }
        if (!spec.regularizers().isEmpty()) { // absent means none, as in every spec written before the list existed
            JsonArray list = new JsonArray();
            spec.regularizers().forEach(r -> list.add(regularizer(r)));
            o.add("regularizers", list);
        }
        return o;
    }

    private static JsonObject regularizer(RegularizerSpec r) {
        JsonObject o = new JsonObject();
        o.addProperty("name", r.name());
        if (r instanceof RegularizerSpec.GradientPenalty gp) {
            o.addProperty("lambda", gp.lambda());
            o.addProperty("oneSided", gp.oneSided());
        } else if (r instanceof RegularizerSpec.WeightClipping c) {
            o.addProperty("clip", c.clip());
        } else if (r instanceof RegularizerSpec.R1 r1) {
            o.addProperty("gamma", r1.gamma());
        } else if (r instanceof RegularizerSpec.HistoricalAveraging ha) {
            o.addProperty("weight", ha.weight());
        } else if (r instanceof RegularizerSpec.FeatureMatching fm) {
            o.addProperty("distance", fm.distance().name().toLowerCase(Locale.ROOT));
        } else if (r instanceof RegularizerSpec.Custom c) {
            o.addProperty("factory", c.factory());
            JsonObject settings = new JsonObject();
            c.settings().forEach(settings::addProperty);
            o.add("settings", settings);
        }
        return o;
    }

    /** The distance named {@code text} ({@code mean_absolute}, ...), or an error naming {@code field} and the choices. */
    private static TechniquesSpec.FeatureDistance featureDistance(String text, String field, String otherChoices) {
        try {
            return TechniquesSpec.FeatureDistance.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": unknown distance '" + text + "' (" + otherChoices
                    + Arrays.stream(TechniquesSpec.FeatureDistance.values()).map(d -> d.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")) + ")", e);
        }
    }

    private static List<RegularizerSpec> regularizers(JsonObject spec) {
        JsonElement e = spec.get("regularizers");
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("regularizers: must be a list, got " + e);
        }
        List<RegularizerSpec> list = new ArrayList<>();
        for (int i = 0; i < e.getAsJsonArray().size(); i++) {
            JsonElement item = e.getAsJsonArray().get(i);
            String path = "regularizers[" + i + "]";
            if (!item.isJsonObject()) {
                throw new IllegalArgumentException(path + ": must be an object, got " + item);
            }
            list.add(regularizer(item.getAsJsonObject(), path));
        }
        return list;
    }

    private static RegularizerSpec regularizer(JsonObject o, String path) {
        String name = field(o, path + ".name").getAsString();
        return switch (name) {
            case "gradient-penalty" -> new RegularizerSpec.GradientPenalty(number(o, path + ".lambda").doubleValue(),
                    field(o, path + ".oneSided").getAsBoolean());
            case "weight-clipping" -> new RegularizerSpec.WeightClipping(number(o, path + ".clip").doubleValue());
            case "r1" -> new RegularizerSpec.R1(number(o, path + ".gamma").doubleValue());
            case "historical-averaging" -> new RegularizerSpec.HistoricalAveraging(number(o, path + ".weight").doubleValue());
            case "feature-matching" -> new RegularizerSpec.FeatureMatching(
                    featureDistance(field(o, path + ".distance").getAsString(), path + ".distance", ""));
            case "custom" -> {
                Map<String, Double> settings = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> e : object(o, path + ".settings").entrySet()) {
                    JsonElement v = e.getValue();
                    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                        throw new IllegalArgumentException(path + ".settings." + e.getKey() + ": must be a number, got " + v);
                    }
                    settings.put(e.getKey(), v.getAsDouble());
                }
                yield new RegularizerSpec.Custom(field(o, path + ".factory").getAsString(), settings);
            }
            default -> throw new IllegalArgumentException(path + ".name: unknown regularizer '" + name
                    + "' (gradient-penalty, weight-clipping, r1, historical-averaging, feature-matching, custom)");
        };
    }

    private static JsonObject techniques(TechniquesSpec t) {
        JsonObject o = new JsonObject();
        o.addProperty("featureMatching", t.featureMatching() == null ? "off" : t.featureMatching().name().toLowerCase(Locale.ROOT));
        o.addProperty("historicalAveraging", t.historicalAveraging());
        o.addProperty("minibatchKernels", t.minibatchKernels());
        o.addProperty("minibatchKernelDims", t.minibatchKernelDims());
        o.addProperty("virtualBatchReference", t.virtualBatchReference());
        return o;
    }

    private static TechniquesSpec techniques(JsonObject o) {
        String fm = field(o, "techniques.featureMatching").getAsString();
        TechniquesSpec.FeatureDistance distance = fm.equals("off") ? null : featureDistance(fm, "techniques.featureMatching", "off, ");
        return new TechniquesSpec(distance, number(o, "techniques.historicalAveraging").doubleValue(),
                integer(o, "techniques.minibatchKernels"), integer(o, "techniques.minibatchKernelDims"),
                integer(o, "techniques.virtualBatchReference"));
    }

    public static String toJsonString(GanSpec spec) {
        return toJson(spec).toString();
    }

    public static GanSpec fromJson(String json) {
        try {
            return fromJson(JsonParser.parseString(json).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("spec: not a JSON object: " + e.getMessage(), e);
        }
    }

    public static GanSpec fromJson(JsonObject o) {
        JsonObject s = object(o, "schedule");
        ScheduleSpec schedule = new ScheduleSpec(integer(s, "schedule.criticSteps"),
                number(s, "schedule.generatorSteps").longValue(), integer(s, "schedule.batchSize"),
                field(s, "schedule.linearDecay").getAsBoolean());
        return new GanSpec(network(object(o, "generator"), "generator"), network(object(o, "critic"), "critic"),
                objective(object(o, "objective")), optimizer(object(o, "generatorOptimizer"), "generatorOptimizer"),
                optimizer(object(o, "criticOptimizer"), "criticOptimizer"), schedule, number(o, "seed").longValue(),
                o.has("techniques") ? techniques(object(o, "techniques")) : TechniquesSpec.NONE,
                o.has("regularizers") ? regularizers(o) : List.of());
    }

    private static JsonObject network(NetworkSpec n) {
        JsonObject o = new JsonObject();
        if (n instanceof NetworkSpec.Mlp m) {
            o.addProperty("type", "mlp");
            o.addProperty("inputDim", m.inputDim());
            o.addProperty("width", m.width());
            o.addProperty("hiddenLayers", m.hiddenLayers());
            o.addProperty("outputDim", m.outputDim());
        } else if (n instanceof NetworkSpec.Dcgan32Generator g) {
            o.addProperty("type", "dcgan32-generator");
            o.addProperty("latentDim", g.latentDim());
            o.addProperty("channels", g.channels());
            o.addProperty("width", g.width());
        } else if (n instanceof NetworkSpec.Dcgan32Critic c) {
            o.addProperty("type", "dcgan32-critic");
            o.addProperty("channels", c.channels());
            o.addProperty("width", c.width());
        } else if (n instanceof NetworkSpec.ImageGenerator g) {
            o.addProperty("type", "image-generator");
            o.addProperty("architecture", g.architecture().id());
            o.addProperty("latentDim", g.latentDim());
            o.addProperty("channels", g.channels());
            o.addProperty("size", g.size());
            o.addProperty("width", g.width());
        } else if (n instanceof NetworkSpec.ImageCritic c) {
            o.addProperty("type", "image-critic");
            o.addProperty("architecture", c.architecture().id());
            o.addProperty("channels", c.channels());
            o.addProperty("size", c.size());
            o.addProperty("width", c.width());
            o.addProperty("normalization", c.normalization().name().toLowerCase(Locale.ROOT));
        } else if (n instanceof NetworkSpec.CustomImageGenerator g) {
            o.addProperty("type", "custom-image-generator");
            o.addProperty("factory", g.factory());
            o.addProperty("latentDim", g.latentDim());
            o.addProperty("channels", g.channels());
            o.addProperty("size", g.size());
            o.addProperty("width", g.width());
        } else if (n instanceof NetworkSpec.CustomImageCritic c) {
            o.addProperty("type", "custom-image-critic");
            o.addProperty("factory", c.factory());
            o.addProperty("channels", c.channels());
            o.addProperty("size", c.size());
            o.addProperty("width", c.width());
            o.addProperty("normalization", c.normalization().name().toLowerCase(Locale.ROOT));
        } else if (n instanceof NetworkSpec.Custom c) {
            o.addProperty("type", "custom");
            o.addProperty("factory", c.factory());
            o.addProperty("role", c.role());
            o.add("input", new com.google.gson.Gson().toJsonTree(c.input()));
            o.add("output", new com.google.gson.Gson().toJsonTree(c.output()));
        } else if (n instanceof NetworkSpec.CharResNetGenerator g) {
            o.addProperty("type", "char-resnet-generator");
            o.addProperty("latentDim", g.latentDim());
            o.addProperty("vocab", g.vocab());
            o.addProperty("length", g.length());
            o.addProperty("dim", g.dim());
            o.addProperty("blocks", g.blocks());
        } else if (n instanceof NetworkSpec.CharResNetCritic c) {
            o.addProperty("type", "char-resnet-critic");
            o.addProperty("vocab", c.vocab());
            o.addProperty("length", c.length());
            o.addProperty("dim", c.dim());
            o.addProperty("blocks", c.blocks());
        } else {
            throw new IllegalArgumentException("network: no JSON form for " + n);
        }
        return o;
    }

    private static java.util.List<Long> longs(JsonObject o, String field, String name) {
        JsonElement e = field(o, field + "." + name);
        java.util.List<Long> out = new java.util.ArrayList<>();
        try {
            for (JsonElement d : e.getAsJsonArray()) {
                out.add(d.getAsLong());
            }
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException(field + "." + name + ": not a list of sizes: " + e, ex);
        }
        return out;
    }

    private static NetworkSpec network(JsonObject o, String field) {
        String type = field(o, field + ".type").getAsString();
        return switch (type) {
            case "mlp" -> new NetworkSpec.Mlp(integer(o, field + ".inputDim"), integer(o, field + ".width"),
                    integer(o, field + ".hiddenLayers"), integer(o, field + ".outputDim"));
            case "dcgan32-generator" -> new NetworkSpec.Dcgan32Generator(integer(o, field + ".latentDim"),
                    integer(o, field + ".channels"), integer(o, field + ".width"));
            case "dcgan32-critic" -> new NetworkSpec.Dcgan32Critic(integer(o, field + ".channels"),
                    integer(o, field + ".width"));
            case "image-generator" -> new NetworkSpec.ImageGenerator(architecture(o, field), integer(o, field + ".latentDim"),
                    integer(o, field + ".channels"), integer(o, field + ".size"), integer(o, field + ".width"));
            case "image-critic" -> new NetworkSpec.ImageCritic(architecture(o, field), integer(o, field + ".channels"),
                    integer(o, field + ".size"), integer(o, field + ".width"), normalization(o, field));
            case "custom-image-generator" -> new NetworkSpec.CustomImageGenerator(field(o, field + ".factory").getAsString(),
                    integer(o, field + ".latentDim"), integer(o, field + ".channels"), integer(o, field + ".size"),
                    integer(o, field + ".width"));
            case "custom-image-critic" -> new NetworkSpec.CustomImageCritic(field(o, field + ".factory").getAsString(),
                    integer(o, field + ".channels"), integer(o, field + ".size"), integer(o, field + ".width"), normalization(o, field));
            case "custom" -> new NetworkSpec.Custom(field(o, field + ".factory").getAsString(), field(o, field + ".role").getAsString(),
                    longs(o, field, "input"), longs(o, field, "output"));
            case "char-resnet-generator" -> new NetworkSpec.CharResNetGenerator(integer(o, field + ".latentDim"),
                    integer(o, field + ".vocab"), integer(o, field + ".length"), integer(o, field + ".dim"),
                    integer(o, field + ".blocks"));
            case "char-resnet-critic" -> new NetworkSpec.CharResNetCritic(integer(o, field + ".vocab"),
                    integer(o, field + ".length"), integer(o, field + ".dim"), integer(o, field + ".blocks"));
            default -> throw new IllegalArgumentException(field + ".type: unknown network type '" + type + "'");
        };
    }

    private static ImageArchitecture architecture(JsonObject o, String field) {
        try {
            return ImageArchitecture.byName(field(o, field + ".architecture").getAsString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ".architecture: " + e.getMessage(), e);
        }
    }

    private static NetworkSpec.Normalization normalization(JsonObject o, String field) {
        String name = field(o, field + ".normalization").getAsString();
        try {
            return NetworkSpec.Normalization.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ".normalization: unknown normalization '" + name + "' (batch, layer, none)", e);
        }
    }

    private static JsonObject objective(ObjectiveSpec spec) {
        JsonObject o = new JsonObject();
        o.addProperty("name", spec.name());
        if (spec instanceof ObjectiveSpec.WganClip c) {
            o.addProperty("clip", c.clip());
        } else if (spec instanceof ObjectiveSpec.WganGp gp) {
            o.addProperty("lambda", gp.lambda());
        } else if (spec instanceof ObjectiveSpec.Minimax m) {
            o.addProperty("realLabel", m.realLabel());
        } else if (spec instanceof ObjectiveSpec.LeastSquares ls) {
            o.addProperty("a", ls.a());
            o.addProperty("b", ls.b());
            o.addProperty("c", ls.c());
        }
        return o;
    }

    private static ObjectiveSpec objective(JsonObject o) {
        String name = field(o, "objective.name").getAsString();
        ObjectiveSpec base = ObjectiveSpec.byName(name);
        if (base instanceof ObjectiveSpec.WganClip) {
            return new ObjectiveSpec.WganClip(number(o, "objective.clip").doubleValue());
        } else if (base instanceof ObjectiveSpec.WganGp gp) {
            return new ObjectiveSpec.WganGp(number(o, "objective.lambda").doubleValue(), gp.oneSided());
        } else if (base instanceof ObjectiveSpec.Minimax m) {
            return new ObjectiveSpec.Minimax(m.nonSaturating(), number(o, "objective.realLabel").doubleValue());
        } else if (base instanceof ObjectiveSpec.LeastSquares) {
            return new ObjectiveSpec.LeastSquares(number(o, "objective.a").doubleValue(),
                    number(o, "objective.b").doubleValue(), number(o, "objective.c").doubleValue());
        }
        return base;
    }

    private static JsonObject optimizer(OptimizerSpec spec) {
        JsonObject o = new JsonObject();
        if (spec instanceof OptimizerSpec.Adam a) {
            o.addProperty("type", "adam");
            o.addProperty("learningRate", a.learningRate());
            o.addProperty("beta1", a.beta1());
            o.addProperty("beta2", a.beta2());
            o.addProperty("epsilon", a.epsilon());
        } else if (spec instanceof OptimizerSpec.RmsProp r) {
            o.addProperty("type", "rmsprop");
            o.addProperty("learningRate", r.learningRate());
            o.addProperty("alpha", r.alpha());
            o.addProperty("epsilon", r.epsilon());
        }
        return o;
    }

    private static OptimizerSpec optimizer(JsonObject o, String field) {
        String type = field(o, field + ".type").getAsString();
        return switch (type) {
            case "adam" -> new OptimizerSpec.Adam(number(o, field + ".learningRate").doubleValue(),
                    number(o, field + ".beta1").doubleValue(), number(o, field + ".beta2").doubleValue(),
                    number(o, field + ".epsilon").doubleValue());
            case "rmsprop" -> new OptimizerSpec.RmsProp(number(o, field + ".learningRate").doubleValue(),
                    number(o, field + ".alpha").doubleValue(), number(o, field + ".epsilon").doubleValue());
            default -> throw new IllegalArgumentException(field + ".type: unknown optimizer '" + type + "'");
        };
    }

    private static JsonElement field(JsonObject o, String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(path + ": missing");
        }
        return e;
    }

    private static JsonObject object(JsonObject o, String path) {
        JsonElement e = field(o, path);
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(path + ": must be an object");
        }
        return e.getAsJsonObject();
    }

    private static Number number(JsonObject o, String path) {
        JsonElement e = field(o, path);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(path + ": must be a number, got " + e);
        }
        return e.getAsNumber();
    }

    private static int integer(JsonObject o, String path) {
        double v = number(o, path).doubleValue();
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(path + ": must be an integer, got " + v);
        }
        return (int) v;
    }
}
