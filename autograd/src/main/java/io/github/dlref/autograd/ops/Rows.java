package io.github.dlref.autograd.ops;

import io.github.dlref.math.Matrix;

/**
 * The numerically stable row-wise softmax and log-softmax shared by {@link Softmax}, {@link LogSoftmax}
 * and {@link SoftmaxCrossEntropy}. Each row is shifted by its maximum {@code m_i} before exponentiating,
 * so the largest exponent is {@code exp(0) = 1} and logits of any finite size cannot overflow:
 * {@code log p_ij = (z_ij - m_i) - ln(sum_k exp(z_ik - m_i))}. Sums run left to right.
 */
final class Rows {

    private Rows() {
    }

    static Matrix logSoftmax(String op, Matrix z) {
        Shapes.requireColumns(op, z);
        int n = z.rows();
        int k = z.cols();
        double[] a = z.toRowMajorArray();
        double[] out = new double[a.length];
        for (int i = 0; i < n; i++) {
            int base = i * k;
            double max = a[base];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, a[base + j]);
            }
            double sumExp = 0.0;
            for (int j = 0; j < k; j++) {
                sumExp += StrictMath.exp(a[base + j] - max);
            }
            double logSumExp = StrictMath.log(sumExp);
            for (int j = 0; j < k; j++) {
                out[base + j] = (a[base + j] - max) - logSumExp;
            }
        }
        return Matrix.fromRowMajor(n, k, out);
    }

    static Matrix softmax(String op, Matrix z) {
        Shapes.requireColumns(op, z);
        int n = z.rows();
        int k = z.cols();
        double[] a = z.toRowMajorArray();
        double[] out = new double[a.length];
        for (int i = 0; i < n; i++) {
            int base = i * k;
            double max = a[base];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, a[base + j]);
            }
            double sumExp = 0.0;
            for (int j = 0; j < k; j++) {
                out[base + j] = StrictMath.exp(a[base + j] - max);
                sumExp += out[base + j];
            }
            for (int j = 0; j < k; j++) {
                out[base + j] /= sumExp;
            }
        }
        return Matrix.fromRowMajor(n, k, out);
    }
}
