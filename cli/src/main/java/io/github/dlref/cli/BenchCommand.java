package io.github.dlref.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.bench.BenchRunner;
import io.github.dlref.bench.Measurement;
import io.github.dlref.bench.PeakFlops;
import io.github.dlref.bench.Workload;
import io.github.dlref.bench.Workloads;
import io.github.dlref.math.MatrixKernels;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlref bench}: trains the benchmark workloads of {@link Workloads} (small MLPs, the large
 * 784-256-10 MLP on the engine and hand-written with EJML, micrograd's demo on the scalar engine) and prints
 * their throughput in samples per second, measured by {@link BenchRunner}: a warm-up, then timed rounds,
 * median and best round. The header names the product path ({@link MatrixKernels}), the thread limit, the
 * Java version and the system load average before and after the run, since a busy machine lowers every
 * number. {@code bench/compare.sh} runs this command and the Python twins of the workloads and prints the
 * ratios. While it measures, a progress bar over the workloads (the one being measured, its time budget, the
 * time elapsed and left) is shown on standard error, only when a console is attached and {@code --no-progress}
 * was not given, so redirected output and tests get none.
 *
 * <p>Exit status 0; 1 if a workload's last loss is not finite (the numbers would time a diverged run); 2
 * for a usage error (unknown workload, a setting out of range).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Time the benchmark workloads (samples per second) on the matrix engine, the hand-written "
                + "EJML baseline and the scalar engine.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--workload", paramLabel = "NAME",
            description = "A workload to run (repeatable; default: all). See --list.")
    private List<String> workloads = new ArrayList<>();

    @Option(names = "--list", description = "List the workloads and exit.")
    private boolean list;

    /** The largest {@code --threads}: 256 (dlref's choice; more threads than that only add scheduling). */
    static final int MAX_THREADS = 256;

    /** The largest {@code --warmup} and {@code --round-time}, in seconds: one hour. */
    static final double MAX_SECONDS = 3600;

    /** The largest {@code --rounds}: 1000. */
    static final int MAX_ROUNDS = 1000;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "Untimed warm-up per workload, in seconds, at most 3600 (default: 3).")
    private double warmupSeconds;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
            description = "Timed rounds per workload, 1 to 1000 (default: 5).")
    private int rounds;

    @Option(names = "--round-time", defaultValue = "2", paramLabel = "SECONDS",
            description = "Least duration of one round, in seconds, at most 3600 (default: 2).")
    private double roundSeconds;

    @Option(names = "--products", defaultValue = "tiled", paramLabel = "KIND",
            description = "Product kernels: tiled (the fast path) or reference (EJML, single-threaded; the plain "
                    + "path). Default: tiled.")
    private MatrixKernels.Products products;

    @Option(names = "--threads", paramLabel = "N",
            description = "Thread limit of the fast path and the EJML baseline, 1 to 256 (default: the available "
                    + "processors).")
    private Integer threads;

    @Option(names = "--seed", defaultValue = "" + Workloads.DEFAULT_SEED, paramLabel = "SEED",
            description = "Seed of the data, initial parameters and batch order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--no-progress",
            description = "No progress bar (it is shown only when a console is attached anyway).")
    private boolean noProgress;

    @Mixin
    private FormatOption output = new FormatOption();

    /** Creates the command (picocli fills in the options). */
    public BenchCommand() {
    }

    /**
     * Runs the selected workloads and prints the measurements.
     *
     * @return 0, or 1 if a workload's last loss is not finite
     * @throws ParameterException for an unknown workload or a setting out of range (exit status 2)
     */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        int threadLimit = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        CommandErrors.atLeast(cl, "--threads", threadLimit, 1);
        if (threadLimit > MAX_THREADS) {
            throw new ParameterException(cl, "--threads must be <= " + MAX_THREADS + ", got " + threadLimit);
        }
        BenchRunner.Settings settings = settings(cl);
        if (list) {
            for (String name : Workloads.names()) {
                out.print(TrainCommand.wrap(String.format(Locale.ROOT, "%-26s", name + "  "),
                        Workloads.create(name, seed).description()));
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        List<String> names = workloads.isEmpty() ? Workloads.names() : workloads;
        for (String name : names) {
            if (!Workloads.names().contains(name)) {
                throw new ParameterException(cl, "unknown workload '" + name + "'; known: "
                        + String.join(", ", Workloads.names()));
            }
        }
        double loadBefore = loadAverage();
        List<Measurement> results;
        PrintStream progress = !noProgress && System.console() != null ? System.err : null;
        try (var kernels = MatrixKernels.use(products, threadLimit)) {
            results = measure(names, seed, settings, progress);
        }
        boolean counted = names.stream().anyMatch(n -> Workloads.productFlopsPerStep(n) > 0);
        PeakFlops.Result peak = counted ? PeakFlops.measure(PEAK_ROUNDS, PEAK_ROUND_NANOS) : null;
        double loadAfter = loadAverage();
        Environment env = new Environment(products, threadLimit, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, seed,
                MatrixKernels.kernelDescription(), peak);
        if (output.json()) {
            out.println(json(env, settings, results));
        } else {
            out.print(table(env, settings, results));
        }
        out.flush();
        boolean finite = results.stream().allMatch(m -> Double.isFinite(m.lastLoss()));
        if (!finite) {
            cl.getErr().println(spec.qualifiedName() + ": a workload's last loss is not finite; its timing is of a "
                    + "diverged run");
            cl.getErr().flush();
        }
        return finite ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * Measures the workloads in order, showing a progress bar over them when a stream is given: the bar advances
     * by one per measured workload and its label names the workload being measured and its least duration
     * (warm-up plus rounds); the bar is removed when done.
     *
     * @param names the workloads, in order
     * @param seed the workloads' seed
     * @param settings the warm-up and rounds
     * @param progress where the progress bar goes, or {@code null} for none
     * @return one measurement per workload, in order
     */
    static List<Measurement> measure(List<String> names, long seed, BenchRunner.Settings settings,
            PrintStream progress) {
        List<Measurement> results = new ArrayList<>();
        ProgressBar bar = progress == null ? null : new ProgressBarBuilder().setTaskName("bench")
                .setInitialMax(names.size()).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(progress)).clearDisplayOnFinish().build();
        try {
            double leastSeconds = (settings.warmup().toNanos()
                    + settings.rounds() * settings.roundTime().toNanos()) * 1e-9;
            for (String name : names) {
                if (bar != null) {
                    bar.setExtraMessage(String.format(Locale.ROOT, "%s (at least %.0f s)", name, leastSeconds));
                }
                Workload w = Workloads.create(name, seed);
                results.add(BenchRunner.run(w, settings));
                if (bar != null) {
                    bar.step();
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        return results;
    }

    private BenchRunner.Settings settings(CommandLine cl) {
        if (!(warmupSeconds >= 0 && warmupSeconds <= MAX_SECONDS)) {
            throw new ParameterException(cl, "--warmup must be a number of seconds in [0, " + (int) MAX_SECONDS
                    + "], got " + warmupSeconds);
        }
        if (!(roundSeconds > 0 && roundSeconds <= MAX_SECONDS)) {
            throw new ParameterException(cl, "--round-time must be a number of seconds in (0, " + (int) MAX_SECONDS
                    + "], got " + roundSeconds);
        }
        CommandErrors.atLeast(cl, "--rounds", rounds, 1);
        if (rounds > MAX_ROUNDS) {
            throw new ParameterException(cl, "--rounds must be <= " + MAX_ROUNDS + ", got " + rounds);
        }
        return new BenchRunner.Settings(Duration.ofNanos(Math.round(warmupSeconds * 1e9)), rounds,
                Duration.ofNanos(Math.max(1L, Math.round(roundSeconds * 1e9))));
    }

    /** The system load average over the last minute, or -1 where the platform does not report it. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Rounds of the peak measurement ({@link PeakFlops}); the best counts. */
    static final int PEAK_ROUNDS = 5;
    /** Least duration of a round of the peak measurement: 0.2 s. */
    static final long PEAK_ROUND_NANOS = 200_000_000L;

    /**
     * Where and how the numbers were measured; {@code peak} is null when no workload's products are counted.
     */
    private record Environment(MatrixKernels.Products products, int threads, String javaVersion, int processors,
            double loadBefore, double loadAfter, long seed, String kernel, PeakFlops.Result peak) {

        /** The peak of the threads a product may use: one thread's peak times min(threads, processors). */
        double peakGflops() {
            return peak.gflops() * Math.min(threads, processors);
        }
    }

    /**
     * GFLOP/s of a measurement's median round: its products' operations per step over the median step time. The
     * operations are every term of the products ({@code 2 m n k}), including the zero terms that the sparse
     * products skip, so this is the rate of the dense arithmetic the step stands for.
     */
    static double gflops(Measurement m) {
        return Workloads.productFlopsPerStep(m.workload()) / m.medianSecondsPerStep() * 1e-9;
    }

    private static String table(Environment env, BenchRunner.Settings settings, List<Measurement> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "dlref bench: products %s, threads %d, seed %d, Java %s%n"
                + "%d processors, load average %.2f before, %.2f after%n", env.products(), env.threads(), env.seed(),
                env.javaVersion(), env.processors(), env.loadBefore(), env.loadAfter()));
        sb.append(String.format(Locale.ROOT, "product kernel: %s%n", env.products() == MatrixKernels.Products.TILED
                ? env.kernel() : "EJML (plain path)"));
        if (env.peak() != null) {
            sb.append(String.format(Locale.ROOT, "peak: %.2f GFLOP/s on one thread, %.2f for %d thread(s), measured"
                    + " now%npeak loop: %s%nGFLOP/s count every term of the products (2mnk), skipped zeros"
                    + " included%n", env.peak().gflops(), env.peakGflops(), Math.min(env.threads(), env.processors()),
                    env.peak().loop()));
        }
        sb.append(String.format(Locale.ROOT, "warm-up %.1f s, %d rounds of at least %.1f s; SAMPLES/S is the median"
                + " round%n(all rounds and the best: --format json)%n%n", settings.warmup().toNanos() * 1e-9,
                settings.rounds(), settings.roundTime().toNanos() * 1e-9));
        boolean counted = results.stream().anyMatch(m -> Workloads.productFlopsPerStep(m.workload()) > 0);
        sb.append(String.format(Locale.ROOT, "%-24s %5s %10s %8s %10s%s%n", "WORKLOAD", "BATCH", "SAMPLES/S",
                "MS/STEP", "LAST LOSS", counted ? String.format(Locale.ROOT, " %8s %7s", "GFLOP/S", "OF PEAK") : ""));
        for (Measurement m : results) {
            String rate = "";
            if (Workloads.productFlopsPerStep(m.workload()) > 0) {
                double g = gflops(m);
                rate = String.format(Locale.ROOT, " %8.2f %6.1f%%", g, 100.0 * g / env.peakGflops());
            }
            sb.append(String.format(Locale.ROOT, "%-24s %5d %10.0f %8.3f %10.4g%s%n", m.workload(),
                    m.samplesPerStep(), m.medianSamplesPerSecond(), m.medianSecondsPerStep() * 1e3, m.lastLoss(),
                    rate));
        }
        sb.append(System.lineSeparator());
        for (Measurement m : results) {
            sb.append(TrainCommand.wrap(String.format(Locale.ROOT, "%-24s ", m.workload()), m.description()));
        }
        return sb.toString();
    }

    private static String json(Environment env, BenchRunner.Settings settings, List<Measurement> results) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode e = root.putObject("environment");
        e.put("products", env.products().name());
        e.put("threads", env.threads());
        e.put("seed", env.seed());
        e.put("javaVersion", env.javaVersion());
        e.put("processors", env.processors());
        e.put("loadAverageBefore", env.loadBefore());
        e.put("loadAverageAfter", env.loadAfter());
        e.put("productKernel", env.kernel());
        e.put("vectorized", MatrixKernels.vectorized());
        if (env.peak() != null) {
            e.put("peakGflopsPerThread", env.peak().gflops());
            e.put("peakLoop", env.peak().loop());
            e.put("peakGflops", env.peakGflops());
        }
        ObjectNode s = root.putObject("settings");
        s.put("warmupSeconds", settings.warmup().toNanos() * 1e-9);
        s.put("rounds", settings.rounds());
        s.put("roundSeconds", settings.roundTime().toNanos() * 1e-9);
        ArrayNode list = root.putArray("results");
        for (Measurement m : results) {
            ObjectNode r = list.addObject();
            r.put("workload", m.workload());
            r.put("description", m.description());
            r.put("samplesPerStep", m.samplesPerStep());
            r.put("warmupSteps", m.warmupSteps());
            ArrayNode rounds = r.putArray("rounds");
            for (Measurement.Round round : m.rounds()) {
                rounds.addObject().put("steps", round.steps()).put("nanos", round.nanos());
            }
            ArrayNode perRound = r.putArray("samplesPerSecond");
            for (double v : m.samplesPerSecond()) {
                perRound.add(v);
            }
            r.put("medianSamplesPerSecond", m.medianSamplesPerSecond());
            r.put("bestSamplesPerSecond", m.bestSamplesPerSecond());
            r.put("lastLoss", m.lastLoss());
            long flops = Workloads.productFlopsPerStep(m.workload());
            if (flops > 0) {
                r.put("productFlopsPerStep", flops);
                r.put("medianGflops", gflops(m));
                r.put("fractionOfPeak", gflops(m) / env.peakGflops());
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("bench: cannot write JSON: " + ex.getMessage(), ex);
        }
    }
}
