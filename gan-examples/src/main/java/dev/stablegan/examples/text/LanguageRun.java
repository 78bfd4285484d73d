package dev.stablegan.examples.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stablegan.api.AtomicFiles;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.Json;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.RandomStream;
import dev.stablegan.api.RunFolderLock;
import dev.stablegan.api.RunSummary;
import dev.stablegan.api.SpecChecks;
import dev.stablegan.api.StepReport;
import dev.stablegan.api.listen.ConsoleProgress;
import dev.stablegan.api.listen.JsonlMetrics;
import dev.stablegan.api.listen.PeriodicCheckpoints;
import dev.stablegan.api.listen.PeriodicEvaluation;
import dev.stablegan.data.text.CharVocabulary;
import dev.stablegan.data.text.OneHotTextSource;
import dev.stablegan.djl.train.DjlGanTrainer;
import dev.stablegan.eval.metric.NgramJensenShannon;
import dev.stablegan.examples.ResumableFolder;
import dev.stablegan.examples.RunInfo;
import dev.stablegan.examples.plot.JsonLines;
import dev.stablegan.examples.plot.LineChart;
import dev.stablegan.examples.plot.LossCurves;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the character-level language GAN (Gulrajani et al. 2017, section 5.5): trains a
 * {@link LanguagePreset} spec on a {@link TextCorpus}, decoding the generator's softmax by argmax per position (no
 * sampling), and scores its sentences every {@code evalEvery} steps by the Jensen-Shannon divergence of their
 * character n-grams (n = 1..4) to the training lines, as the authors' script does; the held-out floor is the same
 * divergence for as many held-out lines.
 *
 * <p>Files in {@code out}: {@code metrics.jsonl} (one line per evaluation: step, seconds, {@code js1..js4}, the
 * Wasserstein estimate), {@code losses.jsonl} (the trainer's scalars), {@code samples.txt} (the last evaluation's
 * sentences, one per line), {@code summary.json}, {@code js.png} (JS-4 over steps, with the runs named in
 * {@code compare} and the held-out floor), {@code losses.png}, {@code vocabulary.json} and {@code checkpoint.ckpt}
 * (resumable with {@code resume}).
 */
public final class LanguageRun {
    public static final String SUMMARY = "summary.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String LOSSES = "losses.jsonl";
    public static final String SAMPLES = "samples.txt";
    public static final String JS_PLOT = "js.png";
    public static final String LOSSES_PLOT = "losses.png";
    public static final String VOCABULARY = "vocabulary.json";
    public static final String CHECKPOINT = "checkpoint.ckpt";
    /** n-gram orders scored. */
    public static final int MAX_N = 4;

    /**
     * @param evalEvery score every this many generator steps (and after the last)
     * @param evalSamples generated sentences per evaluation (the authors: 10 batches of 64)
     * @param compare other runs' folders whose JS-4 curves join {@code js.png}
     */
    public record Settings(TextCorpus corpus, LanguagePreset preset, GanSpec spec, Path out, long evalEvery, int evalSamples,
            List<Path> compare, boolean resume, boolean force) {
        public Settings {
            ResumableFolder.requireOneOf(resume, force);
            SpecChecks.atLeast("eval-every", evalEvery, 1);
            SpecChecks.atLeast("samples", evalSamples, 1);
            long most = mostSamples(spec, Runtime.getRuntime().maxMemory());
            if (evalSamples > most) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "samples: %,d sentences are too many to score at once; at"
                        + " most %,d fit (each is %s softmax values, made as one float array of at most %,d values and a quarter of"
                        + " the %,d MB Java heap)", evalSamples, most, NetworkSpec.describe(spec.generator().outputShape()),
                        MAX_ARRAY_VALUES, Runtime.getRuntime().maxMemory() >> 20));
            }
            compare = List.copyOf(compare);
        }
    }

    /** The most values a Java float array holds. */
    static final long MAX_ARRAY_VALUES = Integer.MAX_VALUE - 8;

    /**
     * The most sentences one evaluation can generate: their softmax values fill one float array, which must fit
     * Java's array limit and a quarter of {@code heapBytes}.
     */
    static long mostSamples(GanSpec spec, long heapBytes) {
        long perSample = 1;
        for (long d : spec.generator().outputShape()) {
            perSample *= d;
        }
        return Math.min(MAX_ARRAY_VALUES, heapBytes / 4 / Float.BYTES) / perSample;
    }

    /** What {@code summary.json} reports. */
    public record Outcome(long steps, double seconds, double[] js, double[] heldoutJs, List<String> samples) {}

    private final Settings settings;
    private final CharVocabulary vocabulary;
    private final PrintStream log;

    public LanguageRun(Settings settings, CharVocabulary vocabulary, PrintStream log) {
        this.settings = settings;
        this.vocabulary = vocabulary;
        this.log = log;
    }

    /**
     * Trains and writes every output file.
     *
     * @throws IOException naming the file when the output folder, the checkpoint or the saved vocabulary is unusable
     */
    public Outcome execute() throws IOException {
        // Checked before the folder is claimed, so that a refused resume writes nothing, not even the lock file.
        Path checkpoint = ResumableFolder.checkpoint(settings.out(), CHECKPOINT, settings.resume());
        try (RunFolderLock lock = RunFolderLock.acquire(settings.out())) {
            if (!settings.resume()) {
                ResumableFolder.prepareForNewRun(lock, settings.force(), CHECKPOINT, "language", log::println);
            }
            return executeOwned(checkpoint);
        }
    }

    private Outcome executeOwned(Path checkpoint) throws IOException {
        Path out = settings.out();
        Path vocabularyFile = out.resolve(VOCABULARY);
        if (settings.resume()) {
            checkSavedVocabulary(vocabularyFile);
        }
        NgramJensenShannon.Reference reference = NgramJensenShannon.reference(settings.corpus().train(), MAX_N);
        List<String> heldout = settings.corpus().heldout().subList(0, Math.min(settings.evalSamples(), settings.corpus().heldout().size()));
        double[] floor = NgramJensenShannon.between(reference, heldout).byOrder();
        log.printf(Locale.ROOT, "language: %s, %,d training and %,d held-out lines, %d symbols; held-out floor JS-4 %.3f%n",
                settings.corpus().name(), settings.corpus().train().size(), settings.corpus().heldout().size(), vocabulary.size(),
                floor[MAX_N - 1]);
        OneHotTextSource source = new OneHotTextSource(settings.corpus().train(), vocabulary, "text:" + settings.corpus().name());
        try (DjlGanTrainer trainer = DjlGanTrainer.create(settings.spec(), source)) {
            ResumableFolder.resumeIfAsked(trainer, checkpoint, settings.resume(), "language", log);
            AtomicFiles.writeString(vocabularyFile, vocabularyJson() + "\n");
            long total = settings.spec().schedule().generatorSteps();
            if (!Files.exists(out.resolve(METRICS))) {
                Files.createFile(out.resolve(METRICS));
            }
            // Evaluations up to the checkpoint stay; a run with nothing left to train scores its last step again.
            boolean nothingLeft = trainer.currentStep() >= total;
            JsonlMetrics.keepLinesUpTo(out.resolve(METRICS), nothingLeft ? trainer.currentStep() - 1 : trainer.currentStep());
            Evaluations evaluations = new Evaluations(trainer, reference);
            PeriodicEvaluation periodic = new PeriodicEvaluation(out.resolve(METRICS), settings.evalEvery(), evaluations);
            trainer.addListener(ConsoleProgress.onStderr());
            trainer.addListener(new JsonlMetrics(out.resolve(LOSSES), Math.max(1, total / 2_000)));
            trainer.addListener(periodic);
            trainer.addListener(new PeriodicCheckpoints(trainer, checkpoint, settings.evalEvery()));
            RunSummary summary = trainer.run();
            if (evaluations.lastStep != trainer.currentStep()) { // a resumed run that had nothing left to train
                periodic.evaluateNow(new StepReport(trainer.currentStep(), total, Map.of(), 0));
            }
            Outcome outcome = new Outcome(summary.steps(), trainer.trainedSeconds(), evaluations.lastJs, floor, evaluations.lastSamples);
            AtomicFiles.writeString(out.resolve(SAMPLES), String.join("\n", outcome.samples()) + "\n");
            writeJsPlot(floor);
            LossCurves.write(out.resolve(LOSSES), out.resolve(LOSSES_PLOT));
            AtomicFiles.writeString(out.resolve(SUMMARY), Json.write(summaryJson(outcome)) + "\n");
            return outcome;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The sentences of a generator output {@code [n, vocab, length]}: the most likely symbol at every position. */
    static List<String> decode(NDArray softmax, CharVocabulary vocabulary) {
        long[] shape = softmax.getShape().getShape();
        int n = Math.toIntExact(shape[0]);
        int length = Math.toIntExact(shape[2]);
        long[] best = softmax.argMax(1).toLongArray();
        List<String> lines = new ArrayList<>(n);
        int[] indices = new int[length];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < length; t++) {
                indices[t] = (int) best[i * length + t];
            }
            lines.add(vocabulary.decode(indices));
        }
        return lines;
    }

    private String vocabularyJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("length", vocabulary.length());
        m.put("unknown_index", CharVocabulary.UNKNOWN);
        m.put("code_points", vocabulary.characters());
        return Json.write(m);
    }

    private void checkSavedVocabulary(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("resume: " + file + " is missing; the run cannot be continued without its vocabulary");
        }
        List<Integer> saved = new ArrayList<>();
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            for (JsonElement e : o.getAsJsonArray("code_points")) {
                saved.add(e.getAsInt());
            }
        } catch (RuntimeException e) {
            throw new IOException("resume: " + file + " is not a vocabulary file: " + e.getMessage(), e);
        }
        if (!saved.equals(vocabulary.characters())) {
            throw new IOException("resume: the corpus " + settings.corpus().name() + " gives another vocabulary than " + file
                    + " (" + vocabulary.size() + " against " + (saved.size() + 1) + " symbols); resume with the corpus the run started on");
        }
    }

    private void writeJsPlot(double[] floor) throws IOException {
        LineChart.Builder chart = LineChart.builder().optTitle("Character 4-gram JS divergence to the training lines")
                .optXLabel("generator step").optYLabel("JS-4 (bits)");
        double lastStep = 1;
        List<Path> runs = new ArrayList<>();
        runs.add(settings.out());
        runs.addAll(settings.compare());
        for (Path run : runs) {
            List<double[]> points = jsCurve(run.resolve(METRICS));
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            lastStep = Math.max(lastStep, x[x.length - 1]);
            chart.addSeries(runLabel(run), x, y);
        }
        chart.addSeries("held-out floor", new double[] {0, lastStep}, new double[] {floor[MAX_N - 1], floor[MAX_N - 1]});
        chart.build().writeTo(settings.out().resolve(JS_PLOT));
    }

    /** The objective and folder name of a run, from its summary when it has one. */
    private String runLabel(Path run) {
        String objective = run.equals(settings.out()) ? settings.spec().objective().name() : null;
        Path summary = run.resolve(SUMMARY);
        if (objective == null && Files.isRegularFile(summary)) {
            try {
                objective = JsonParser.parseString(Files.readString(summary)).getAsJsonObject().get("objective").getAsString();
            } catch (IOException | RuntimeException e) {
                objective = null;
            }
        }
        Path name = run.toAbsolutePath().normalize().getFileName();
        return (objective == null ? "" : objective + " ") + "(" + (name == null ? run : name) + ")";
    }

    /** {@code (step, js4)} of every line of a metrics file; none when it is missing. */
    static List<double[]> jsCurve(Path metrics) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (JsonObject o : JsonLines.read(metrics)) {
            if (o.has("js" + MAX_N)) {
                points.add(new double[] {o.get("step").getAsDouble(), o.get("js" + MAX_N).getAsDouble()});
            }
        }
        return points;
    }

    private Map<String, Object> summaryJson(Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("corpus", settings.corpus().name());
        m.put("objective", settings.spec().objective().name());
        m.put("preset", settings.preset().id());
        m.put("steps", outcome.steps());
        m.put("seconds", outcome.seconds());
        for (int n = 1; n <= MAX_N; n++) {
            m.put("js" + n, outcome.js()[n - 1]);
        }
        for (int n = 1; n <= MAX_N; n++) {
            m.put("heldout_js" + n, outcome.heldoutJs()[n - 1]);
        }
        m.put("evaluation_samples", outcome.samples().size());
        m.put("training_lines", settings.corpus().train().size());
        m.put("heldout_lines", settings.corpus().heldout().size());
        m.put("skipped_lines", settings.corpus().skipped());
        m.put("vocabulary_size", vocabulary.size());
        m.put("examples", outcome.samples().subList(0, Math.min(10, outcome.samples().size())));
        Map<String, Object> provenance = RunInfo.provenance(true);
        provenance.put("spec", dev.stablegan.djl.train.SpecJson.toJson(settings.spec()).toString());
        m.put("provenance", provenance);
        return m;
    }

    /** Scores the generator (for {@link PeriodicEvaluation}: every {@code evalEvery} steps and after the last, into {@code metrics.jsonl}). */
    private final class Evaluations implements PeriodicEvaluation.Evaluation {
        private final DjlGanTrainer trainer;
        private final NgramJensenShannon.Reference reference;
        private long lastStep = -1;
        private double[] lastJs;
        private List<String> lastSamples = List.of();

        Evaluations(DjlGanTrainer trainer, NgramJensenShannon.Reference reference) {
            this.trainer = trainer;
            this.reference = reference;
        }

        @Override
        public Map<String, Object> measure(StepReport report) {
            long step = report.step();
            List<String> samples;
            try (NDManager scope = trainer.manager().newSubManager()) {
                RandomStream random = RandomStream.derive(settings.spec().seed() ^ step, "evaluation");
                samples = decode(trainer.sample(scope, random, settings.evalSamples()), vocabulary);
            }
            double[] js = NgramJensenShannon.between(reference, samples).byOrder();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("seconds", trainer.trainedSeconds());
            for (int n = 1; n <= MAX_N; n++) {
                line.put("js" + n, js[n - 1]);
            }
            Double w = report.scalars().get("wasserstein_estimate");
            if (w != null) {
                line.put("wasserstein_estimate", w);
            }
            log.printf(Locale.ROOT, "language: step %d  js1 %.3f  js4 %.3f  |%s|  |%s|%n", step, js[0], js[MAX_N - 1],
                    samples.get(0), samples.get(Math.min(1, samples.size() - 1)));
            log.flush();
            lastStep = step;
            lastJs = js;
            lastSamples = samples;
            return line;
        }
    }
}
