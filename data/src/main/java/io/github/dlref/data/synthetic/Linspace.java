package io.github.dlref.data.synthetic;

/** {@code numpy.linspace(start, stop, n)} with its arithmetic (package-private helper). */
final class Linspace {

    private Linspace() {
    }

    /**
     * {@code n} evenly spaced values from {@code start} to {@code stop} inclusive, computed as numpy does:
     * {@code step = (stop - start) / (n - 1)}, value {@code i} is {@code i * step + start}, and the last value
     * is set to exactly {@code stop}. For {@code n = 1} the single value is {@code start}; for {@code n = 0}
     * the array is empty.
     */
    static double[] of(double start, double stop, int n) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = start;
        } else if (n > 1) {
            double step = (stop - start) / (n - 1);
            for (int i = 0; i < n; i++) {
                out[i] = i * step + start;
            }
            out[n - 1] = stop;
        }
        return out;
    }
}
