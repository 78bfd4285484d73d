package dev.stablegan.examples.cli.eval;

import dev.stablegan.api.Json;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.eval.FeatureMatrix;
import dev.stablegan.eval.features.Extraction;
import dev.stablegan.eval.features.FeatureExtractor;
import dev.stablegan.eval.features.FeatureExtractors;
import dev.stablegan.eval.io.NpyFiles;
import dev.stablegan.eval.metric.FrechetDistance;
import dev.stablegan.eval.metric.InceptionScore;
import dev.stablegan.eval.metric.KernelInceptionDistance;
import dev.stablegan.eval.metric.NgramJensenShannon;
import dev.stablegan.eval.metric.PrecisionRecallDensityCoverage;
import dev.stablegan.examples.RunInfo;
import dev.stablegan.examples.cli.DeviceOption;
import dev.stablegan.examples.cli.EngineOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code ./gan eval METRIC}: sample scores from the command line, one JSON object on stdout per call (at least
 * {@code metric}, {@code value}, {@code std} where the metric has one, and provenance). Other tools call it,
 * so its fields only ever grow.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score samples: is, fid, kid, prdc, ngram-js. Prints one JSON object on stdout with metric, value,"
                + " std where the metric has one, sample counts and provenance (feature network, hashes, resize).",
            "Example: ./gan eval fid --real real.npy --fake fake.npy"},
        subcommands = {EvalCommand.Is.class, EvalCommand.Fid.class, EvalCommand.Kid.class, EvalCommand.Prdc.class,
            EvalCommand.NgramJs.class, CommandLine.HelpCommand.class})
public final class EvalCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalArgumentException("name a metric: is, fid, kid, prdc or ngram-js (./gan eval --help)");
    }

    /** Options every metric takes. */
    static final class Common {
        @Option(names = "--threads", paramLabel = "N",
                description = "PyTorch intra-op threads for the products (default: the number of processors, or the count of"
                        + " an engine already running in this JVM).")
        Integer threads;

        @Mixin
        DeviceOption device = new DeviceOption();

        void configure() {
            if (threads == null) {
                EngineSetup.configureUnlessLoaded(Runtime.getRuntime().availableProcessors());
            } else {
                EngineOptions.configure(threads);
            }
            device.apply(System.err);
        }
    }

    /** Adds provenance and prints {@code out} as one line of JSON. */
    static void print(CommandSpec spec, Map<String, Object> out, long startNanos) {
        Map<String, Object> provenance = RunInfo.provenance(true);
        provenance.put("seconds", (System.nanoTime() - startNanos) / 1e9);
        out.put("provenance", provenance);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(Json.write(out));
        stdout.flush();
    }

    static Map<String, Object> header(String metric, FeatureInputs.Loaded in) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        out.put("name", in.scoreSuffix() == null ? metric.toUpperCase(java.util.Locale.ROOT)
                : metric.toUpperCase(java.util.Locale.ROOT) + "-" + in.scoreSuffix());
        return out;
    }

    static void inputs(Map<String, Object> out, FeatureInputs.Loaded in) {
        out.put("real", in.realInfo());
        out.put("fake", in.fakeInfo());
        out.put("feature_dim", in.real().cols());
        out.put("extractor", in.extractorInfo());
    }

    /** The metrics on two feature sets: load both (through an extractor for image folders), score, print. */
    abstract static class FeatureMetric implements Callable<Integer> {
        @Mixin
        FeatureInputs inputs;
        @Mixin
        Common common;
        @Spec
        CommandSpec spec;

        /** Checks the metric's own options before anything is loaded. */
        void checkSettings() {}

        /** Scores the loaded sets into {@code out}. */
        abstract void score(FeatureInputs.Loaded in, Map<String, Object> out);

        abstract String metric();

        @Override
        public final Integer call() throws IOException {
            long start = System.nanoTime();
            checkSettings();
            common.configure();
            FeatureInputs.Loaded in = inputs.load(spec.commandLine().getErr());
            Map<String, Object> out = header(metric(), in);
            score(in, out);
            inputs(out, in);
            print(spec, out, start);
            return 0;
        }
    }

    @Command(name = "fid", mixinStandardHelpOptions = true,
            description = {"Frechet distance between Gaussians fitted to the features (float64, ddof-1 covariances, trace root on"
                    + " a symmetric factor form; no added epsilon). Example: ./gan eval fid --real real.npy --fake fake.npy"})
    static final class Fid extends FeatureMetric {
        @Override
        String metric() {
            return "fid";
        }

        @Override
        void score(FeatureInputs.Loaded in, Map<String, Object> out) {
            FrechetDistance.Result r = FrechetDistance.between(in.real(), in.fake());
            out.put("value", r.value());
            out.put("mean_term", r.meanTerm());
            out.put("trace_term", r.traceTerm());
            out.put("factor", r.factor());
            out.put("warnings", r.warnings());
        }
    }

    @Command(name = "kid", mixinStandardHelpOptions = true,
            description = {"Kernel Inception distance: unbiased MMD^2 with the kernel (x.y/d + 1)^3, mean and population std over"
                    + " seeded subsets drawn without replacement. Example: ./gan eval kid --real real.npy --fake fake.npy"})
    static final class Kid extends FeatureMetric {
        @Option(names = "--subsets", defaultValue = "100", paramLabel = "S", description = "Subsets (default: ${DEFAULT-VALUE}).")
        int subsets;

        @Option(names = "--subset-size", defaultValue = "1000", paramLabel = "M",
                description = "Rows per subset from each set (default: ${DEFAULT-VALUE}).")
        int subsetSize;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the subset draws (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        String metric() {
            return "kid";
        }

        @Override
        void score(FeatureInputs.Loaded in, Map<String, Object> out) {
            KernelInceptionDistance.Result r = KernelInceptionDistance.between(in.real(), in.fake(), subsets, subsetSize, seed);
            out.put("value", r.mean());
            out.put("std", r.std());
            out.put("subsets", subsets);
            out.put("subset_size", subsetSize);
            out.put("seed", seed);
        }

        @Override
        void checkSettings() {
            SpecChecks.atLeast("--subsets", subsets, 1);
            SpecChecks.atLeast("--subset-size", subsetSize, 2);
        }
    }

    @Command(name = "prdc", mixinStandardHelpOptions = true,
            description = {"Improved precision and recall (k=3, <=) and density and coverage (k=5, <) of the fake features against"
                    + " the real ones. Example: ./gan eval prdc --real real.npy --fake fake.npy"})
    static final class Prdc extends FeatureMetric {
        @Option(names = "--k", paramLabel = "K",
                description = "Nearest neighbours for all four metrics (default: 3 for precision/recall, 5 for density/coverage).")
        Integer k;

        @Override
        String metric() {
            return "prdc";
        }

        @Override
        void checkSettings() {
            if (k != null && k < 1) {
                throw new IllegalArgumentException("--k: must be >= 1, got " + k);
            }
        }

        @Override
        void score(FeatureInputs.Loaded in, Map<String, Object> out) {
            int kPr = k == null ? PrecisionRecallDensityCoverage.DEFAULT_PRECISION_RECALL_K : k;
            int kDc = k == null ? PrecisionRecallDensityCoverage.DEFAULT_DENSITY_COVERAGE_K : k;
            PrecisionRecallDensityCoverage.Result r = PrecisionRecallDensityCoverage.between(in.real(), in.fake(), kPr, kDc);
            out.put("precision", r.precision());
            out.put("recall", r.recall());
            out.put("density", r.density());
            out.put("coverage", r.coverage());
            out.put("k_precision_recall", kPr);
            out.put("k_density_coverage", kDc);
        }
    }

    @Command(name = "is", mixinStandardHelpOptions = true,
            description = {"Inception score of class probabilities: per split exp(mean KL(p(y|x) || p(y))), mean and population std."
                    + " Example: ./gan eval is --probs probs.npy --splits 10"})
    static final class Is implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;
        @Mixin
        Common common;
        @Spec
        CommandSpec spec;

        @Option(names = "--splits", defaultValue = "10", paramLabel = "S", description = "Splits (default: ${DEFAULT-VALUE}).")
        int splits;

        @Option(names = "--extractor", paramLabel = "NAME",
                description = "Classifier for --fake images: lenet-mnist, lenet-fashion-mnist or inception.")
        String extractor;

        @Option(names = "--inception-file", paramLabel = "FILE", description = "The FID Inception TorchScript file, for --extractor inception.")
        Path inceptionFile;

        static final class Source {
            @Option(names = "--probs", paramLabel = "P.npy", description = "Class probabilities, one row per sample (rows sum to 1).")
            Path probs;
            @Option(names = "--logits", paramLabel = "L.npy", description = "Class logits, turned into probabilities by softmax.")
            Path logits;
            @Option(names = "--fake", paramLabel = "DIR", description = "A folder of generated images, classified by --extractor.")
            Path fake;
        }

        @Override
        public Integer call() throws IOException {
            long start = System.nanoTime();
            SpecChecks.atLeast("--splits", splits, 1);
            if (source.fake != null && extractor == null) {
                throw new IllegalArgumentException("--extractor: --fake " + source.fake + " needs the classifier that scores it ("
                        + String.join(", ", FeatureExtractors.NAMES) + ")");
            }
            common.configure();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("metric", "is");
            FeatureMatrix probabilities;
            Map<String, Object> input;
            Map<String, Object> network = null;
            String name = "IS";
            if (source.fake != null) {
                try (FeatureExtractor classifier = FeatureExtractors.open(extractor, inceptionFile)) {
                    Extraction e = FeatureInputs.probabilities(source.fake, classifier, spec.commandLine().getErr());
                    probabilities = e.probabilities();
                    network = classifier.describe();
                    name = "IS-" + classifier.scoreSuffix();
                }
                input = new LinkedHashMap<>();
                input.put("path", source.fake.toString());
                input.put("kind", "images");
                input.put("samples", probabilities.rows());
            } else {
                Path file = source.probs != null ? source.probs : source.logits;
                FeatureMatrix read = NpyFiles.read(file);
                probabilities = source.probs != null ? read : InceptionScore.softmax(read);
                input = FeatureInputs.npyInfo(file, read);
                input.put("kind", source.probs != null ? "npy probabilities" : "npy logits (softmax applied)");
            }
            InceptionScore.Result r = InceptionScore.of(probabilities, splits);
            out.put("name", name);
            out.put("value", r.mean());
            out.put("std", r.std());
            out.put("splits", splits);
            out.put("split_scores", r.splitScores());
            out.put("samples", r.samples());
            out.put("classes", r.classes());
            out.put("fake", input);
            out.put("extractor", network);
            print(spec, out, start);
            return 0;
        }
    }

    @Command(name = "ngram-js", mixinStandardHelpOptions = true,
            description = {"Jensen-Shannon divergence (bits) between the character n-gram distributions of two text files, one sample"
                    + " per line, lines cut or padded to 32 characters (WGAN-GP language model). value is JS for --n; js1..jsN"
                    + " for every order. Example: ./gan eval ngram-js --reference corpus.txt --samples samples.txt --n 4"})
    static final class NgramJs implements Callable<Integer> {
        @Option(names = "--reference", required = true, paramLabel = "R.txt", description = "Reference text, UTF-8, one line per sample.")
        Path reference;

        @Option(names = "--samples", required = true, paramLabel = "S.txt", description = "Generated text, UTF-8, one line per sample.")
        Path samples;

        @Option(names = "--n", defaultValue = "4", paramLabel = "N", description = "Longest n-gram (default: ${DEFAULT-VALUE}).")
        int n;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            long start = System.nanoTime();
            if (n < 1 || n > NgramJensenShannon.LINE_LENGTH) {
                throw new IllegalArgumentException("--n: must be between 1 and " + NgramJensenShannon.LINE_LENGTH + ", got " + n);
            }
            TextLines ref = TextLines.read(reference);
            TextLines gen = TextLines.read(samples);
            NgramJensenShannon.Result r = NgramJensenShannon.between(ref.lines(), gen.lines(), n);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("metric", "ngram-js");
            out.put("name", "JS-" + n);
            out.put("value", r.order(n));
            out.put("n", n);
            for (int k = 1; k <= n; k++) {
                out.put("js" + k, r.order(k));
            }
            out.put("line_length", NgramJensenShannon.LINE_LENGTH);
            out.put("pad", String.valueOf((char) NgramJensenShannon.PAD));
            out.put("reference", ref.describe());
            out.put("samples", gen.describe());
            Map<String, Object> provenance = RunInfo.provenance(false);
            provenance.put("seconds", (System.nanoTime() - start) / 1e9);
            out.put("provenance", provenance);
            spec.commandLine().getOut().println(Json.write(out));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
