package io.github.dlref.cli;

/**
 * Every tolerance of the cli module's tests, in one place, with the reason for its size. The commands' own
 * numeric results are checked bit for bit or through the oracle's documented tolerance where they are
 * computed (the verify and train modules); here only numbers that the test recomputes from a command's JSON
 * output need one.
 */
final class Tolerances {

    /**
     * A throughput that the test recomputes from the JSON's steps, samples and nanoseconds
     * ({@code steps * samples / (nanos * 1e-9)}) against the one the command printed, which was computed from the
     * same integers in another order of operations: {@code 1e-9} relative. Each side rounds three or four times
     * (below {@code 1e-15} relative); the margin covers the decimal text of the JSON number, which reads back
     * exactly.
     */
    static final double RECOMPUTED_THROUGHPUT_RELATIVE = 1e-9;

    private Tolerances() {
    }
}
