package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** bp-optimizers' exponentially weighted average: the start-up bias and its correction, worked by hand. */
class ExponentiallyWeightedAverageTest {

    /**
     * A constant series theta_t = 10 with beta = 0.9. Raw: v1 = 0.1 * 10 = 1 (a tenth of the truth),
     * v2 = 0.9 + 1 = 1.9, v3 = 1.71 + 1 = 2.71: v_t = 10 (1 - 0.9^t), the start-up bias. Corrected:
     * v1 / 0.1 = 10, v2 / 0.19 = 10, v3 / 0.271 = 10.
     */
    @Test
    void startUpBiasOfAConstantSeriesAndItsCorrection() {
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(0.9);
        assertEquals(0.0, ewa.value());
        double[] raw = {1.0, 1.9, 2.71};
        for (int t = 1; t <= 3; t++) {
            assertEquals(raw[t - 1], ewa.update(10.0), Tolerances.FEW_ULPS, "raw v_" + t);
            assertEquals(10.0, ewa.biasCorrected(), Tolerances.FEW_ULPS_OF_TEN, "corrected v_" + t);
        }
        assertEquals(3, ewa.count());
        for (int t = 4; t <= 60; t++) {
            ewa.update(10.0);
            assertEquals(10.0 * (1 - Math.pow(0.9, t)), ewa.value(), Tolerances.CONTRACTING_RECURRENCE, "raw v_t = 10 (1 - beta^t) at t = " + t);
        }
        assertEquals(10.0, ewa.value(), Tolerances.BIAS_AFTER_60_STEPS, "the bias has died out after 60 steps");
    }

    /**
     * theta = 1, 2, 3, beta = 0.9: v1 = 0.1, v2 = 0.09 + 0.2 = 0.29, v3 = 0.261 + 0.3 = 0.561; the weights
     * 0.081, 0.09, 0.1 sum to 0.271 = 1 - 0.9^3, so the corrected average is 0.561 / 0.271 = 2.0701...
     */
    @Test
    void weightsOfAChangingSeries() {
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(0.9);
        ewa.update(1.0);
        ewa.update(2.0);
        assertEquals(0.561, ewa.update(3.0), Tolerances.FEW_ULPS);
        assertEquals(0.561 / 0.271, ewa.biasCorrected(), Tolerances.FEW_ULPS_OF_TEN);
    }

    @Test
    void effectiveWindowIsOneOverOneMinusBeta() {
        assertEquals(10.0, new ExponentiallyWeightedAverage(0.9).effectiveWindow(), Tolerances.CANCELLATION);
        assertEquals(50.0, new ExponentiallyWeightedAverage(0.98).effectiveWindow(), Tolerances.CANCELLATION);
        assertEquals(0.98, new ExponentiallyWeightedAverage(0.98).beta());
    }

    /** For any beta and constant series, the corrected average is the constant at every step. */
    @Test
    void correctionIsExactForConstantSeries() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(doubles().between(0.0, 0.999), doubles().between(-100.0, 100.0), integers().between(1, 40))
                .checkAssert((beta, c, steps) -> {
                    ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(beta);
                    for (int t = 0; t < steps; t++) {
                        ewa.update(c);
                    }
                    assertEquals(c, ewa.biasCorrected(), Tolerances.CANCELLATION * Math.max(1.0, Math.abs(c)));
                });
    }

    @Test
    void invalidUseFailsClearly() {
        assertMessage(() -> new ExponentiallyWeightedAverage(1.0), "ExponentiallyWeightedAverage: beta must be in [0, 1), got 1.0");
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(0.5);
        IllegalStateException e = assertThrows(IllegalStateException.class, ewa::biasCorrected);
        assertEquals(true, e.getMessage().contains("0 / 0"));
        assertMessage(() -> ewa.update(Double.NaN), "value 1 must be finite, got NaN");
    }
}
