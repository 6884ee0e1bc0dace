package io.github.dlref.math;

import java.util.Objects;

/**
 * The project's seeded random number generator: the published algorithm of {@code java.util.Random}
 * (a 48-bit linear congruential generator, Knuth TAOCP vol. 2 section 3.2.1), re-implemented so that its
 * whole state can be read and restored (checkpoints resume bit-identically) and so that any language can
 * reproduce the same draws from this description.
 *
 * <ul>
 *   <li>State: {@code seed} (48 bits), initialised to {@code (s XOR 0x5DEECE66D) mod 2^48} for a user seed s.</li>
 *   <li>{@code next(bits)}: {@code seed = (seed * 0x5DEECE66D + 0xB) mod 2^48}; return the top {@code bits}
 *       bits of the 48-bit seed as a signed int.</li>
 *   <li>{@link #nextInt(int)}, {@link #nextLong()}, {@link #nextDouble()} and {@link #nextGaussian()} follow
 *       {@code java.util.Random}'s Javadoc exactly (rejection loop for bounds that are not powers of two,
 *       {@code ((next(26) << 27) + next(27)) * 2^-53}, the polar method that caches its second value).</li>
 *   <li>Matrix fills draw in row-major order: entry (0,0) first, then (0,1), ...</li>
 *   <li>{@link #permutation(int)} and {@link #shuffle(int[])} are Fisher-Yates: for {@code i} from
 *       {@code n-1} down to 1, {@code j = nextInt(i + 1)}, swap entries {@code i} and {@code j}.</li>
 * </ul>
 *
 * <p>Not thread-safe: each user owns its generator. For any seed the draws equal those of
 * {@code new java.util.Random(seed)}, which the tests check.
 */
public final class Rng {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long seed;
    private double nextNextGaussian;
    private boolean haveNextNextGaussian;

    /**
     * A generator seeded like {@code new java.util.Random(seed)}.
     *
     * @param seed the user seed
     */
    public Rng(long seed) {
        this.seed = scramble(seed);
    }

    private Rng(State state) {
        restore(state);
    }

    private static long scramble(long seed) {
        return (seed ^ MULTIPLIER) & MASK;
    }

    /**
     * The complete generator state (the 48-bit seed and the cached Gaussian), enough to continue the exact
     * same sequence of draws later with {@link #fromState(State)}.
     *
     * @param seed the internal (already scrambled) 48-bit seed, in {@code [0, 2^48)}
     * @param haveNextNextGaussian whether a second polar-method Gaussian is cached
     * @param nextNextGaussian the cached Gaussian (meaningful only when cached)
     */
    public record State(long seed, boolean haveNextNextGaussian, double nextNextGaussian) {
        /**
         * Validates the seed range.
         *
         * @param seed the internal 48-bit seed
         * @param haveNextNextGaussian whether a Gaussian is cached
         * @param nextNextGaussian the cached Gaussian
         * @throws IllegalArgumentException if {@code seed} is outside {@code [0, 2^48)}
         */
        public State {
            if (seed < 0 || seed > MASK) {
                throw new IllegalArgumentException("Rng.State: seed must be in [0, 2^48), got " + seed);
            }
        }
    }

    /**
     * The current state.
     *
     * @return a snapshot of the state
     */
    public State state() {
        return new State(seed, haveNextNextGaussian, nextNextGaussian);
    }

    /**
     * Replaces this generator's state.
     *
     * @param state a state from {@link #state()}
     * @throws NullPointerException if {@code state} is null
     */
    public void restore(State state) {
        Objects.requireNonNull(state, "Rng.restore: state must not be null");
        this.seed = state.seed();
        this.haveNextNextGaussian = state.haveNextNextGaussian();
        this.nextNextGaussian = state.nextNextGaussian();
    }

    private static void checkDims(String op, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": dimensions must be >= 0, got " + rows + "x" + cols);
        }
    }

    /**
     * A generator that continues from a saved state.
     *
     * @param state a state from {@link #state()}
     * @return a new generator
     * @throws NullPointerException if {@code state} is null
     */
    public static Rng fromState(State state) {
        return new Rng(state);
    }

    /**
     * {@code java.util.Random.next(bits)}: advances the LCG and returns its top {@code bits} bits.
     *
     * @param bits number of random bits, in {@code [1, 32]}
     * @return the bits, as a signed int
     */
    private int next(int bits) {
        seed = (seed * MULTIPLIER + ADDEND) & MASK;
        return (int) (seed >>> (48 - bits));
    }

    /**
     * A uniformly distributed int, all 2^32 values possible ({@code next(32)}).
     *
     * @return the draw
     */
    public int nextInt() {
        return next(32);
    }

    /**
     * A uniformly distributed int in {@code [0, bound)}, exactly as {@code java.util.Random.nextInt(bound)}.
     *
     * @param bound the exclusive upper bound, {@code > 0}
     * @return the draw
     * @throws IllegalArgumentException if {@code bound <= 0}
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Rng.nextInt: bound must be > 0, got " + bound);
        }
        if ((bound & -bound) == bound) {
            return (int) ((bound * (long) next(31)) >> 31);
        }
        int bits;
        int val;
        do {
            bits = next(31);
            val = bits % bound;
        } while (bits - val + (bound - 1) < 0);
        return val;
    }

    /**
     * A uniformly distributed long ({@code ((long) next(32) << 32) + next(32)}).
     *
     * @return the draw
     */
    public long nextLong() {
        return ((long) next(32) << 32) + next(32);
    }

    /**
     * A uniformly distributed double in {@code [0, 1)}: {@code ((next(26) << 27) + next(27)) * 2^-53}.
     *
     * @return the draw
     */
    public double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
    }

    /**
     * A uniformly distributed boolean ({@code next(1) != 0}).
     *
     * @return the draw
     */
    public boolean nextBoolean() {
        return next(1) != 0;
    }

    /**
     * A standard normal draw by Marsaglia's polar method, exactly as {@code java.util.Random.nextGaussian()}:
     * draws pairs {@code v1, v2 = 2 nextDouble() - 1} until {@code 0 < s = v1^2 + v2^2 < 1}, returns
     * {@code v1 m} and caches {@code v2 m} for the next call, where {@code m = sqrt(-2 ln(s) / s)}
     * ({@code StrictMath} functions).
     *
     * @return the draw
     */
    public double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }

    /**
     * A {@code rows x cols} matrix of uniform draws {@code lo + (hi - lo) nextDouble()}, filled row-major.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @param lo lower bound (inclusive)
     * @param hi upper bound ({@code >= lo}; exclusive up to rounding)
     * @return the matrix
     * @throws IllegalArgumentException if a bound is not finite, {@code lo > hi}, {@code hi - lo} overflows,
     *     or a dimension is negative
     */
    public Matrix uniform(int rows, int cols, double lo, double hi) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("Rng.uniform: need finite lo <= hi, got lo=" + lo + ", hi=" + hi);
        }
        double width = hi - lo;
        if (Double.isInfinite(width)) {
            throw new IllegalArgumentException("Rng.uniform: hi - lo overflows for lo=" + lo + ", hi=" + hi);
        }
        checkDims("Rng.uniform", rows, cols);
        return Matrix.build(rows, cols, (i, j) -> lo + width * nextDouble());
    }

    /**
     * A {@code rows x cols} matrix of Gaussian draws {@code mean + std nextGaussian()}, filled row-major.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @param mean the mean
     * @param std the standard deviation, {@code >= 0}
     * @return the matrix
     * @throws IllegalArgumentException if {@code mean} or {@code std} is not finite, {@code std < 0}, or a
     *     dimension is negative
     */
    public Matrix gaussian(int rows, int cols, double mean, double std) {
        if (!(std >= 0) || Double.isInfinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("Rng.gaussian: need finite mean and std >= 0, got mean=" + mean
                    + ", std=" + std);
        }
        checkDims("Rng.gaussian", rows, cols);
        return Matrix.build(rows, cols, (i, j) -> mean + std * nextGaussian());
    }

    /**
     * A random permutation of {@code 0 .. n-1}: start from the identity and apply Fisher-Yates
     * ({@link #shuffle(int[])}).
     *
     * @param n the length, {@code >= 0}
     * @return the permutation
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Rng.permutation: n must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /**
     * Shuffles in place by Fisher-Yates: for {@code i} from {@code length-1} down to 1,
     * {@code j = nextInt(i + 1)}, swap {@code a[i]} and {@code a[j]}. Uses exactly {@code length - 1} draws
     * of {@link #nextInt(int)} (none for length 0 or 1).
     *
     * @param a the array (modified)
     * @throws NullPointerException if {@code a} is null
     */
    public void shuffle(int[] a) {
        Objects.requireNonNull(a, "Rng.shuffle: array must not be null");
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
