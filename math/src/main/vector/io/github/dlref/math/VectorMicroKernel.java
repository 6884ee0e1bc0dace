package io.github.dlref.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD micro-kernel (Java Vector API, incubator module {@code jdk.incubator.vector}): a tile of 4 rows and
 * two vectors of columns ({@code 2 L} columns, {@code L} doubles per vector of the machine's preferred width:
 * 8 columns with AVX2, 16 with AVX-512) held in eight vector running sums. Each step broadcasts one entry of A
 * per row, multiplies it by the two vectors of B, then adds the products to the sums: a multiplication and a
 * separate addition per lane ({@code mul} then {@code add}, never {@code fma}), and the lanes are different
 * output entries, so every entry is summed exactly as the scalar loop sums it. Loaded only when the module is
 * in the running JVM ({@link PackedProducts}).
 */
final class VectorMicroKernel extends MicroKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final int MR = 4;
    private static final int NR = 2 * L;

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
        return "Vector API, " + SPECIES.vectorBitSize() + "-bit, " + MR + " x " + NR + " tiles";
    }

    @Override
    void multiplyAdd(double[] ap, int ao, double[] bp, int bo, int steps, double[] c, int co, int ldc,
            boolean fromZero) {
        int c1 = co + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        DoubleVector s00 = start(c, co, fromZero);
        DoubleVector s01 = start(c, co + L, fromZero);
        DoubleVector s10 = start(c, c1, fromZero);
        DoubleVector s11 = start(c, c1 + L, fromZero);
        DoubleVector s20 = start(c, c2, fromZero);
        DoubleVector s21 = start(c, c2 + L, fromZero);
        DoubleVector s30 = start(c, c3, fromZero);
        DoubleVector s31 = start(c, c3 + L, fromZero);
        for (int p = 0; p < steps; p++) {
            int a = ao + p * MR;
            int b = bo + p * NR;
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, bp, b);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, bp, b + L);
            DoubleVector x = DoubleVector.broadcast(SPECIES, ap[a]);
            s00 = s00.add(x.mul(y0));
            s01 = s01.add(x.mul(y1));
            x = DoubleVector.broadcast(SPECIES, ap[a + 1]);
            s10 = s10.add(x.mul(y0));
            s11 = s11.add(x.mul(y1));
            x = DoubleVector.broadcast(SPECIES, ap[a + 2]);
            s20 = s20.add(x.mul(y0));
            s21 = s21.add(x.mul(y1));
            x = DoubleVector.broadcast(SPECIES, ap[a + 3]);
            s30 = s30.add(x.mul(y0));
            s31 = s31.add(x.mul(y1));
        }
        s00.intoArray(c, co);
        s01.intoArray(c, co + L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
    }

    /** Rows of a sparse block: eight vectors of running sums per sparse column (32 rows with AVX2). */
    private static final int SPARSE_LANES = 8 * L;

    @Override
    int sparseLanes() {
        return SPARSE_LANES;
    }

    @Override
    void sparseColumns(double[] dp, int[] start, int[] offsets, double[] values, int columns, double[] tile) {
        for (int u = 0; u < columns; u++) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            DoubleVector s4 = s0;
            DoubleVector s5 = s0;
            DoubleVector s6 = s0;
            DoubleVector s7 = s0;
            for (int q = start[u], end = start[u + 1]; q < end; q++) {
                int o = offsets[q];
                DoubleVector x = DoubleVector.broadcast(SPECIES, values[q]);
                s0 = s0.add(DoubleVector.fromArray(SPECIES, dp, o).mul(x));
                s1 = s1.add(DoubleVector.fromArray(SPECIES, dp, o + L).mul(x));
                s2 = s2.add(DoubleVector.fromArray(SPECIES, dp, o + 2 * L).mul(x));
                s3 = s3.add(DoubleVector.fromArray(SPECIES, dp, o + 3 * L).mul(x));
                s4 = s4.add(DoubleVector.fromArray(SPECIES, dp, o + 4 * L).mul(x));
                s5 = s5.add(DoubleVector.fromArray(SPECIES, dp, o + 5 * L).mul(x));
                s6 = s6.add(DoubleVector.fromArray(SPECIES, dp, o + 6 * L).mul(x));
                s7 = s7.add(DoubleVector.fromArray(SPECIES, dp, o + 7 * L).mul(x));
            }
            int t = u * SPARSE_LANES;
            s0.intoArray(tile, t);
            s1.intoArray(tile, t + L);
            s2.intoArray(tile, t + 2 * L);
            s3.intoArray(tile, t + 3 * L);
            s4.intoArray(tile, t + 4 * L);
            s5.intoArray(tile, t + 5 * L);
            s6.intoArray(tile, t + 6 * L);
            s7.intoArray(tile, t + 7 * L);
        }
    }

    /** A running sum's start: {@code L} entries of {@code c} from {@code offset}, or {@code +0.0} in every lane. */
    private static DoubleVector start(double[] c, int offset, boolean fromZero) {
        return fromZero ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, c, offset);
    }
}
