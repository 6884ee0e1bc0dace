package io.github.dlref.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Tolerances;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/** Random training matrices and the round-trip check shared by the scaler tests. */
final class ScalerProperties {

    private ScalerProperties() {
    }

    /**
     * An {@code n x d} matrix: column j has centre {@code 100 j - 150}, spread {@code 10^(j mod 4 - 1)}, and
     * every third column from column 2 is constant.
     */
    static Matrix randomTraining(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        return Matrix.build(n, d, (i, j) -> {
            double centre = 100.0 * j - 150.0;
            if (j % 3 == 2) {
                return centre + 0.1;
            }
            return centre + Math.pow(10, j % 4 - 1) * (2 * rng.nextDouble() - 1) * 500;
        });
    }

    /** {@code |x' - x| <= 8 eps max(|x|, |shift|, |scale|)} entry by entry. */
    static void assertRoundTrip(FeatureScaler scaler, Matrix x) {
        Matrix back = scaler.inverseTransform(scaler.transform(x));
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                double m = Math.max(Math.abs(x.get(i, j)),
                        Math.max(Math.abs(scaler.shift().get(0, j)), Math.abs(scaler.scale().get(0, j))));
                double err = Math.abs(back.get(i, j) - x.get(i, j));
                assertTrue(err <= Tolerances.ROUND_TRIP_ULPS * Tolerances.EPS * m,
                        "round trip at (" + i + ", " + j + "): " + x.get(i, j) + " -> " + back.get(i, j));
            }
        }
    }
}
