package io.github.dlref.math;

/**
 * The micro-kernel of plain Java: a 3 x 3 tile held in nine scalar running sums (nine independent additions per
 * step, so they do not wait for each other; six loads for nine products). Used when the
 * {@code jdk.incubator.vector} module is not in the running JVM; it computes the same bits as the SIMD kernel,
 * only slower. (Measured against 3 x 4, 2 x 4 and 4 x 3 tiles on this project's machine, 3 x 3 was the
 * fastest: HotSpot keeps its nine sums and six operands in registers.)
 */
final class ScalarMicroKernel extends MicroKernel {

    /** The tile's rows. */
    static final int MR = 3;
    /** The tile's columns. */
    static final int NR = 3;

    @Override
    int rows() {
        return MR;
    }

    @Override
    int cols() {
        return NR;
    }

    @Override
    String description() {
        return "plain Java, 3 x 3 tiles";
    }

    @Override
    void multiplyAdd(double[] ap, int ao, double[] bp, int bo, int steps, double[] c, int co, int ldc,
            boolean fromZero) {
        int c0 = co;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        double s00 = fromZero ? 0.0 : c[c0];
        double s01 = fromZero ? 0.0 : c[c0 + 1];
        double s02 = fromZero ? 0.0 : c[c0 + 2];
        double s10 = fromZero ? 0.0 : c[c1];
        double s11 = fromZero ? 0.0 : c[c1 + 1];
        double s12 = fromZero ? 0.0 : c[c1 + 2];
        double s20 = fromZero ? 0.0 : c[c2];
        double s21 = fromZero ? 0.0 : c[c2 + 1];
        double s22 = fromZero ? 0.0 : c[c2 + 2];
        for (int p = 0; p < steps; p++) {
            int a = ao + p * MR;
            int b = bo + p * NR;
            double x0 = ap[a];
            double x1 = ap[a + 1];
            double x2 = ap[a + 2];
            double y0 = bp[b];
            double y1 = bp[b + 1];
            double y2 = bp[b + 2];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s02 += x0 * y2;
            s10 += x1 * y0;
            s11 += x1 * y1;
            s12 += x1 * y2;
            s20 += x2 * y0;
            s21 += x2 * y1;
            s22 += x2 * y2;
        }
        c[c0] = s00;
        c[c0 + 1] = s01;
        c[c0 + 2] = s02;
        c[c1] = s10;
        c[c1 + 1] = s11;
        c[c1 + 2] = s12;
        c[c2] = s20;
        c[c2 + 1] = s21;
        c[c2 + 2] = s22;
    }

    /** Rows of a sparse block: four running sums per sparse column. */
    static final int SPARSE_LANES = 4;

    @Override
    int sparseLanes() {
        return SPARSE_LANES;
    }

    @Override
    void sparseColumns(double[] dp, int[] start, int[] offsets, double[] values, int columns, double[] tile) {
        for (int u = 0; u < columns; u++) {
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int q = start[u], end = start[u + 1]; q < end; q++) {
                int o = offsets[q];
                double x = values[q];
                s0 += dp[o] * x;
                s1 += dp[o + 1] * x;
                s2 += dp[o + 2] * x;
                s3 += dp[o + 3] * x;
            }
            int t = u * SPARSE_LANES;
            tile[t] = s0;
            tile[t + 1] = s1;
            tile[t + 2] = s2;
            tile[t + 3] = s3;
        }
    }
}
