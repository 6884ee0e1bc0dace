package io.github.dlref.math;

/**
 * The micro-kernel of plain Java: a 3 x 4 tile held in twelve scalar running sums (twelve independent
 * additions per step, so they do not wait for each other). Used when the {@code jdk.incubator.vector}
 * module is not in the running JVM; it computes the same bits as {@link VectorMicroKernel}, only slower.
 */
final class ScalarMicroKernel extends MicroKernel {

    /** The tile's rows. */
    static final int MR = 3;
    /** The tile's columns. */
    static final int NR = 4;

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
        return "plain Java, 3 x 4 tiles";
    }

    @Override
    void multiplyAdd(double[] ap, int ao, double[] bp, int bo, int steps, double[] c, int co, int ldc) {
        int c0 = co;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        double s00 = c[c0];
        double s01 = c[c0 + 1];
        double s02 = c[c0 + 2];
        double s03 = c[c0 + 3];
        double s10 = c[c1];
        double s11 = c[c1 + 1];
        double s12 = c[c1 + 2];
        double s13 = c[c1 + 3];
        double s20 = c[c2];
        double s21 = c[c2 + 1];
        double s22 = c[c2 + 2];
        double s23 = c[c2 + 3];
        int a = ao;
        int b = bo;
        for (int p = 0; p < steps; p++, a += MR, b += NR) {
            double x0 = ap[a];
            double x1 = ap[a + 1];
            double x2 = ap[a + 2];
            double y = bp[b];
            s00 += x0 * y;
            s10 += x1 * y;
            s20 += x2 * y;
            y = bp[b + 1];
            s01 += x0 * y;
            s11 += x1 * y;
            s21 += x2 * y;
            y = bp[b + 2];
            s02 += x0 * y;
            s12 += x1 * y;
            s22 += x2 * y;
            y = bp[b + 3];
            s03 += x0 * y;
            s13 += x1 * y;
            s23 += x2 * y;
        }
        c[c0] = s00;
        c[c0 + 1] = s01;
        c[c0 + 2] = s02;
        c[c0 + 3] = s03;
        c[c1] = s10;
        c[c1 + 1] = s11;
        c[c1 + 2] = s12;
        c[c1 + 3] = s13;
        c[c2] = s20;
        c[c2 + 1] = s21;
        c[c2 + 2] = s22;
        c[c2 + 3] = s23;
    }
}
