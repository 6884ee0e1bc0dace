package io.github.dlref.bench.dl4j;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J twin of {@code dlref bench}'s {@code large-fashion} workload, for {@code bench/compare.sh}: a 784-256-10
 * MLP (ReLU hidden layer, softmax output, multi-class cross-entropy averaged over the batch), Adam (DL4J's
 * defaults besides the learning rate: lr 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8, as PyTorch's), batch 128,
 * float64 everywhere, on 2048 random Fashion-MNIST-shaped samples (pixels U(0, 1), 10 uniform classes).
 *
 * <p>A step is what the dlref and PyTorch steps are: the next mini-batch of a per-epoch random permutation
 * (Fisher-Yates with {@link Random}; the last short batch dropped, here none), gathered from the data set
 * ({@code Nd4j.pullRows}), then one {@code MultiLayerNetwork.fit} (forward, loss, backward, Adam update) and the
 * batch's loss ({@code score()}). Timing is {@code BenchRunner}'s: warm-up steps for a while, then rounds of whole
 * steps lasting at least the round time; samples/s of a round = steps * 128 / seconds; the median round is
 * reported; each round also records the process's CPU time ({@code processCpuNanos}), which a busy machine does
 * not inflate as it does wall-clock time. The data and initial weights are drawn by other generators than dlref's, so the numbers trained
 * differ; shapes, batch, operations and optimizer are the same, which is what the timing compares.
 *
 * <p>Usage: {@code Dl4jMlp [--threads N] [--warmup S] [--rounds N] [--round-time S] [--seed N]}; prints one JSON
 * document with the fields of {@code dlref bench --format json} that compare.sh reads. The thread count is set for
 * ND4J's own threads and for its BLAS (OpenBLAS from JavaCPP); compare.sh also sets {@code OMP_NUM_THREADS} and
 * {@code OPENBLAS_NUM_THREADS} before the JVM starts.
 */
public final class Dl4jMlp {

    private static final int SAMPLES = 2048;
    private static final int INPUTS = 784;
    private static final int HIDDEN = 256;
    private static final int CLASSES = 10;
    private static final int BATCH = 128;
    private static final double LEARNING_RATE = 1e-3;

    private final INDArray features;
    private final INDArray labels;
    private final MultiLayerNetwork net;
    private final Random random;
    private final int[] order = new int[SAMPLES];
    private int next;

    private Dl4jMlp(long seed) {
        random = new Random(seed);
        double[] x = new double[SAMPLES * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        double[] y = new double[SAMPLES * CLASSES];
        for (int i = 0; i < SAMPLES; i++) {
            y[i * CLASSES + random.nextInt(CLASSES)] = 1.0;
        }
        features = Nd4j.create(x, new long[] {SAMPLES, INPUTS}, DataType.DOUBLE);
        labels = Nd4j.create(y, new long[] {SAMPLES, CLASSES}, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new Adam(LEARNING_RATE))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < SAMPLES; i++) {
            order[i] = i;
        }
        next = SAMPLES / BATCH;
    }

    /** One training step on the next mini-batch; returns the batch's mean cross-entropy. */
    private double step() {
        if (next == SAMPLES / BATCH) {
            for (int i = SAMPLES - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            next = 0;
        }
        int[] rows = Arrays.copyOfRange(order, next * BATCH, (next + 1) * BATCH);
        next++;
        INDArray xb = Nd4j.pullRows(features, 1, rows);
        INDArray yb = Nd4j.pullRows(labels, 1, rows);
        net.fit(new DataSet(xb, yb));
        return net.score();
    }

    /** CPU time of the whole process (every thread: ND4J's, OpenBLAS's, the JVM's), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Runs the benchmark and prints its JSON document.
     *
     * @param args the options (see the class comment)
     */
    public static void main(String[] args) {
        int threads = 2;
        double warmup = 3;
        int rounds = 5;
        double roundTime = 2;
        long seed = 20240501L;
        try {
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    fail("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--round-time" -> roundTime = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> fail("unknown option '" + name + "' (known: --threads, --warmup, --rounds,"
                            + " --round-time, --seed)");
                }
            }
        } catch (NumberFormatException e) {
            fail("not a number: " + e.getMessage());
        }
        if (threads < 1 || rounds < 1 || !(roundTime > 0) || !(warmup >= 0)) {
            fail("need --threads >= 1, --rounds >= 1, --round-time > 0, --warmup >= 0; got threads " + threads
                    + ", rounds " + rounds + ", round-time " + roundTime + ", warmup " + warmup);
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Blas blas = Nd4j.factory().blas();
        blas.setMaxThreads(threads);
        double before = load();
        Dl4jMlp w = new Dl4jMlp(seed);
        double loss = Double.NaN;
        int warmupSteps = 0;
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) {
            loss = w.step();
            warmupSteps++;
        }
        long roundNanos = (long) (roundTime * 1e9);
        List<long[]> measured = new ArrayList<>();
        double[] perRound = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            long steps = 0;
            long now;
            do {
                loss = w.step();
                steps++;
                now = System.nanoTime();
            } while (now - start < roundNanos);
            measured.add(new long[] {steps, now - start, processCpuNanos() - cpu});
            perRound[r] = steps * (double) BATCH / ((now - start) * 1e-9);
        }
        double[] sorted = perRound.clone();
        Arrays.sort(sorted);
        double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
        double after = load();
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"environment\": {\"implementation\": \"DL4J 1.0.0-M2.1, ND4J native (float64), BLAS ")
                .append(blas.getBlasVendor()).append("\", \"java\": \"").append(System.getProperty("java.version"))
                .append("\", \"threads\": ").append(threads)
                .append(", \"nd4jMaxThreads\": ").append(Nd4j.getEnvironment().maxThreads())
                .append(", \"blasMaxThreads\": ").append(blas.getMaxThreads())
                .append(", \"ompWaitPolicy\": ").append(quoted(System.getenv("OMP_WAIT_POLICY")))
                .append(", \"seed\": ").append(seed)
                .append(", \"loadAverageBefore\": ").append(num(before))
                .append(", \"loadAverageAfter\": ").append(num(after)).append("},\n");
        json.append("  \"settings\": {\"warmupSeconds\": ").append(num(warmup)).append(", \"rounds\": ")
                .append(rounds).append(", \"roundSeconds\": ").append(num(roundTime)).append("},\n");
        json.append("  \"results\": [{\"workload\": \"large-fashion\", \"description\": \"DL4J, MLP 784-256-10 ReLU"
                + " + softmax CE, random Fashion-MNIST-shaped (2048), batch 128, Adam\", \"samplesPerStep\": ")
                .append(BATCH).append(", \"warmupSteps\": ").append(warmupSteps).append(", \"rounds\": [");
        for (int r = 0; r < rounds; r++) {
            json.append(r == 0 ? "" : ", ").append("{\"steps\": ").append(measured.get(r)[0])
                    .append(", \"nanos\": ").append(measured.get(r)[1])
                    .append(", \"processCpuNanos\": ").append(measured.get(r)[2]).append('}');
        }
        json.append("], \"samplesPerSecond\": [");
        for (int r = 0; r < rounds; r++) {
            json.append(r == 0 ? "" : ", ").append(num(perRound[r]));
        }
        json.append("], \"medianSamplesPerSecond\": ").append(num(median))
                .append(", \"bestSamplesPerSecond\": ").append(num(sorted[rounds - 1]))
                .append(", \"lastLoss\": ").append(num(loss)).append("}]\n}");
        System.out.println(json);
    }

    /** A JSON string for a value without quotes or backslashes (an environment variable's), or null. */
    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "").replace("\"", "") + "\"";
    }

    private static String num(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "null";
    }

    private static void fail(String message) {
        System.err.println("Dl4jMlp: " + message);
        System.exit(2);
    }
}
