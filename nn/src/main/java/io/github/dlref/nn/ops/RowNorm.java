package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * The p-norm of each row, {@code y_i = ||a_i||_p = (sum_j |a_ij|^p)^(1/p)} for {@code 1 <= p < inf} and
 * {@code y_i = max_j |a_ij|} for {@code p = inf} (PyTorch {@code torch.linalg.vector_norm(a, ord=p, dim=1)}).
 * dl-basics' loss {@code ||y_hat - y||_p} with {@code p = 1, 2, inf} applies it to the error rows.
 *
 * <p>Shapes: {@code N x D} to {@code N x 1}. Gradient, for upstream {@code g_i}, matching PyTorch's
 * {@code norm_backward} (checked against it by the golden tests):
 * <ul>
 *   <li>{@code p = 1}: {@code g_i sign(a_ij)} (0 where {@code a_ij = 0});</li>
 *   <li>{@code 1 < p < inf}: {@code g_i sign(a_ij) |a_ij|^(p-1) / y_i^(p-1)} (for {@code p = 2}:
 *       {@code g_i a_ij / y_i});</li>
 *   <li>{@code p = inf}: {@code g_i sign(a_ij) / k} on each of the {@code k} entries where {@code |a_ij|}
 *       attains the maximum (ties split equally), 0 elsewhere;</li>
 *   <li>a row that is entirely zero gets gradient 0 (the norm is not differentiable there; 0 is PyTorch's
 *       choice of subgradient).</li>
 * </ul>
 * Saves the input and the output.
 *
 * <p><b>Second derivatives</b> ({@link #isTwiceDifferentiable()} is {@code false}): for {@code 1 < p < inf} the
 * norm is smooth wherever the row is not zero and, for {@code p < 2}, no entry is zero (there {@code |a|^(p-2)} is
 * infinite); {@code p = 1} and {@code p = inf} are piecewise linear (second derivative 0 away from sign changes and
 * ties of the maximum, none at them). Second-order checks therefore sample rows away from zero entries and ties.
 * The differentiable backward rule writes the gradient above with tensor ops, differentiable in the input and in the
 * norm (the node's output): {@code (g a) / y} for {@code p = 2}, {@code (g s) (|a| / y)^(p-1)} otherwise, with
 * constant signs and masks; where the fast rule writes 0 (zero rows, zero entries, non-maximal entries) the tensor
 * rule gives 0 with derivative 0.
 */
public final class RowNorm extends Op {

    private final double p;
    private Matrix input;
    private Matrix norms;

    /**
     * Creates the op.
     *
     * @param p the order, in {@code [1, inf]} ({@link Double#POSITIVE_INFINITY} for the maximum norm)
     * @throws IllegalArgumentException if {@code p < 1} or NaN
     */
    public RowNorm(double p) {
        if (!(p >= 1)) {
            throw new IllegalArgumentException("RowNorm: p must be in [1, inf], got " + p);
        }
        this.p = p;
    }

    /**
     * The order.
     *
     * @return {@code p}
     */
    public double p() {
        return p;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        int n = input.rows();
        int d = input.cols();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = 0.0;
            for (int j = 0; j < d; j++) {
                double a = Math.abs(input.get(i, j));
                if (p == Double.POSITIVE_INFINITY) {
                    acc = Math.max(acc, a);
                } else if (p == 1.0) {
                    acc += a;
                } else if (p == 2.0) {
                    acc += a * a;
                } else {
                    acc += StrictMath.pow(a, p);
                }
            }
            out[i] = p == 2.0 ? Math.sqrt(acc) : (p == 1.0 || p == Double.POSITIVE_INFINITY) ? acc
                    : StrictMath.pow(acc, 1.0 / p);
        }
        norms = Matrix.columnVector(out);
        return norms;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        int n = input.rows();
        int d = input.cols();
        double[] grad = new double[n * d];
        for (int i = 0; i < n; i++) {
            double norm = norms.get(i, 0);
            double g = gradOutput.get(i, 0);
            if (norm == 0.0) {
                continue;
            }
            int ties = 0;
            if (p == Double.POSITIVE_INFINITY) {
                for (int j = 0; j < d; j++) {
                    if (Math.abs(input.get(i, j)) == norm) {
                        ties++;
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                double a = input.get(i, j);
                double s = Math.signum(a);
                double v;
                if (p == 1.0) {
                    v = g * s;
                } else if (p == 2.0) {
                    v = g * a / norm;
                } else if (p == Double.POSITIVE_INFINITY) {
                    v = Math.abs(a) == norm ? g * s / ties : 0.0;
                } else {
                    v = g * s * StrictMath.pow(Math.abs(a) / norm, p - 1);
                }
                grad[i * d + j] = v;
            }
        }
        return new Matrix[] {Matrix.fromRowMajor(n, d, grad)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        int n = input.rows();
        int d = input.cols();
        Tensor g = Broadcast.columns(gradOutput, d);
        Matrix rowAlive = Matrix.build(n, d, (i, j) -> norms.get(i, 0) == 0.0 ? 0.0 : 1.0);
        Matrix signs = input.sign().times(rowAlive);
        if (p == 1.0) {
            return new Tensor[] {g.times(Tensor.constant(signs))};
        }
        if (p == Double.POSITIVE_INFINITY) {
            Matrix atMaximum = Matrix.build(n, d, (i, j) -> Math.abs(input.get(i, j)) == norms.get(i, 0) ? 1.0 : 0.0);
            Matrix ties = atMaximum.sumRows();
            Matrix divisor = Matrix.build(n, d, (i, j) -> Math.max(ties.get(i, 0), 1.0));
            return new Tensor[] {g.times(Tensor.constant(signs.times(atMaximum))).div(Tensor.constant(divisor))};
        }
        Matrix zeroRows = Matrix.build(n, 1, (i, j) -> norms.get(i, 0) == 0.0 ? 1.0 : 0.0);
        Tensor safeNorm = Broadcast.columns(output.times(Tensor.constant(zeroRows.map(z -> 1.0 - z)))
                .plus(Tensor.constant(zeroRows)), d);
        if (p == 2.0) {
            return new Tensor[] {g.times(a).div(safeNorm).times(Tensor.constant(rowAlive))};
        }
        Matrix nonZero = input.map(v -> v == 0.0 ? 0.0 : 1.0).times(rowAlive);
        Tensor ratio = a.abs().div(safeNorm).times(Tensor.constant(nonZero))
                .plus(Tensor.constant(nonZero.map(m -> 1.0 - m)));
        return new Tensor[] {g.times(Tensor.constant(signs)).times(ratio.pow(p - 1))};
    }

    /**
     * {@inheritDoc} Not this op: see the class documentation for where second derivatives do not exist.
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }

    @Override
    public String name() {
        return "RowNorm(p=" + p + ")";
    }
}
