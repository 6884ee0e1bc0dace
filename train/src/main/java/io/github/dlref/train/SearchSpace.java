package io.github.dlref.train;

import io.github.dlref.math.Rng;

/**
 * The ranges of a random hyper-parameter search (Bergstra and Bengio 2012, which dl-basics cites): the learning
 * rate and the weight decay are drawn <b>log-uniformly</b> (their scale matters: {@code exp(U(ln a, ln b))}), the
 * hidden width uniformly among the integers of its range, the dropout probability uniformly.
 *
 * <p>Draw order per trial, from the search's one generator: {@code u1 = nextDouble()} for the learning rate,
 * {@code u2 = nextDouble()} for the weight decay, {@code nextInt(hiddenMax - hiddenMin + 1)} for the width,
 * {@code u3 = nextDouble()} for the dropout; every draw is made even when its range is a single value.
 *
 * @param learningRateMin the smallest learning rate, {@code > 0}
 * @param learningRateMax the largest learning rate, {@code >= learningRateMin}
 * @param weightDecayMin the smallest weight decay, {@code > 0}, or 0 together with {@code weightDecayMax = 0} for
 *     no weight decay
 * @param weightDecayMax the largest weight decay, {@code >= weightDecayMin}
 * @param hiddenMin the smallest hidden width, {@code >= 1}
 * @param hiddenMax the largest hidden width, {@code >= hiddenMin}
 * @param dropoutMax the largest drop probability, in {@code [0, 1)} (the smallest is 0)
 */
public record SearchSpace(double learningRateMin, double learningRateMax, double weightDecayMin,
        double weightDecayMax, int hiddenMin, int hiddenMax, double dropoutMax) {

    /**
     * Validates.
     *
     * @param learningRateMin the smallest learning rate
     * @param learningRateMax the largest learning rate
     * @param weightDecayMin the smallest weight decay
     * @param weightDecayMax the largest weight decay
     * @param hiddenMin the smallest width
     * @param hiddenMax the largest width
     * @param dropoutMax the largest drop probability
     * @throws IllegalArgumentException naming the range and its values
     */
    public SearchSpace {
        if (!(learningRateMin > 0 && learningRateMax >= learningRateMin && Double.isFinite(learningRateMax))) {
            throw new IllegalArgumentException("search: learning-rate range must satisfy 0 < min <= max, got ["
                    + learningRateMin + ", " + learningRateMax + "]");
        }
        boolean noDecay = weightDecayMin == 0.0 && weightDecayMax == 0.0;
        if (!noDecay && !(weightDecayMin > 0 && weightDecayMax >= weightDecayMin && Double.isFinite(weightDecayMax))) {
            throw new IllegalArgumentException("search: weight-decay range must satisfy 0 < min <= max (or be [0, 0] "
                    + "for none), got [" + weightDecayMin + ", " + weightDecayMax + "]");
        }
        if (hiddenMin < 1 || hiddenMax < hiddenMin) {
            throw new IllegalArgumentException("search: hidden-width range must satisfy 1 <= min <= max, got ["
                    + hiddenMin + ", " + hiddenMax + "]");
        }
        if (!(dropoutMax >= 0 && dropoutMax < 1)) {
            throw new IllegalArgumentException("search: maximum dropout must be in [0, 1), got " + dropoutMax);
        }
    }

    /**
     * One trial's hyper-parameters.
     *
     * @param learningRate the learning rate
     * @param weightDecay the weight decay (0 for none)
     * @param hidden the hidden width
     * @param dropout the drop probability
     */
    public record Point(double learningRate, double weightDecay, int hidden, double dropout) {
    }

    /**
     * Draws one trial's hyper-parameters (see the class documentation for the order).
     *
     * @param rng the search's generator
     * @return the point
     */
    public Point draw(Rng rng) {
        double lr = logUniform(learningRateMin, learningRateMax, rng.nextDouble());
        double u2 = rng.nextDouble();
        double wd = weightDecayMax == 0.0 ? 0.0 : logUniform(weightDecayMin, weightDecayMax, u2);
        int hidden = hiddenMin + rng.nextInt(hiddenMax - hiddenMin + 1);
        double dropout = dropoutMax * rng.nextDouble();
        return new Point(lr, wd, hidden, dropout);
    }

    /**
     * {@code exp(ln a + u (ln b - ln a))}, clamped to {@code [a, b]} against rounding.
     *
     * @param a the lower end, {@code > 0}
     * @param b the upper end, {@code >= a}
     * @param u a uniform draw in {@code [0, 1)}
     * @return the log-uniform value
     */
    static double logUniform(double a, double b, double u) {
        double v = StrictMath.exp(StrictMath.log(a) + u * (StrictMath.log(b) - StrictMath.log(a)));
        return Math.min(b, Math.max(a, v));
    }
}
