package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Rng} against {@code java.util.Random}, the independent implementation of the algorithm it
 * re-implements (the JDK's own), draw for draw and bit for bit; and against the LCG step computed by hand
 * with {@link BigInteger} arithmetic.
 */
class RngTest {

    private static final int DRAWS = 40;

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 42L, -1L, 123456789L, 0x5DEECE66DL, Long.MIN_VALUE, Long.MAX_VALUE})
    void nextIntMatchesJavaUtilRandom(long seed) {
        Rng rng = new Rng(seed);
        Random ref = new Random(seed);
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(ref.nextInt(), rng.nextInt(), "seed " + seed + ", draw " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 7L, 42L, -99L, Long.MAX_VALUE})
    void boundedNextIntMatchesForPowerOfTwoAndOtherBounds(long seed) {
        // powers of two take the multiply-shift path; the others take the rejection loop, and
        // 2^30 + 1 rejects almost half of all draws, so both loop exits are exercised.
        int[] bounds = {1, 2, 16, 1 << 30, 3, 10, 1000, (1 << 30) + 1, Integer.MAX_VALUE};
        for (int bound : bounds) {
            Rng rng = new Rng(seed);
            Random ref = new Random(seed);
            for (int i = 0; i < DRAWS; i++) {
                assertEquals(ref.nextInt(bound), rng.nextInt(bound), "seed " + seed + ", bound " + bound + ", draw " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 42L, -1L, Long.MIN_VALUE})
    void nextLongNextDoubleAndNextBooleanMatch(long seed) {
        Rng rng = new Rng(seed);
        Random ref = new Random(seed);
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(ref.nextLong(), rng.nextLong(), "nextLong, draw " + i);
            assertEquals(Double.doubleToRawLongBits(ref.nextDouble()), Double.doubleToRawLongBits(rng.nextDouble()),
                    "nextDouble, draw " + i);
            assertEquals(ref.nextBoolean(), rng.nextBoolean(), "nextBoolean, draw " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 42L, -1L, 2024L})
    void nextGaussianMatchesIncludingTheCachedSecondValue(long seed) {
        Rng rng = new Rng(seed);
        Random ref = new Random(seed);
        // an odd count: every pair's second (cached) value is compared, and the last draw starts a new pair
        for (int i = 0; i < 2 * DRAWS + 1; i++) {
            assertEquals(Double.doubleToRawLongBits(ref.nextGaussian()), Double.doubleToRawLongBits(rng.nextGaussian()),
                    "seed " + seed + ", gaussian " + i);
        }
    }

    @Test
    void theCachedGaussianSurvivesOtherDrawsInBetween() {
        // java.util.Random keeps the second polar value across other calls; so must Rng.
        Rng rng = new Rng(5);
        Random ref = new Random(5);
        for (int round = 0; round < 10; round++) {
            assertEquals(ref.nextGaussian(), rng.nextGaussian());
            assertEquals(ref.nextInt(7), rng.nextInt(7));
            assertEquals(ref.nextDouble(), rng.nextDouble());
            assertEquals(ref.nextGaussian(), rng.nextGaussian());
            assertEquals(ref.nextLong(), rng.nextLong());
            assertEquals(ref.nextBoolean(), rng.nextBoolean());
        }
    }

    @Test
    void firstDrawFollowsThePublishedLcgByHand() {
        // seed0 = (s XOR 0x5DEECE66D) mod 2^48; seed1 = (seed0 * 0x5DEECE66D + 0xB) mod 2^48;
        // nextInt() = the top 32 of the 48 bits, as a signed int.
        BigInteger two48 = BigInteger.ONE.shiftLeft(48);
        BigInteger multiplier = BigInteger.valueOf(0x5DEECE66DL);
        for (long s : new long[] {0L, 42L, -1L}) {
            BigInteger seed0 = BigInteger.valueOf(s).xor(multiplier).mod(two48);
            BigInteger seed1 = seed0.multiply(multiplier).add(BigInteger.valueOf(0xB)).mod(two48);
            int expected = (int) seed1.shiftRight(16).longValue();
            assertEquals(expected, new Rng(s).nextInt(), "seed " + s);
        }
        // the widely published first nextInt() of new Random(42) and new Random(0)
        assertEquals(-1170105035, new Rng(42).nextInt());
        assertEquals(-1155484576, new Rng(0).nextInt());
    }

    @Test
    void nextIntRejectsNonPositiveBounds() {
        Rng rng = new Rng(1);
        assertThrowsWith(IllegalArgumentException.class, () -> rng.nextInt(0), "nextInt", "bound", "> 0", "0");
        assertThrowsWith(IllegalArgumentException.class, () -> rng.nextInt(-5), "nextInt", "-5");
    }

    @Test
    void stateAndRestoreContinueIdentically() {
        Rng rng = new Rng(77);
        rng.nextInt();
        rng.nextGaussian(); // leaves the second Gaussian cached
        Rng.State saved = rng.state();
        double[] first = mixedDraws(rng);
        rng.restore(saved);
        assertArrayEquals(first, mixedDraws(rng));
        Rng copy = Rng.fromState(saved);
        assertArrayEquals(first, mixedDraws(copy));
        // the copy is independent: drawing from it does not move the original
        Rng original = new Rng(77);
        Rng.State start = original.state();
        Rng.fromState(start).nextLong();
        assertEquals(start, original.state());
    }

    @Test
    void stateRecordsTheCachedGaussian() {
        Rng rng = new Rng(3);
        assertFalse(rng.state().haveNextNextGaussian());
        rng.nextGaussian();
        Rng.State s = rng.state();
        Random ref = new Random(3);
        ref.nextGaussian();
        double second = ref.nextGaussian();
        assertEquals(true, s.haveNextNextGaussian());
        assertEquals(second, s.nextNextGaussian());
        assertEquals(second, rng.nextGaussian());
    }

    @Test
    void stateValidatesItsSeed() {
        assertThrowsWith(IllegalArgumentException.class, () -> new Rng.State(-1, false, 0), "Rng.State", "[0, 2^48)",
                "-1");
        assertThrowsWith(IllegalArgumentException.class, () -> new Rng.State(1L << 48, false, 0), "Rng.State",
                String.valueOf(1L << 48));
        assertThrowsWith(NullPointerException.class, () -> new Rng(1).restore(null), "restore");
        // the smallest and the largest valid seeds work
        assertEquals(0L, new Rng.State(0, false, 0).seed());
        assertEquals((1L << 48) - 1, new Rng.State((1L << 48) - 1, false, 0).seed());
    }

    /** Fisher-Yates written out: for i from n-1 down to 1, j = nextInt(i + 1), swap a[i] and a[j]. */
    private static int[] fisherYatesByHand(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 10, 52, 1000})
    void permutationIsFisherYatesOnJavaUtilRandomDraws(int n) {
        Rng rng = new Rng(11);
        Random ref = new Random(11);
        int[] p = rng.permutation(n);
        assertArrayEquals(fisherYatesByHand(n, ref), p);
        // exactly n - 1 draws were used: the streams are still in step
        assertEquals(ref.nextInt(), rng.nextInt());
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i], "not a permutation of 0.." + (n - 1));
        }
    }

    @Test
    void eachEpochGetsTheNextPermutationFromTheSameGenerator() {
        Rng rng = new Rng(2024);
        Random ref = new Random(2024);
        int[] epoch1 = rng.permutation(20);
        int[] epoch2 = rng.permutation(20);
        assertArrayEquals(fisherYatesByHand(20, ref), epoch1);
        assertArrayEquals(fisherYatesByHand(20, ref), epoch2);
        assertFalse(Arrays.equals(epoch1, epoch2));
    }

    @Test
    void shuffleAppliesFisherYatesToAnyArray() {
        int[] values = {10, 20, 30, 40, 50, 60};
        int[] expected = values.clone();
        Random ref = new Random(8);
        for (int i = expected.length - 1; i >= 1; i--) {
            int j = ref.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        new Rng(8).shuffle(values);
        assertArrayEquals(expected, values);
        assertThrowsWith(NullPointerException.class, () -> new Rng(8).shuffle(null), "shuffle");
        assertThrowsWith(IllegalArgumentException.class, () -> new Rng(8).permutation(-1), "permutation", "-1");
    }

    @Test
    void uniformFillDrawsInRowMajorOrder() {
        Random ref = new Random(7);
        double lo = -2;
        double hi = 5;
        double[] expected = new double[12];
        for (int k = 0; k < 12; k++) {
            expected[k] = lo + (hi - lo) * ref.nextDouble(); // entry (k / 4, k % 4)
        }
        Matrix u = new Rng(7).uniform(3, 4, lo, hi);
        assertBitwise(Matrix.fromRowMajor(3, 4, expected), u);
        for (int k = 0; k < 12; k++) {
            double x = u.getFlat(k);
            assertFalse(x < lo || x >= hi, "entry " + k + " = " + x + " outside [lo, hi)");
        }
    }

    @Test
    void gaussianFillDrawsInRowMajorOrder() {
        Random ref = new Random(9);
        double[] expected = new double[15];
        for (int k = 0; k < 15; k++) {
            expected[k] = 1.5 + 0.5 * ref.nextGaussian();
        }
        assertBitwise(Matrix.fromRowMajor(5, 3, expected), new Rng(9).gaussian(5, 3, 1.5, 0.5));
    }

    @Test
    void emptyFillsDrawNothing() {
        Rng rng = new Rng(13);
        assertEquals("0x4", rng.uniform(0, 4, 0, 1).shape());
        assertEquals("4x0", rng.gaussian(4, 0, 0, 1).shape());
        assertEquals(new Random(13).nextInt(), rng.nextInt());
    }

    @Test
    void degenerateFillsAreConstantButStillDraw() {
        // lo == hi and std == 0 are valid: every entry is lo (mean), and the draws are consumed as usual
        Rng rng = new Rng(21);
        Random ref = new Random(21);
        assertBitwise(Matrix.filled(2, 3, 1.5), rng.uniform(2, 3, 1.5, 1.5));
        for (int k = 0; k < 6; k++) {
            ref.nextDouble();
        }
        assertBitwise(Matrix.filled(3, 2, -4.0), rng.gaussian(3, 2, -4.0, 0.0));
        for (int k = 0; k < 6; k++) {
            ref.nextGaussian();
        }
        assertEquals(ref.nextInt(), rng.nextInt());
    }

    @Test
    void fillsRejectBadArguments() {
        Rng rng = new Rng(1);
        assertThrowsWith(IllegalArgumentException.class, () -> rng.uniform(2, 2, 1, 0), "Rng.uniform", "lo=1.0",
                "hi=0.0");
        assertThrowsWith(IllegalArgumentException.class, () -> rng.uniform(2, 2, Double.NaN, 1), "Rng.uniform", "NaN");
        assertThrowsWith(IllegalArgumentException.class,
                () -> rng.uniform(2, 2, 0, Double.POSITIVE_INFINITY), "Rng.uniform", "Infinity");
        assertThrowsWith(IllegalArgumentException.class,
                () -> rng.uniform(2, 2, -Double.MAX_VALUE, Double.MAX_VALUE), "Rng.uniform", "overflows");
        assertThrowsWith(IllegalArgumentException.class, () -> rng.uniform(-1, 2, 0, 1), "Rng.uniform", "-1x2");
        assertThrowsWith(IllegalArgumentException.class, () -> rng.gaussian(2, 2, 0, -1), "Rng.gaussian", "std=-1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> rng.gaussian(2, 2, Double.NaN, 1), "Rng.gaussian",
                "mean=NaN");
        assertThrowsWith(IllegalArgumentException.class, () -> rng.gaussian(2, -3, 0, 1), "Rng.gaussian", "2x-3");
        // none of the rejected calls drew anything
        assertEquals(new Random(1).nextInt(), rng.nextInt());
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }

    private static double[] mixedDraws(Rng rng) {
        return new double[] {
            rng.nextGaussian(), rng.nextInt(), rng.nextInt(10), rng.nextDouble(), rng.nextLong(),
            rng.nextBoolean() ? 1 : 0, rng.nextGaussian(), rng.nextGaussian(), rng.nextInt(1 << 20)
        };
    }
}
