/*
 * What this machine's cores reach in C for the arithmetic of dlref's products, to compare with what HotSpot
 * reaches (dlref bench's "measured peak" and the products' GFLOP/s). Not part of the build; needs gcc and AVX2:
 *
 *   gcc -O2 -mavx2 -mfma -ffp-contract=off bench/native/mul_add_peak.c -o /tmp/mul_add_peak && /tmp/mul_add_peak
 *
 * Three loops on one thread, operands in the level-1 cache, each timed in 7 interleaved rounds (median printed):
 *   mul+add  eight 256-bit running sums, each increased by a product then a separate addition (dlref's rule);
 *   fma      the same with fused multiply-adds (what OpenBLAS uses; dlref must not: the bits would change);
 *   kernel   dlref's 4 x 8 micro-kernel (two vectors of B, four broadcast entries of A, multiply then add) over
 *            packed panels of 128 inner steps, as VectorMicroKernel does it.
 * -ffp-contract=off keeps gcc from fusing the mul+add and kernel loops.
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 7

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double sink;

static double mul_add(const double *v, long passes) {
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    __m256d x0 = _mm256_set1_pd(1.0000001), x1 = _mm256_set1_pd(0.9999), x2 = _mm256_set1_pd(1.01),
            x3 = _mm256_set1_pd(0.99);
    double t0 = now();
    for (long r = 0; r < passes; r++) {
        for (int i = 0; i < 256; i += 8) {
            __m256d y0 = _mm256_load_pd(v + i), y1 = _mm256_load_pd(v + i + 4);
            s0 = _mm256_add_pd(s0, _mm256_mul_pd(x0, y0));
            s1 = _mm256_add_pd(s1, _mm256_mul_pd(x0, y1));
            s2 = _mm256_add_pd(s2, _mm256_mul_pd(x1, y0));
            s3 = _mm256_add_pd(s3, _mm256_mul_pd(x1, y1));
            s4 = _mm256_add_pd(s4, _mm256_mul_pd(x2, y0));
            s5 = _mm256_add_pd(s5, _mm256_mul_pd(x2, y1));
            s6 = _mm256_add_pd(s6, _mm256_mul_pd(x3, y0));
            s7 = _mm256_add_pd(s7, _mm256_mul_pd(x3, y1));
        }
    }
    double t = now() - t0;
    __m256d z = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)),
                              _mm256_add_pd(_mm256_add_pd(s4, s5), _mm256_add_pd(s6, s7)));
    double o[4];
    _mm256_storeu_pd(o, z);
    sink += o[0];
    return passes * 32.0 * 8 * 4 * 2 / t / 1e9;
}

static double fused(const double *v, long passes) {
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    __m256d x0 = _mm256_set1_pd(1.0000001), x1 = _mm256_set1_pd(0.9999), x2 = _mm256_set1_pd(1.01),
            x3 = _mm256_set1_pd(0.99);
    double t0 = now();
    for (long r = 0; r < passes; r++) {
        for (int i = 0; i < 256; i += 8) {
            __m256d y0 = _mm256_load_pd(v + i), y1 = _mm256_load_pd(v + i + 4);
            s0 = _mm256_fmadd_pd(x0, y0, s0);
            s1 = _mm256_fmadd_pd(x0, y1, s1);
            s2 = _mm256_fmadd_pd(x1, y0, s2);
            s3 = _mm256_fmadd_pd(x1, y1, s3);
            s4 = _mm256_fmadd_pd(x2, y0, s4);
            s5 = _mm256_fmadd_pd(x2, y1, s5);
            s6 = _mm256_fmadd_pd(x3, y0, s6);
            s7 = _mm256_fmadd_pd(x3, y1, s7);
        }
    }
    double t = now() - t0;
    __m256d z = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)),
                              _mm256_add_pd(_mm256_add_pd(s4, s5), _mm256_add_pd(s6, s7)));
    double o[4];
    _mm256_storeu_pd(o, z);
    sink += o[0];
    return passes * 32.0 * 8 * 4 * 2 / t / 1e9;
}

#define ACC(s, x, y) s = _mm256_add_pd(s, _mm256_mul_pd(x, y))

__attribute__((noinline)) static void kernel4x8(const double *ap, const double *bp, int steps, double *c, int ldc) {
    __m256d s00 = _mm256_loadu_pd(c), s01 = _mm256_loadu_pd(c + 4);
    __m256d s10 = _mm256_loadu_pd(c + ldc), s11 = _mm256_loadu_pd(c + ldc + 4);
    __m256d s20 = _mm256_loadu_pd(c + 2 * ldc), s21 = _mm256_loadu_pd(c + 2 * ldc + 4);
    __m256d s30 = _mm256_loadu_pd(c + 3 * ldc), s31 = _mm256_loadu_pd(c + 3 * ldc + 4);
    for (int p = 0; p < steps; p++) {
        __m256d y0 = _mm256_loadu_pd(bp + 8 * p), y1 = _mm256_loadu_pd(bp + 8 * p + 4), x;
        x = _mm256_broadcast_sd(ap + 4 * p);
        ACC(s00, x, y0);
        ACC(s01, x, y1);
        x = _mm256_broadcast_sd(ap + 4 * p + 1);
        ACC(s10, x, y0);
        ACC(s11, x, y1);
        x = _mm256_broadcast_sd(ap + 4 * p + 2);
        ACC(s20, x, y0);
        ACC(s21, x, y1);
        x = _mm256_broadcast_sd(ap + 4 * p + 3);
        ACC(s30, x, y0);
        ACC(s31, x, y1);
    }
    _mm256_storeu_pd(c, s00);
    _mm256_storeu_pd(c + 4, s01);
    _mm256_storeu_pd(c + ldc, s10);
    _mm256_storeu_pd(c + ldc + 4, s11);
    _mm256_storeu_pd(c + 2 * ldc, s20);
    _mm256_storeu_pd(c + 2 * ldc + 4, s21);
    _mm256_storeu_pd(c + 3 * ldc, s30);
    _mm256_storeu_pd(c + 3 * ldc + 4, s31);
}

static double kernel(const double *ap, const double *bp, double *c, long calls) {
    double t0 = now();
    for (long i = 0; i < calls; i++) {
        kernel4x8(ap, bp, 128, c, 16);
    }
    double t = now() - t0;
    sink += c[0];
    return calls * 2.0 * 32 * 128 / t / 1e9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(void) {
    static double v[256] __attribute__((aligned(64)));
    static double ap[4 * 128] __attribute__((aligned(64)));
    static double bp[8 * 128] __attribute__((aligned(64)));
    static double c[4 * 16] __attribute__((aligned(64)));
    for (int i = 0; i < 256; i++) v[i] = 1e-9 * i;
    for (int i = 0; i < 4 * 128; i++) ap[i] = 1e-3 * (i % 17);
    for (int i = 0; i < 8 * 128; i++) bp[i] = 1e-3 * (i % 13);
    double r[3][ROUNDS];
    for (int k = 0; k < ROUNDS; k++) {
        r[0][k] = mul_add(v, 2000000);
        r[1][k] = fused(v, 2000000);
        r[2][k] = kernel(ap, bp, c, 200000);
    }
    const char *names[3] = {"mul+add (dlref's rule)", "fma (fused)", "4 x 8 kernel, mul+add"};
    for (int i = 0; i < 3; i++) {
        qsort(r[i], ROUNDS, sizeof(double), cmp);
        printf("%-24s median %6.2f GFLOP/s  (rounds %.2f to %.2f)\n", names[i], r[i][ROUNDS / 2], r[i][0],
               r[i][ROUNDS - 1]);
    }
    return sink == 12345.0;
}
