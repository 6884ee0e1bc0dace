package io.github.dlref.bench;

/**
 * Every tolerance of the bench module's tests, in one place, with the reason for its size.
 */
final class Tolerances {

    /**
     * Throughputs and losses of order 0.1 to 100 computed from exact integers (steps, samples, nanoseconds) by a
     * few divisions, or a loss of order 1 summed in two different orders, against the value written by hand:
     * {@code 1e-12}, absolute for the throughputs and relative for the loss. Each side rounds a handful of times
     * (a few ulps, below {@code 1e-13} at 100); a wrong formula (a median of the wrong rounds, a missing sample
     * count, a missing penalty) is off by the size of the value.
     */
    static final double ROUNDING = 1e-12;

    private Tolerances() {
    }
}
