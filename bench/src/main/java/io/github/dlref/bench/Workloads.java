package io.github.dlref.bench;

import io.github.dlref.bench.baseline.BaselineKernels;
import io.github.dlref.bench.baseline.EjmlMlpBaseline;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.synthetic.Spiral;
import io.github.dlref.data.synthetic.TwoMoons;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.ReLU;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.SGD;
import java.util.List;
import java.util.Objects;

/**
 * The benchmark workloads, by name. Their PyTorch twins in {@code bench/pytorch_mlp.py} (and the pure-Python
 * twin of {@value #SCALAR_MICROGRAD} in {@code bench/micrograd_scalar.py}) use the same shapes, batch sizes,
 * optimizers and step structure, so samples per second compare like for like:
 *
 * <table>
 *   <caption>Workloads</caption>
 *   <tr><th>name</th><th>network</th><th>data</th><th>batch</th><th>optimizer</th></tr>
 *   <tr><td>{@value #SMALL_222}</td><td>2-2-2, ReLU hidden, softmax cross-entropy (the network of
 *       dl-optimization)</td><td>two moons, 1024 samples, noise 0.1</td><td>32</td><td>SGD momentum 0.9, lr
 *       0.1 (PyTorch form)</td></tr>
 *   <tr><td>{@value #SMALL_SPIRAL}</td><td>2-100-3, ReLU</td><td>CS231n spiral, 3 x 100 points</td><td>32</td>
 *       <td>SGD momentum 0.9, lr 0.1</td></tr>
 *   <tr><td>{@value #LARGE_FASHION}</td><td>784-256-10, ReLU</td><td>Fashion-MNIST-shaped: 2048 random
 *       samples, pixels {@code U(0, 1)}, 10 uniform classes</td><td>128</td><td>Adam, PyTorch defaults (lr
 *       1e-3)</td></tr>
 *   <tr><td>{@value #LARGE_FASHION_EJML}</td><td colspan="4">the same, hand-written with EJML's fastest kernels
 *       ({@link BaselineKernels#EJML_BEST})</td></tr>
 *   <tr><td>{@value #LARGE_FASHION_EJML_PLAIN}</td><td colspan="4">the same, hand-written with the EJML kernels
 *       of the engine's plain path ({@link BaselineKernels#EJML_PLAIN})</td></tr>
 *   <tr><td>{@value #SCALAR_MICROGRAD}</td><td colspan="4">the scalar engine on micrograd's demo (two moons,
 *       MLP 2-16-16-1, full batch of 100)</td></tr>
 * </table>
 *
 * <p>The networks are {@code Sequential(Linear, ReLU, Linear)} with PyTorch's default initialisation
 * ({@link Linear}), drawn layer by layer, weight then bias. Every mini-batch loader shuffles each epoch and
 * drops the last short batch. The whole workload is a function of the seed.
 */
public final class Workloads {

    /** The dl-optimization 2-2-2 network. */
    public static final String SMALL_222 = "small-222";
    /** A 2-100-3 MLP on the spiral. */
    public static final String SMALL_SPIRAL = "small-spiral";
    /** The 784-256-10 MLP with Adam on the matrix engine. */
    public static final String LARGE_FASHION = "large-fashion";
    /** The large workload hand-written with EJML's fastest kernels. */
    public static final String LARGE_FASHION_EJML = "large-fashion-ejml";
    /** The large workload hand-written with the plain path's EJML kernels. */
    public static final String LARGE_FASHION_EJML_PLAIN = "large-fashion-ejml-plain";
    /** micrograd's demo on the scalar engine. */
    public static final String SCALAR_MICROGRAD = "scalar-micrograd";

    /** The seed {@code dlref bench} uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20240501L;

    /** Samples of the two-moons set of {@value #SMALL_222}. */
    public static final int SMALL_222_SAMPLES = 1024;
    /** Batch size of the small workloads. */
    public static final int SMALL_BATCH = 32;
    /** Points per class of the spiral (3 classes). */
    public static final int SPIRAL_POINTS_PER_CLASS = 100;
    /** Hidden width of the spiral MLP. */
    public static final int SPIRAL_HIDDEN = 100;
    /** Learning rate of the small workloads' SGD. */
    public static final double SMALL_LEARNING_RATE = 0.1;
    /** Momentum of the small workloads' SGD. */
    public static final double SMALL_MOMENTUM = 0.9;
    /** Samples of the Fashion-MNIST-shaped set. */
    public static final int FASHION_SAMPLES = 2048;
    /** Pixels per Fashion-MNIST image (28 x 28). */
    public static final int FASHION_FEATURES = 784;
    /** Hidden width of the large MLP. */
    public static final int FASHION_HIDDEN = 256;
    /** Fashion-MNIST's classes. */
    public static final int FASHION_CLASSES = 10;
    /** Batch size of the large workload. */
    public static final int FASHION_BATCH = 128;

    private Workloads() {
    }

    /**
     * Every workload name, in the order {@code dlref bench} runs them.
     *
     * @return the names
     */
    public static List<String> names() {
        return List.of(SMALL_222, SMALL_SPIRAL, LARGE_FASHION, LARGE_FASHION_EJML, LARGE_FASHION_EJML_PLAIN,
                SCALAR_MICROGRAD);
    }

    /**
     * Builds a workload by name.
     *
     * @param name one of {@link #names()}
     * @param seed the seed of the data, the initial parameters and the batch order
     * @return a fresh workload
     * @throws IllegalArgumentException naming the known workloads if {@code name} is not one of them
     */
    public static Workload create(String name, long seed) {
        Objects.requireNonNull(name, "Workloads.create: name must not be null");
        return switch (name) {
            case SMALL_222 -> small222(seed);
            case SMALL_SPIRAL -> smallSpiral(seed);
            case LARGE_FASHION -> largeFashion(seed);
            case LARGE_FASHION_EJML -> largeFashionBaseline(seed, BaselineKernels.EJML_BEST);
            case LARGE_FASHION_EJML_PLAIN -> largeFashionBaseline(seed, BaselineKernels.EJML_PLAIN);
            case SCALAR_MICROGRAD -> scalarMicrograd(seed);
            default -> throw new IllegalArgumentException("Workloads: unknown workload '" + name + "'; known: "
                    + String.join(", ", names()));
        };
    }

    /**
     * The floating-point operations of the matrix products in one step of a workload, for GFLOP/s: a product of
     * an {@code m x k} and a {@code k x n} matrix counts {@code 2 m n k} (a multiplication and an addition per
     * term). The large workloads' step takes five products with batch {@code B}: the two forward products
     * ({@code B x 784} by {@code 784 x 256}, {@code B x 256} by {@code 256 x 10}) and three backward ones (the
     * gradients of both weights and of the hidden activations; the input needs none), in all
     * {@code 2 B (2 * 784 * 256 + 3 * 256 * 10)} = 104,726,528 for {@code B = 128}, about 0.82 million per
     * sample. Every term counts, also those whose factor is an exact zero, which the fast path's sparse products
     * skip (about half of the weight gradient's, from ReLU's zero gradients): the GFLOP/s derived from this count
     * are those of the dense arithmetic a step stands for. Other workloads (whose time is not in their products)
     * report 0.
     *
     * @param name one of {@link #names()}
     * @return the operations per step, 0 where not counted
     * @throws IllegalArgumentException naming the known workloads if {@code name} is not one of them
     */
    public static long productFlopsPerStep(String name) {
        Objects.requireNonNull(name, "Workloads.productFlopsPerStep: name must not be null");
        return switch (name) {
            case LARGE_FASHION, LARGE_FASHION_EJML, LARGE_FASHION_EJML_PLAIN -> 2L * FASHION_BATCH
                    * (2L * FASHION_FEATURES * FASHION_HIDDEN + 3L * FASHION_HIDDEN * FASHION_CLASSES);
            case SMALL_222, SMALL_SPIRAL, SCALAR_MICROGRAD -> 0L;
            default -> throw new IllegalArgumentException("Workloads: unknown workload '" + name + "'; known: "
                    + String.join(", ", names()));
        };
    }

    /**
     * {@value #SMALL_222}: the dl-optimization 2-2-2 network (ReLU hidden layer, softmax cross-entropy) on two
     * moons, batch {@value #SMALL_BATCH}, SGD with momentum 0.9.
     *
     * @param seed the seed
     * @return the workload
     */
    public static Workload small222(long seed) {
        Dataset data = TwoMoons.generate(SMALL_222_SAMPLES, TwoMoons.MICROGRAD_NOISE, true, seed);
        Rng init = new Rng(seed + 1);
        Module model = new Sequential(new Linear(2, 2, init), new ReLU(), new Linear(2, 2, init));
        return new EngineWorkload(SMALL_222, "matrix engine, dl-optimization 2-2-2 ReLU + softmax CE, two moons "
                + "(1024), batch 32, SGD momentum 0.9", model, sgd(model), loader(data, SMALL_BATCH, seed + 2));
    }

    /**
     * {@value #SMALL_SPIRAL}: a 2-{@value #SPIRAL_HIDDEN}-3 ReLU MLP on the CS231n spiral, batch
     * {@value #SMALL_BATCH}, SGD with momentum 0.9.
     *
     * @param seed the seed
     * @return the workload
     */
    public static Workload smallSpiral(long seed) {
        Dataset data = Spiral.generate(SPIRAL_POINTS_PER_CLASS, 3, seed);
        Rng init = new Rng(seed + 1);
        Module model = new Sequential(new Linear(2, SPIRAL_HIDDEN, init), new ReLU(),
                new Linear(SPIRAL_HIDDEN, 3, init));
        return new EngineWorkload(SMALL_SPIRAL, "matrix engine, MLP 2-100-3 ReLU + softmax CE, spiral (3 x 100), "
                + "batch 32, SGD momentum 0.9", model, sgd(model), loader(data, SMALL_BATCH, seed + 2));
    }

    /**
     * {@value #LARGE_FASHION}: a 784-256-10 ReLU MLP on Fashion-MNIST-shaped random data, batch
     * {@value #FASHION_BATCH}, Adam with PyTorch's defaults.
     *
     * @param seed the seed
     * @return the workload
     */
    public static Workload largeFashion(long seed) {
        Module model = fashionModel(seed);
        return new EngineWorkload(LARGE_FASHION, "matrix engine, MLP 784-256-10 ReLU + softmax CE, Fashion-MNIST-"
                + "shaped random data (2048), batch 128, Adam", model,
                new Adam(model.parameters(), Adam.Hyperparameters.pytorch()),
                loader(fashionData(seed), FASHION_BATCH, seed + 2));
    }

    /**
     * The large workload written by hand with EJML: the same data, initial parameters and batch order as
     * {@link #largeFashion(long)}, and (by construction) the same arithmetic, so it trains the same numbers.
     *
     * @param seed the seed
     * @param kernels which EJML kernels the products use
     * @return the workload
     */
    public static Workload largeFashionBaseline(long seed, BaselineKernels kernels) {
        Objects.requireNonNull(kernels, "Workloads.largeFashionBaseline: kernels must not be null");
        Module model = fashionModel(seed);
        List<Matrix> initial = model.parameters().stream().map(p -> p.value()).toList();
        String name = kernels == BaselineKernels.EJML_BEST ? LARGE_FASHION_EJML : LARGE_FASHION_EJML_PLAIN;
        return new EjmlMlpBaseline(name, initial.get(0), initial.get(1), initial.get(2), initial.get(3),
                fashionData(seed), FASHION_BATCH, seed + 2, kernels);
    }

    /**
     * {@value #SCALAR_MICROGRAD}: micrograd's demo on the scalar engine (see the class documentation of the
     * workload for the exact recipe).
     *
     * @param seed the seed of the two moons and of the initial weights
     * @return the workload
     */
    public static Workload scalarMicrograd(long seed) {
        return new MicrogradWorkload(seed);
    }

    /** Fashion-MNIST-shaped data: pixels U(0, 1) drawn row-major, then the labels, uniform over 10 classes. */
    static Dataset fashionData(long seed) {
        Rng rng = new Rng(seed);
        Matrix pixels = rng.uniform(FASHION_SAMPLES, FASHION_FEATURES, 0.0, 1.0);
        int[] labels = new int[FASHION_SAMPLES];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(FASHION_CLASSES);
        }
        return Dataset.classification(pixels, labels, FASHION_CLASSES);
    }

    private static Module fashionModel(long seed) {
        Rng init = new Rng(seed + 1);
        return new Sequential(new Linear(FASHION_FEATURES, FASHION_HIDDEN, init), new ReLU(),
                new Linear(FASHION_HIDDEN, FASHION_CLASSES, init));
    }

    private static SGD sgd(Module model) {
        return new SGD(model.parameters(), SGD.Hyperparameters.pytorch(SMALL_LEARNING_RATE)
                .withMomentum(SMALL_MOMENTUM));
    }

    private static DataLoader loader(Dataset data, int batchSize, long seed) {
        return new DataLoader(data, new DataLoader.Options(batchSize, true, true, seed));
    }
}
