package io.github.dlref.verify.examples.nn;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.init.KaimingNormal;
import io.github.dlref.nn.init.Orthogonal;
import io.github.dlref.nn.init.XavierNormal;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.ReLU;
import io.github.dlref.nn.layers.Sigmoid;
import io.github.dlref.nn.layers.Tanh;
import io.github.dlref.nn.losses.BCELoss;
import io.github.dlref.nn.losses.MSELoss;
import io.github.dlref.nn.losses.MulticlassHingeLoss;
import io.github.dlref.nn.losses.SoftmaxLoss;
import io.github.dlref.nn.losses.SumOfSquaresLoss;
import io.github.dlref.nn.regularization.L2Penalty;
import io.github.dlref.verify.examples.Comparison;
import io.github.dlref.verify.examples.Correction;
import io.github.dlref.verify.examples.ExampleSource;
import io.github.dlref.verify.examples.SourceRef;
import io.github.dlref.verify.examples.Tolerances;
import io.github.dlref.verify.examples.WorkedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The matrix-level worked examples of the nn module: the documents' hand-derived backward formulas, written
 * out with {@link Matrix} operations in the documents' own (column) convention, against the gradients that
 * autograd computes through nn's layers, losses and penalties in the row convention ({@code y = x W^T + b},
 * one sample per row). Every transposition between the two conventions is explicit and noted.
 *
 * <ul>
 *   <li>bp-optimizers, vectorized: a tanh hidden layer and a sigmoid output with binary cross-entropy;
 *       {@code dZ[2] = A[2] - Y}, {@code dW = (1/m) dZ A^T}, {@code db = (1/m) sum dZ},
 *       {@code dZ[1] = W[2]^T dZ[2] (.) g'(Z[1])}, entry by entry.</li>
 *   <li>dl-basics: the two-layer network with the L2-regularized objective {@code J = L + s}; the gradients
 *       {@code dJ/dW2 = dJ/do h^T + lambda W2} and {@code dJ/dW1 = dJ/dz x^T + lambda W1}, and the corrections
 *       of two lines of its derivation (errata dl-basics-1 and dl-basics-2).</li>
 *   <li>dl-basics: orthogonal initialization ({@code W W^T = I}) and the norm preservation of a
 *       back-propagated error, through one layer and through a deep linear stack.</li>
 *   <li>cs231n-opt-bp: the analytic gradients of the multiclass SVM loss and of the softmax loss with
 *       respect to {@code W}, summed over samples, against autograd.</li>
 *   <li>param-optimization: vanishing gradients; the ratio of the first layer's to the last layer's weight
 *       gradient norm in a deep sigmoid and a deep ReLU network, computed by the back-propagation recursion
 *       {@code delta^(l-1) = (W^(l))^T delta^(l) (.) phi'(z^(l-1))} and by autograd. The ratios themselves
 *       (and the batch-normalized network's) are asserted in the tests.</li>
 * </ul>
 */
public final class NnExamples implements ExampleSource {

    /** Depth of the networks of the vanishing-gradient examples. */
    public static final int DEEP_LAYERS = 10;
    /** Width of the networks of the vanishing-gradient examples. */
    public static final int DEEP_WIDTH = 8;

    private static final Comparison ORTHOGONAL = new Comparison.Tolerance(1e-12, 0.0,
            "Householder QR is backward stable: W W^T - I is a few ulps per entry");

    /** Creates the provider. */
    public NnExamples() {
    }

    /**
     * The provider's name.
     *
     * @return {@code nn (layers, losses, initializers; matrix engine)}
     */
    @Override
    public String name() {
        return "nn (layers, losses, initializers; matrix engine)";
    }

    /**
     * Computes the examples.
     *
     * @return the examples, in the order of the class documentation
     */
    @Override
    public List<WorkedExample> examples() {
        List<WorkedExample> out = new ArrayList<>();
        bpOptimizersVectorized(out);
        dlBasicsTwoLayer(out);
        dlBasicsOrthogonal(out);
        cs231nAnalyticGradients(out);
        vanishingGradients(out);
        return List.copyOf(out);
    }

    private static void add(List<WorkedExample> out, String shortId, String id, String section, String quantity,
            String stated, double expected, double computed, Comparison comparison) {
        out.add(new WorkedExample(shortId + "/" + id, new SourceRef(shortId, section), quantity, stated, expected,
                computed, comparison, Optional.empty()));
    }

    private static void addCorrected(List<WorkedExample> out, String shortId, String id, String section,
            String quantity, String stated, double expected, double computed, Correction correction) {
        out.add(new WorkedExample(shortId + "/" + id, new SourceRef(shortId, section), quantity, stated, expected,
                computed, Tolerances.ROUNDING, Optional.of(correction)));
    }

    /** Entry-by-entry examples comparing a formula's matrix with autograd's. */
    private static void addEntries(List<WorkedExample> out, String shortId, String idPrefix, String section,
            String what, String stated, Matrix formula, Matrix autograd) {
        if (!formula.sameShape(autograd)) {
            throw new IllegalStateException(idPrefix + ": formula " + formula.shape() + " and autograd "
                    + autograd.shape() + " differ in shape");
        }
        for (int i = 0; i < formula.rows(); i++) {
            for (int j = 0; j < formula.cols(); j++) {
                add(out, shortId, idPrefix + "-" + (i + 1) + "-" + (j + 1), section,
                        what + " entry (" + (i + 1) + ", " + (j + 1) + "), autograd through nn", stated,
                        formula.get(i, j), autograd.get(i, j), Tolerances.ROUNDING);
            }
        }
    }

    private static Matrix sigmoid(Matrix z) {
        return z.map(v -> 1 / (1 + StrictMath.exp(-v)));
    }

    /** Adds a column vector to every column (the documents' broadcast of {@code + b}). */
    private static Matrix plusColumn(Matrix m, Matrix column) {
        return Matrix.build(m.rows(), m.cols(), (i, j) -> m.get(i, j) + column.get(i, 0));
    }

    // ------------------------------------------------------------------------------------------
    // bp-optimizers, vectorized forward and backward propagation

    /** Inputs, one sample per column (n0 = 2, m = 4), the document's X. */
    static final Matrix BP_X = Matrix.of(new double[][] {{0.5, -1.0, 1.5, 0.2}, {-0.3, 0.8, 0.4, -1.2}});
    /** Labels, 1 x m. */
    static final Matrix BP_Y = Matrix.rowVector(1, 0, 1, 0);
    static final Matrix BP_W1 = Matrix.of(new double[][] {{0.4, -0.7}, {0.9, 0.3}, {-0.5, 0.6}});
    static final Matrix BP_B1 = Matrix.columnVector(0.1, -0.2, 0.05);
    static final Matrix BP_W2 = Matrix.of(new double[][] {{1.2, -0.8, 0.5}});
    static final Matrix BP_B2 = Matrix.columnVector(-0.1);

    private static void bpOptimizersVectorized(List<WorkedExample> out) {
        String section = "Vectorized: forward and back propagation";
        int m = BP_X.cols();
        // The document's formulas, column convention (one sample per column).
        Matrix z1 = plusColumn(BP_W1.matmul(BP_X), BP_B1);
        Matrix a1 = z1.map(StrictMath::tanh);
        Matrix z2 = plusColumn(BP_W2.matmul(a1), BP_B2);
        Matrix a2 = sigmoid(z2);
        Matrix dz2 = a2.minus(BP_Y);
        Matrix dw2 = dz2.timesTranspose(a1).times(1.0 / m);
        Matrix db2 = dz2.sumRows().times(1.0 / m);
        Matrix dz1 = BP_W2.transposeTimes(dz2).times(a1.map(a -> 1 - a * a));
        Matrix dw1 = dz1.timesTranspose(BP_X).times(1.0 / m);
        Matrix db1 = dz1.sumRows().times(1.0 / m);

        // Autograd through nn, row convention: x = X^T (m x n0), biases as rows b^T; the weights are the same
        // out x in matrices. J = (1/m) sum L is BCELoss with its mean over the m x 1 outputs.
        Linear hidden = new Linear(BP_W1, BP_B1.transpose());
        Linear output = new Linear(BP_W2, BP_B2.transpose());
        Tensor logits = output.forward(new Tanh().forward(hidden.forward(Tensor.constant(BP_X.transpose()))))
                .retainGrad();
        Tensor cost = new BCELoss().forward(new Sigmoid().forward(logits), BP_Y.transpose());
        cost.backward();

        String id = "vectorized";
        // The document's dZ is dL/dZ of the per-example loss L; autograd differentiates J = (1/m) sum L.
        Matrix autogradDz2 = logits.grad().times(m).transpose();
        addEntries(out, "bp-optimizers", id + "/dZ2", section,
                "dZ[2] = A[2] - Y (sigmoid output, binary cross-entropy; autograd m dJ/dZ[2], transposed)",
                "A[2] - Y", dz2, autogradDz2);
        addEntries(out, "bp-optimizers", id + "/dW2", section, "dW[2] = (1/m) dZ[2] A[1]^T",
                "(1/m) dZ A^T", dw2, output.weight().grad());
        addEntries(out, "bp-optimizers", id + "/db2", section, "db[2] = (1/m) sum(dZ[2], axis=1) (autograd 1 x n, "
                + "transposed)", "(1/m) np.sum(dZ, axis=1)", db2, output.bias().grad().transpose());
        addEntries(out, "bp-optimizers", id + "/dW1", section,
                "dW[1] = (1/m) dZ[1] X^T with dZ[1] = W[2]^T dZ[2] (.) (1 - A[1]^2) (tanh hidden layer)",
                "(1/m) dZ A^T", dw1, hidden.weight().grad());
        addEntries(out, "bp-optimizers", id + "/db1", section, "db[1] = (1/m) sum(dZ[1], axis=1) (transposed)",
                "(1/m) np.sum(dZ, axis=1)", db1, hidden.bias().grad().transpose());
    }

    // ------------------------------------------------------------------------------------------
    // dl-basics, the two-layer network with J = L + s

    static final Matrix DL_X = Matrix.columnVector(0.8, -0.5);
    static final Matrix DL_Y = Matrix.columnVector(0.3, -0.6);
    /** W^(1), h x d = 3 x 2. */
    static final Matrix DL_W1 = Matrix.of(new double[][] {{0.5, -1.1}, {0.7, 0.2}, {-0.4, 0.9}});
    /** W^(2), q x h = 2 x 3. */
    static final Matrix DL_W2 = Matrix.of(new double[][] {{0.6, -0.3, 0.8}, {-0.9, 0.4, 0.1}});
    static final double DL_LAMBDA = 0.1;

    private static void dlBasicsTwoLayer(List<WorkedExample> out) {
        String section = "Basic model: deep neural network, forward and back propagation";
        // The document's formulas, column vectors; phi = sigmoid, L = 0.5 ||o - y||^2 (so dL/do = o - y).
        Matrix z = DL_W1.matmul(DL_X);
        Matrix h = sigmoid(z);
        Matrix o = DL_W2.matmul(h);
        double loss = 0.5 * o.minus(DL_Y).frobeniusNormSquared();
        double s = DL_LAMBDA / 2 * (DL_W1.frobeniusNormSquared() + DL_W2.frobeniusNormSquared());
        Matrix dJdo = o.minus(DL_Y);
        Matrix dJdW2 = dJdo.timesTranspose(h).plus(DL_W2.times(DL_LAMBDA));
        Matrix dJdh = DL_W2.transposeTimes(dJdo);
        Matrix phiPrime = h.map(v -> v * (1 - v));
        Matrix dJdz = dJdh.times(phiPrime);
        Matrix dJdW1 = dJdz.timesTranspose(DL_X).plus(DL_W1.times(DL_LAMBDA));
        Matrix documentDJdz = phiPrime.times(phiPrime); // "dh/dz . phi'(z)" with dh/dz = phi'(z)

        // Autograd through nn: Linear layers without bias, Sigmoid, SumOfSquaresLoss (0.5 sum e^2) and the L2
        // penalty (lambda / 2) ||W||_F^2 on the weights; x is the 1 x d row x^T.
        Linear first = new Linear(DL_W1, null);
        Linear second = new Linear(DL_W2, null);
        Sequential net = new Sequential(first, new Sigmoid(), second);
        Tensor zt = first.forward(Tensor.constant(DL_X.transpose())).retainGrad();
        Tensor ot = second.forward(new Sigmoid().forward(zt));
        Tensor objective = new SumOfSquaresLoss().forward(ot, DL_Y.transpose()).plus(new L2Penalty(DL_LAMBDA)
                .compute(net));
        objective.backward();

        String sid = "dl-basics";
        add(out, sid, "two-layer/J", section, "J = L + s with L = 0.5 ||o - y||^2, s = (lambda/2)(||W1||_F^2 + "
                + "||W2||_F^2), lambda = 0.1 (autograd: SumOfSquaresLoss + L2Penalty)", "L + s", loss + s,
                objective.item(), Tolerances.ROUNDING);
        addEntries(out, sid, "two-layer/dJ-dW2", section, "dJ/dW2 = dJ/do h^T + lambda W2", "dJ/do h^T + lambda W2",
                dJdW2, second.weight().grad());
        for (int k = 0; k < dJdz.rows(); k++) {
            Correction c = Correction.evaluated("dl-basics-1", "dJ/dz = dJ/dh . dh/dz = dh/dz . phi'(z)",
                    "dJ/dz = dJ/dh (.) phi'(z)", documentDJdz.get(k, 0), "dh/dz = phi'(z) elementwise for an "
                            + "elementwise phi, so the printed right-hand side is phi'(z_k)^2 (sigmoid: "
                            + "h_k^2 (1 - h_k)^2)");
            addCorrected(out, sid, "two-layer/dJ-dz-" + (k + 1), section, "dJ/dz_" + (k + 1)
                    + " (autograd gradient of the hidden pre-activation z = W1 x)", "dJ/dh (.) phi'(z)",
                    dJdz.get(k, 0), zt.grad().get(0, k), c);
        }
        Matrix autogradW1 = first.weight().grad();
        for (int i = 0; i < dJdW1.rows(); i++) {
            for (int j = 0; j < dJdW1.cols(); j++) {
                Correction c = Correction.notEvaluable("dl-basics-2",
                        "dJ/dW1 = dJ/do . do/dW1 + dJ/ds . ds/dW1 = dJ/dz x^T + lambda W1",
                        "dJ/dW1 = dJ/dz . dz/dW1 + dJ/ds . ds/dW1 = dJ/dz x^T + lambda W1",
                        "the middle form pairs dJ/do (q = 2 entries) with the layer of W1; read with the local "
                                + "derivative used on the W2 line it is dJ/do x^T, a q x d = 2 x 2 matrix where "
                                + "W1 is h x d = 3 x 2, so it has no value; the final form is right");
                addCorrected(out, sid, "two-layer/dJ-dW1-" + (i + 1) + "-" + (j + 1), section, "dJ/dW1 entry ("
                        + (i + 1) + ", " + (j + 1) + "), autograd through nn", "dJ/dz x^T + lambda W1",
                        dJdW1.get(i, j), autogradW1.get(i, j), c);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // dl-basics, orthogonal initialization and norm preservation

    private static void dlBasicsOrthogonal(List<WorkedExample> out) {
        String section = "Parameter initialization: orthogonal initialization";
        String sid = "dl-basics";
        // W^(l) is n_l x n_(l-1) = 3 x 5 (out x in), drawn by nn's Orthogonal initializer.
        Matrix w = new Orthogonal().initialize(3, 5, new Rng(2024));
        double deviation = w.timesTranspose(w).minus(Matrix.identity(3)).abs().maxValue();
        add(out, sid, "orthogonal/W-Wt-identity", section, "max |W W^T - I| for W = Orthogonal().initialize(3, 5, "
                + "new Rng(2024))", "W W^T = I", 0.0, deviation, ORTHOGONAL);
        // delta^(l-1) = (W^(l))^T delta^(l): autograd back-propagates delta^(l) (a row, the row convention's
        // delta^T) through Linear(W) and delivers delta^T W = (W^T delta)^T at the layer's input.
        Linear layer = new Linear(w, null);
        for (int seed = 1; seed <= 3; seed++) {
            Matrix delta = new Rng(seed).gaussian(1, 3, 0, 1);
            Tensor input = Tensor.variable(Matrix.zeros(1, 5));
            layer.forward(input).backward(delta);
            add(out, sid, "orthogonal/norm-preservation-" + seed, section, "||delta^(l-1)||^2 = ||W^T delta^(l)||^2"
                    + " back-propagated by autograd through Linear(W), delta^(l) ~ N(0, I) from new Rng(" + seed
                    + ")", "||delta^(l)||^2", delta.frobeniusNormSquared(), input.grad().frobeniusNormSquared(),
                    Tolerances.ROUNDING);
        }
        // Through a deep linear stack of six 4 x 4 orthogonal layers the norm is still preserved.
        Rng rng = new Rng(7);
        List<Module> layers = new ArrayList<>();
        for (int l = 0; l < 6; l++) {
            layers.add(new Linear(new Orthogonal().initialize(4, 4, rng), null));
        }
        Sequential stack = new Sequential(layers);
        Matrix delta = new Rng(8).gaussian(1, 4, 0, 1);
        Tensor input = Tensor.variable(Matrix.zeros(1, 4));
        stack.forward(input).backward(delta);
        add(out, sid, "orthogonal/norm-preservation-depth-6", section, "||delta^(0)||^2 after back-propagating "
                + "delta^(6) ~ N(0, I) through six orthogonal 4 x 4 linear layers (autograd)", "||delta^(6)||^2",
                delta.frobeniusNormSquared(), input.grad().frobeniusNormSquared(), Tolerances.ROUNDING);
    }

    // ------------------------------------------------------------------------------------------
    // cs231n-opt-bp, analytic gradients of the SVM and softmax losses

    /** Samples, one per row (N = 3, D = 3). */
    static final Matrix CS_X = Matrix.of(new double[][] {{1.0, -2.0, 0.5}, {0.3, 0.8, -1.5}, {-1.2, 0.4, 2.0}});
    /** Class weights, one class per row (k = 3 classes x D = 3): scores s_i = W x_i. */
    static final Matrix CS_W = Matrix.of(new double[][] {{0.2, -0.5, 0.1}, {1.5, 1.3, 2.1}, {0.0, 0.25, 0.2}});
    static final int[] CS_CLASSES = {0, 2, 1};
    static final double CS_MARGIN = 1.0;

    private static void cs231nAnalyticGradients(List<WorkedExample> out) {
        String section = "1, analytic gradient";
        int n = CS_X.rows();
        int k = CS_W.rows();
        Matrix svm = Matrix.zeros(k, CS_X.cols());
        Matrix softmax = Matrix.zeros(k, CS_X.cols());
        for (int i = 0; i < n; i++) {
            Matrix xi = CS_X.getRow(i);
            Matrix scores = CS_W.timesTranspose(xi); // k x 1, s_j = W_j X_i
            int r = CS_CLASSES[i];
            double sr = scores.get(r, 0);
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                sumExp += StrictMath.exp(scores.get(j, 0));
            }
            int positive = 0;
            for (int j = 0; j < k; j++) {
                double p = StrictMath.exp(scores.get(j, 0)) / sumExp;
                // softmax: dL_i/dW_j = p_j X_i for j != r, dL_i/dW_r = (p_r - 1) X_i (cs231n-opt-bp-1 corrected)
                softmax = addRow(softmax, j, xi.times(j == r ? p - 1 : p));
                if (j != r && scores.get(j, 0) - sr + CS_MARGIN > 0) {
                    svm = addRow(svm, j, xi); // dL_i/dW_j = X_i [W_j X_i - W_r X_i + t > 0]
                    positive++;
                }
            }
            svm = addRow(svm, r, xi.times(-positive)); // dL_i/dW_r = -X_i sum_{j != r} [ ... > 0]
        }
        svm = svm.times(1.0 / n);
        softmax = softmax.times(1.0 / n);

        Linear svmLayer = new Linear(CS_W, null);
        new MulticlassHingeLoss(CS_MARGIN, Reduction.MEAN).forward(svmLayer.forward(Tensor.constant(CS_X)),
                CS_CLASSES).backward();
        Linear softmaxLayer = new Linear(CS_W, null);
        new SoftmaxLoss(Reduction.MEAN).forward(softmaxLayer.forward(Tensor.constant(CS_X)), CS_CLASSES).backward();

        addEntries(out, "cs231n-opt-bp", "matrix/svm-dW", section, "(1/N) sum_i dL_i/dW of the multiclass SVM loss "
                + "(margin t = 1; MulticlassHingeLoss)", "X_i [s_j - s_r + t > 0]; -X_i sum_{j != r} [...]", svm,
                svmLayer.weight().grad());
        addEntries(out, "cs231n-opt-bp", "matrix/softmax-dW", section, "(1/N) sum_i dL_i/dW of the softmax loss "
                + "(SoftmaxLoss; W_r row by the corrected form of cs231n-opt-bp-1)",
                "p_j X_i; (p_r - 1) X_i", softmax, softmaxLayer.weight().grad());
    }

    private static Matrix addRow(Matrix m, int row, Matrix values) {
        return Matrix.build(m.rows(), m.cols(), (i, j) -> i == row ? m.get(i, j) + values.get(0, j) : m.get(i, j));
    }

    // ------------------------------------------------------------------------------------------
    // param-optimization, vanishing gradients

    /** Which deep network a vanishing-gradient measurement uses. */
    public enum DeepNetwork {
        /** Linear - sigmoid blocks, Xavier-normal weights (gain 1), zero biases. */
        SIGMOID,
        /** Linear - ReLU blocks, He-normal weights (fan-in, gain sqrt 2), zero biases. */
        RELU,
        /** Linear - BatchNorm - sigmoid blocks (training mode), Xavier-normal weights, zero biases. */
        SIGMOID_BATCH_NORM
    }

    /**
     * The ratio {@code ||dJ/dW^(1)||_F / ||dJ/dW^(L)||_F} of the first hidden layer's to the last hidden
     * layer's weight-gradient norm in a deep network of {@link #DEEP_LAYERS} blocks of width
     * {@link #DEEP_WIDTH}, followed by a linear output, for the MSE loss on a fixed batch of 16 samples,
     * computed by autograd. Weights are drawn block by block from {@code new Rng(31)}, the batch from
     * {@code new Rng(32)} and the targets from {@code new Rng(33)}.
     *
     * @param network which network
     * @return the ratio
     */
    public static double vanishingRatio(DeepNetwork network) {
        return vanishingRatio(network, DEEP_LAYERS);
    }

    /**
     * The ratio of {@link #vanishingRatio(DeepNetwork)} for a network of a given depth.
     *
     * @param network which network
     * @param depth the number of hidden blocks {@code L}, {@code >= 2}
     * @return {@code ||dJ/dW^(1)||_F / ||dJ/dW^(L)||_F}
     * @throws IllegalArgumentException if {@code depth < 2}
     */
    public static double vanishingRatio(DeepNetwork network, int depth) {
        if (depth < 2) {
            throw new IllegalArgumentException("vanishingRatio: depth must be >= 2, got " + depth);
        }
        Rng rng = new Rng(31);
        List<Linear> linears = new ArrayList<>();
        List<Module> blocks = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            Matrix w = network == DeepNetwork.RELU ? KaimingNormal.relu().initialize(DEEP_WIDTH, DEEP_WIDTH, rng)
                    : new XavierNormal().initialize(DEEP_WIDTH, DEEP_WIDTH, rng);
            Linear linear = new Linear(w, Matrix.zeros(1, DEEP_WIDTH));
            linears.add(linear);
            blocks.add(linear);
            if (network == DeepNetwork.SIGMOID_BATCH_NORM) {
                blocks.add(new BatchNorm(DEEP_WIDTH));
            }
            blocks.add(network == DeepNetwork.RELU ? new ReLU() : new Sigmoid());
        }
        blocks.add(new Linear(new XavierNormal().initialize(1, DEEP_WIDTH, rng), Matrix.zeros(1, 1)));
        Sequential net = new Sequential(blocks);
        Matrix x = new Rng(32).gaussian(16, DEEP_WIDTH, 0, 1);
        Matrix y = new Rng(33).gaussian(16, 1, 0, 1);
        new MSELoss().forward(net.forward(Tensor.constant(x)), y).backward();
        return gradNorm(linears.get(0).weight()) / gradNorm(linears.get(depth - 1).weight());
    }

    private static double gradNorm(Parameter p) {
        return p.grad().frobeniusNorm();
    }

    /**
     * The same ratio as {@link #vanishingRatio(DeepNetwork)} for the sigmoid or ReLU network, computed by the
     * back-propagation recursion of the documents written out with matrices (row convention): output error
     * {@code D = dJ/dY_hat}, then for each block from the top {@code dJ/dZ^(l) = (D W^(l+1)) (.) phi'(Z^(l))}
     * and {@code dJ/dW^(l) = (dJ/dZ^(l))^T A^(l-1)}.
     *
     * @param network {@link DeepNetwork#SIGMOID} or {@link DeepNetwork#RELU}
     * @return the ratio
     * @throws IllegalArgumentException for the batch-normalized network (no hand recursion is written for it)
     */
    public static double vanishingRatioByRecursion(DeepNetwork network) {
        if (network == DeepNetwork.SIGMOID_BATCH_NORM) {
            throw new IllegalArgumentException("vanishingRatioByRecursion: only SIGMOID and RELU are written out");
        }
        Rng rng = new Rng(31);
        Matrix[] w = new Matrix[DEEP_LAYERS + 1];
        for (int l = 0; l < DEEP_LAYERS; l++) {
            w[l] = network == DeepNetwork.RELU ? KaimingNormal.relu().initialize(DEEP_WIDTH, DEEP_WIDTH, rng)
                    : new XavierNormal().initialize(DEEP_WIDTH, DEEP_WIDTH, rng);
        }
        w[DEEP_LAYERS] = new XavierNormal().initialize(1, DEEP_WIDTH, rng);
        Matrix x = new Rng(32).gaussian(16, DEEP_WIDTH, 0, 1);
        Matrix y = new Rng(33).gaussian(16, 1, 0, 1);
        Matrix[] a = new Matrix[DEEP_LAYERS + 1];
        Matrix[] z = new Matrix[DEEP_LAYERS];
        a[0] = x;
        for (int l = 0; l < DEEP_LAYERS; l++) {
            z[l] = a[l].timesTranspose(w[l]); // zero biases
            a[l + 1] = network == DeepNetwork.RELU ? z[l].map(v -> Math.max(v, 0)) : sigmoid(z[l]);
        }
        Matrix yHat = a[DEEP_LAYERS].timesTranspose(w[DEEP_LAYERS]);
        Matrix d = yHat.minus(y).times(2.0 / y.rows()); // dJ/dY_hat of the mean squared error
        Matrix[] dw = new Matrix[DEEP_LAYERS];
        for (int l = DEEP_LAYERS - 1; l >= 0; l--) {
            Matrix phiPrime = network == DeepNetwork.RELU ? z[l].map(v -> v > 0 ? 1.0 : 0.0)
                    : a[l + 1].map(v -> v * (1 - v));
            Matrix dz = d.matmul(w[l + 1]).times(phiPrime);
            dw[l] = dz.transposeTimes(a[l]);
            d = dz;
        }
        return dw[0].frobeniusNorm() / dw[DEEP_LAYERS - 1].frobeniusNorm();
    }

    private static void vanishingGradients(List<WorkedExample> out) {
        String section = "1 Gradient computation: vanishing gradients";
        for (DeepNetwork network : new DeepNetwork[] {DeepNetwork.SIGMOID, DeepNetwork.RELU}) {
            String name = network.name().toLowerCase(java.util.Locale.ROOT);
            add(out, "param-optimization", "vanishing-gradients/" + name + "-ratio", section,
                    "||dJ/dW^(1)||_F / ||dJ/dW^(" + DEEP_LAYERS + ")||_F in a " + DEEP_LAYERS + "-layer " + name
                            + " network of width " + DEEP_WIDTH + " (autograd through nn)",
                    "delta^(l-1) = (W^(l))^T delta^(l) (.) phi'(z^(l-1)), written out",
                    vanishingRatioByRecursion(network), vanishingRatio(network), Tolerances.ROUNDING);
        }
    }
}
