package io.github.dlref.bench.baseline;

import io.github.dlref.bench.Workload;
import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.MatrixKernels;
import io.github.dlref.math.Rng;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The large workload (MLP {@code in-hidden-classes}, ReLU, mean softmax cross-entropy, Adam with PyTorch's
 * defaults) written by hand against EJML: no graph, no {@code Matrix}, every buffer allocated once.
 *
 * <p>It computes exactly what the matrix engine computes for {@code Linear, ReLU, Linear},
 * {@code softmaxCrossEntropy(labels)}, {@code backward()} and {@code Adam.step()}, operation for operation,
 * so it trains the same numbers bit for bit (a test checks it). With {@code n} the batch size, {@code X} the
 * batch and {@code Y} its one-hot labels:
 * <pre>
 * Z1 = X W1^T + b1      H = relu(Z1)      Z2 = H W2^T + b2
 * log P = (Z2 - rowmax) - ln(sum exp(Z2 - rowmax))   (StrictMath exp and log, as every dlref op)
 * P = exp(log P)
 * loss = (sum_i -log p_(i, y_i)) / n
 * G2 = (1/n) (P - Y)     db2 = colsums(G2)   dW2 = G2^T H     dH = G2 W2
 * G1 = dH where Z1 &gt; 0, else 0             db1 = colsums(G1)  dW1 = G1^T X
 * Adam (Algorithm 1 in PyTorch's order) on W1, b1, W2, b2
 * </pre>
 * Products sum in ascending inner index from {@code +0.0}, as {@code Matrix} documents: after each EJML
 * product every {@code -0.0} is turned into {@code +0.0}, as the engine's plain path does. Batches follow
 * the {@code DataLoader} convention: per epoch one permutation {@code rng.permutation(N)} of a generator made
 * once from the shuffle seed, then consecutive slices of {@code batchSize}, the last short one dropped.
 */
public final class EjmlMlpBaseline implements Workload {

    private static final double LEARNING_RATE = 1e-3;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final String name;
    private final BaselineKernels kernels;
    private final int inputs;
    private final int hidden;
    private final int classes;
    private final int batchSize;
    private final double[] features;
    private final int[] labels;
    private final Rng shuffle;
    private int[] order;
    private int nextBatch;
    private long t;

    private final DMatrixRMaj w1;
    private final DMatrixRMaj b1;
    private final DMatrixRMaj w2;
    private final DMatrixRMaj b2;
    private final DMatrixRMaj[] parameters;
    private final DMatrixRMaj[] gradients;
    private final double[][] firstMoments;
    private final double[][] secondMoments;

    private final DMatrixRMaj x;
    private final int[] y;
    private final DMatrixRMaj w1t;
    private final DMatrixRMaj z1;
    private final DMatrixRMaj h;
    private final DMatrixRMaj z2;
    private final DMatrixRMaj logP;
    private final DMatrixRMaj g2;
    private final DMatrixRMaj dh;
    private final DMatrixRMaj g1;
    private final DMatrixRMaj dw1;
    private final DMatrixRMaj db1;
    private final DMatrixRMaj dw2;
    private final DMatrixRMaj db2;

    /**
     * A baseline starting from given parameters.
     *
     * @param name the workload name to report
     * @param w1 the first layer's weight, {@code hidden x in}
     * @param b1 the first layer's bias, {@code 1 x hidden}
     * @param w2 the second layer's weight, {@code classes x hidden}
     * @param b2 the second layer's bias, {@code 1 x classes}
     * @param data a classification dataset with {@code in} features and {@code classes} classes
     * @param batchSize the batch size, in {@code [1, data.size()]}
     * @param shuffleSeed the seed of the batch order
     * @param kernels the EJML kernels of the products
     * @throws IllegalArgumentException if the shapes do not fit together or the batch size is out of range
     */
    public EjmlMlpBaseline(String name, Matrix w1, Matrix b1, Matrix w2, Matrix b2, Dataset data, int batchSize,
            long shuffleSeed, BaselineKernels kernels) {
        this.name = Objects.requireNonNull(name, "EjmlMlpBaseline: name must not be null");
        this.kernels = Objects.requireNonNull(kernels, "EjmlMlpBaseline: kernels must not be null");
        Objects.requireNonNull(data, "EjmlMlpBaseline: data must not be null");
        inputs = w1.cols();
        hidden = w1.rows();
        classes = w2.rows();
        if (b1.rows() != 1 || b1.cols() != hidden || w2.cols() != hidden || b2.rows() != 1 || b2.cols() != classes
                || data.numFeatures() != inputs || !data.isClassification() || data.numClasses() != classes) {
            throw new IllegalArgumentException("EjmlMlpBaseline: shapes do not fit: W1 " + w1.shape() + ", b1 "
                    + b1.shape() + ", W2 " + w2.shape() + ", b2 " + b2.shape() + ", data with " + data.numFeatures()
                    + " features");
        }
        if (batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException("EjmlMlpBaseline: batchSize must be in [1, " + data.size() + "], got "
                    + batchSize);
        }
        this.batchSize = batchSize;
        this.features = data.features().toRowMajorArray();
        this.labels = data.labels();
        this.shuffle = new Rng(shuffleSeed);

        this.w1 = toEjml(w1);
        this.b1 = toEjml(b1);
        this.w2 = toEjml(w2);
        this.b2 = toEjml(b2);
        dw1 = new DMatrixRMaj(hidden, inputs);
        db1 = new DMatrixRMaj(1, hidden);
        dw2 = new DMatrixRMaj(classes, hidden);
        db2 = new DMatrixRMaj(1, classes);
        parameters = new DMatrixRMaj[] {this.w1, this.b1, this.w2, this.b2};
        gradients = new DMatrixRMaj[] {dw1, db1, dw2, db2};
        firstMoments = new double[parameters.length][];
        secondMoments = new double[parameters.length][];
        for (int p = 0; p < parameters.length; p++) {
            firstMoments[p] = new double[parameters[p].getNumElements()];
            secondMoments[p] = new double[parameters[p].getNumElements()];
        }

        x = new DMatrixRMaj(batchSize, inputs);
        y = new int[batchSize];
        w1t = new DMatrixRMaj(inputs, hidden);
        z1 = new DMatrixRMaj(batchSize, hidden);
        h = new DMatrixRMaj(batchSize, hidden);
        z2 = new DMatrixRMaj(batchSize, classes);
        logP = new DMatrixRMaj(batchSize, classes);
        g2 = new DMatrixRMaj(batchSize, classes);
        dh = new DMatrixRMaj(batchSize, hidden);
        g1 = new DMatrixRMaj(batchSize, hidden);
    }

    private static DMatrixRMaj toEjml(Matrix m) {
        return DMatrixRMaj.wrap(m.rows(), m.cols(), m.toRowMajorArray());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "hand-written EJML (" + kernels + "), MLP " + inputs + "-" + hidden + "-" + classes
                + " ReLU + softmax CE, batch " + batchSize + ", Adam; no graph, preallocated buffers";
    }

    @Override
    public int samplesPerStep() {
        return batchSize;
    }

    @Override
    public double step() {
        nextBatch();
        boolean concurrent = kernels == BaselineKernels.EJML_BEST && MatrixKernels.threads() > 1;
        // forward
        if (kernels == BaselineKernels.EJML_BEST) {
            CommonOps_DDRM.transpose(w1, w1t);
            if (concurrent) {
                CommonOps_MT_DDRM.mult(x, w1t, z1);
            } else {
                CommonOps_DDRM.mult(x, w1t, z1);
            }
        } else {
            CommonOps_DDRM.multTransB(x, w1, z1);
        }
        positiveZeros(z1);
        addRowInPlace(z1, b1);
        double[] zd = z1.data;
        double[] hd = h.data;
        for (int k = 0; k < hd.length; k++) {
            hd[k] = zd[k] > 0 ? zd[k] : 0.0;
        }
        CommonOps_DDRM.multTransB(h, w2, z2);
        positiveZeros(z2);
        addRowInPlace(z2, b2);
        double loss = softmaxCrossEntropy();
        // backward
        columnSums(g2, db2);
        CommonOps_DDRM.multTransA(g2, h, dw2);
        positiveZeros(dw2);
        CommonOps_DDRM.mult(g2, w2, dh);
        positiveZeros(dh);
        double[] dhd = dh.data;
        double[] g1d = g1.data;
        for (int k = 0; k < g1d.length; k++) {
            g1d[k] = zd[k] > 0 ? dhd[k] : 0.0;
        }
        columnSums(g1, db1);
        if (concurrent) {
            CommonOps_MT_DDRM.multTransA(g1, x, dw1);
        } else {
            CommonOps_DDRM.multTransA(g1, x, dw1);
        }
        positiveZeros(dw1);
        adam();
        return loss;
    }

    /** Gathers the next batch into {@code x} and {@code y}, drawing a new permutation at the start of an epoch. */
    private void nextBatch() {
        int batches = labels.length / batchSize;
        if (order == null || nextBatch == batches) {
            order = shuffle.permutation(labels.length);
            nextBatch = 0;
        }
        int from = nextBatch * batchSize;
        for (int r = 0; r < batchSize; r++) {
            int sample = order[from + r];
            System.arraycopy(features, sample * inputs, x.data, r * inputs, inputs);
            y[r] = labels[sample];
        }
        nextBatch++;
    }

    /** Fills {@code logP} and {@code g2}; returns the mean loss. */
    private double softmaxCrossEntropy() {
        double[] z = z2.data;
        double[] lp = logP.data;
        double[] g = g2.data;
        double perSample = 1.0 / batchSize;
        double lossSum = 0.0;
        for (int i = 0; i < batchSize; i++) {
            int base = i * classes;
            double max = z[base];
            for (int j = 1; j < classes; j++) {
                max = Math.max(max, z[base + j]);
            }
            double sumExp = 0.0;
            for (int j = 0; j < classes; j++) {
                sumExp += StrictMath.exp(z[base + j] - max);
            }
            double logSumExp = StrictMath.log(sumExp);
            for (int j = 0; j < classes; j++) {
                lp[base + j] = (z[base + j] - max) - logSumExp;
            }
            lossSum += 0.0 - 1.0 * lp[base + y[i]];
            for (int j = 0; j < classes; j++) {
                double target = j == y[i] ? 1.0 : 0.0;
                g[base + j] = perSample * (StrictMath.exp(lp[base + j]) * 1.0 - target);
            }
        }
        return lossSum / batchSize;
    }

    /** PyTorch's Adam ({@code _single_tensor_adam}, torch 1.13), as {@code io.github.dlref.optim.Adam} computes it. */
    private void adam() {
        t++;
        double oneMinusBeta1 = 1.0 - BETA1;
        double oneMinusBeta2 = 1.0 - BETA2;
        double bias1 = 1.0 - StrictMath.pow(BETA1, t);
        double bias2 = 1.0 - StrictMath.pow(BETA2, t);
        double negStepSize = -(LEARNING_RATE / bias1);
        double bias2Sqrt = Math.sqrt(bias2);
        for (int p = 0; p < parameters.length; p++) {
            double[] theta = parameters[p].data;
            double[] g = gradients[p].data;
            double[] m = firstMoments[p];
            double[] v = secondMoments[p];
            for (int k = 0; k < m.length; k++) {
                double gk = g[k];
                m[k] = m[k] * BETA1 + oneMinusBeta1 * gk;
                v[k] = v[k] * BETA2 + (oneMinusBeta2 * gk) * gk;
            }
            for (int k = 0; k < m.length; k++) {
                double den = Math.sqrt(v[k]) / bias2Sqrt + EPSILON;
                theta[k] = theta[k] + (negStepSize * m[k]) / den;
            }
        }
    }

    private static void positiveZeros(DMatrixRMaj m) {
        double[] d = m.data;
        int n = m.getNumElements();
        for (int k = 0; k < n; k++) {
            d[k] += 0.0;
        }
    }

    private static void addRowInPlace(DMatrixRMaj m, DMatrixRMaj row) {
        int cols = m.numCols;
        double[] d = m.data;
        double[] r = row.data;
        for (int i = 0; i < m.numRows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d[base + j] = d[base + j] + r[j];
            }
        }
    }

    private static void columnSums(DMatrixRMaj m, DMatrixRMaj out) {
        int cols = m.numCols;
        double[] d = m.data;
        double[] o = out.data;
        java.util.Arrays.fill(o, 0, cols, 0.0);
        for (int i = 0; i < m.numRows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                o[j] += d[base + j];
            }
        }
    }

    @Override
    public List<Matrix> parameterValues() {
        return List.of(toMatrix(w1), toMatrix(b1), toMatrix(w2), toMatrix(b2));
    }

    private static Matrix toMatrix(DMatrixRMaj m) {
        return Matrix.fromRowMajor(m.numRows, m.numCols, java.util.Arrays.copyOf(m.data, m.getNumElements()));
    }
}
