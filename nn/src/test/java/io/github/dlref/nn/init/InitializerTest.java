package io.github.dlref.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Golden;
import io.github.dlref.nn.Tolerances;
import org.junit.jupiter.api.Test;

class InitializerTest {

    private static final double SQRT3 = Math.sqrt(3.0);

    // ------------------------------------------------------------------------------------------
    // Formulas (fan_in = cols, fan_out = rows, PyTorch's gains), worked by hand

    @Test
    void fansAndGainsAreThoseOfPyTorch() {
        assertEquals(6, Fans.fanIn(4, 6));
        assertEquals(4, Fans.fanOut(4, 6));
        assertEquals(6, Fans.fan(Fans.Mode.FAN_IN, 4, 6));
        assertEquals(4, Fans.fan(Fans.Mode.FAN_OUT, 4, 6));
        assertEquals(1.0, Fans.linearGain());
        assertEquals(5.0 / 3, Fans.tanhGain());
        assertEquals(Math.sqrt(2.0), Fans.reluGain());
        assertEquals(Math.sqrt(2.0 / 1.0001), Fans.leakyReluGain(0.01));
        assertEquals(1.0, Fans.leakyReluGain(1.0));
        assertThrows(IllegalArgumentException.class, () -> Fans.fanIn(-1, 2));
    }

    @Test
    void boundsAndStandardDeviationsMatchTheClosedForms() {
        // Xavier: a = sqrt(3) gain sqrt(2 / (fan_in + fan_out)); for 4x6: sqrt(3 * 2 / 10) = sqrt(0.6).
        assertEquals(Math.sqrt(0.6), new XavierUniform().bound(4, 6), Tolerances.FEW_ULPS);
        assertEquals(2 * Math.sqrt(0.6), new XavierUniform(2.0).bound(4, 6), Tolerances.FEW_ULPS);
        assertEquals(Math.sqrt(0.2), new XavierNormal().std(4, 6), Tolerances.FEW_ULPS);
        // Kaiming, ReLU gain sqrt(2): b = sqrt(3) sqrt(2) / sqrt(fan); fan_in 6 gives 1, fan_out 4 gives sqrt(6)/2.
        assertEquals(1.0, KaimingUniform.relu().bound(4, 6), Tolerances.FEW_ULPS);
        assertEquals(Math.sqrt(6) / 2, new KaimingUniform(Math.sqrt(2), Fans.Mode.FAN_OUT).bound(4, 6), Tolerances.FEW_ULPS);
        assertEquals(1.0 / Math.sqrt(3), KaimingNormal.relu().std(4, 6), Tolerances.FEW_ULPS);
        assertEquals(Math.sqrt(0.5), new KaimingNormal(Math.sqrt(2), Fans.Mode.FAN_OUT).std(4, 6), Tolerances.FEW_ULPS);
    }

    // ------------------------------------------------------------------------------------------
    // Draw order

    @Test
    void uniformInitializersDrawOneNextDoublePerEntryRowMajor() {
        double a = new XavierUniform().bound(2, 3);
        Rng reference = new Rng(5);
        Matrix expected = Matrix.build(2, 3, (i, j) -> -a + 2 * a * reference.nextDouble());
        assertEquals(expected, new XavierUniform().initialize(2, 3, new Rng(5)));
        Rng ref2 = new Rng(6);
        assertEquals(Matrix.build(3, 2, (i, j) -> -1.0 + 3.0 * ref2.nextDouble()),
                new Uniform(-1.0, 2.0).initialize(3, 2, new Rng(6)));
        double b = KaimingUniform.relu().bound(2, 3);
        Rng ref3 = new Rng(7);
        assertEquals(Matrix.build(2, 3, (i, j) -> -b + 2 * b * ref3.nextDouble()),
                KaimingUniform.relu().initialize(2, 3, new Rng(7)));
    }

    @Test
    void gaussianInitializersDrawOneNextGaussianPerEntryRowMajor() {
        Rng reference = new Rng(8);
        assertEquals(Matrix.build(3, 2, (i, j) -> 0.5 + 2.0 * reference.nextGaussian()),
                new Normal(0.5, 2.0).initialize(3, 2, new Rng(8)));
        double std = new XavierNormal().std(3, 2);
        Rng ref2 = new Rng(9);
        assertEquals(Matrix.build(3, 2, (i, j) -> std * ref2.nextGaussian()),
                new XavierNormal().initialize(3, 2, new Rng(9)));
        double kstd = KaimingNormal.relu().std(3, 2);
        Rng ref3 = new Rng(10);
        assertEquals(Matrix.build(3, 2, (i, j) -> kstd * ref3.nextGaussian()),
                KaimingNormal.relu().initialize(3, 2, new Rng(10)));
        assertEquals(Normal.withStd(0.3), new Normal(0.0, 0.3));
    }

    @Test
    void orthogonalDrawsRowsTimesColsGaussiansRowMajor() {
        Rng used = new Rng(11);
        Matrix w = new Orthogonal().initialize(3, 5, used);
        Rng reference = new Rng(11);
        Matrix draws = Matrix.build(3, 5, (i, j) -> reference.nextGaussian());
        assertEquals(new Orthogonal().fromGaussian(draws), w);
        assertEquals(reference.state(), used.state());
    }

    @Test
    void zerosAndConstantDrawNothing() {
        Rng rng = new Rng(12);
        Rng.State before = rng.state();
        assertEquals(Matrix.zeros(2, 3), new Zeros().initialize(2, 3, rng));
        assertEquals(Matrix.filled(2, 3, -0.25), new Constant(-0.25).initialize(2, 3, rng));
        assertEquals(before, rng.state());
    }

    @Test
    void emptyShapesDrawNothing() {
        Rng rng = new Rng(13);
        Rng.State before = rng.state();
        assertEquals(Matrix.zeros(0, 4), new XavierUniform().initialize(0, 4, rng));
        assertEquals(Matrix.zeros(4, 0), new KaimingNormal(1.0, Fans.Mode.FAN_IN).initialize(4, 0, rng));
        assertEquals(Matrix.zeros(0, 0), new Orthogonal().initialize(0, 0, rng));
        assertEquals(before, rng.state());
    }

    @Test
    void badHyperParametersFailWithTheirNameAndValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new XavierUniform(0.0)).getMessage()
                .contains("XavierUniform: gain must be finite and > 0, got 0.0"));
        assertThrows(IllegalArgumentException.class, () -> new XavierNormal(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new KaimingUniform(-1, Fans.Mode.FAN_IN));
        assertThrows(IllegalArgumentException.class, () -> new KaimingNormal(Double.POSITIVE_INFINITY, Fans.Mode.FAN_IN));
        assertThrows(IllegalArgumentException.class, () -> new Orthogonal(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Uniform(1, 0)).getMessage()
                .contains("low=1.0, high=0.0"));
        assertThrows(IllegalArgumentException.class, () -> Uniform.symmetric(-1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Normal(0, -1)).getMessage()
                .contains("std=-1.0"));
        assertThrows(IllegalArgumentException.class, () -> new Constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Zeros().initialize(-1, 2, new Rng(1)));
    }

    /**
     * Every initializer refuses a negative dimension with one message naming both, before drawing anything
     * (the generator's state is unchanged).
     */
    @Test
    void everyInitializerRefusesNegativeDimensionsBeforeDrawing() {
        Initializer[] all = {new Zeros(), new Constant(0.5), new Normal(0, 1), new Uniform(-1, 1), new Orthogonal(),
            new XavierUniform(), new XavierNormal(), new KaimingUniform(1.0, Fans.Mode.FAN_IN),
            new KaimingNormal(1.0, Fans.Mode.FAN_OUT)};
        int[][] shapes = {{-1, 3}, {3, -1}, {-2, -2}};
        for (Initializer init : all) {
            for (int[] shape : shapes) {
                Rng rng = new Rng(14);
                Rng.State before = rng.state();
                String message = assertThrows(IllegalArgumentException.class,
                        () -> init.initialize(shape[0], shape[1], rng), init.toString()).getMessage();
                assertEquals("initializer: dimensions must be >= 0, got " + shape[0] + "x" + shape[1], message);
                assertEquals(before, rng.state(), init.toString());
            }
        }
        assertEquals("initializer: dimensions must be >= 0, got -1x0",
                assertThrows(IllegalArgumentException.class, () -> Fans.fanIn(-1, 0)).getMessage());
        assertEquals("initializer: dimensions must be >= 0, got 0x-1",
                assertThrows(IllegalArgumentException.class, () -> Fans.fanOut(0, -1)).getMessage());
    }

    // ------------------------------------------------------------------------------------------
    // Properties (QuickTheories, fixed seed)

    /**
     * The sample second moment {@code s^2 = (1/n) sum w^2} (the mean is known to be 0) of {@code n = rows cols}
     * draws has standard error {@code sigma^2 sqrt((kappa - 1) / n)}; the check allows
     * {@link Tolerances#VARIANCE_STANDARD_ERRORS} of them.
     */
    private static boolean varianceWithinSamplingError(Matrix w, double sigma2, double kurtosis) {
        double s2 = w.frobeniusNormSquared() / w.size();
        double standardError = sigma2 * Math.sqrt((kurtosis - 1) / w.size());
        return Math.abs(s2 - sigma2) <= Tolerances.VARIANCE_STANDARD_ERRORS * standardError;
    }

    @Test
    void xavierDrawsHaveVarianceTwoOverFanSum() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(20, 60), integers().between(20, 60), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    double sigma2 = 2.0 / (rows + cols);
                    assertTrue(varianceWithinSamplingError(new XavierUniform().initialize(rows, cols, new Rng(seed)),
                            sigma2, 9.0 / 5), "XavierUniform " + rows + "x" + cols + " seed " + seed);
                    assertTrue(varianceWithinSamplingError(new XavierNormal().initialize(rows, cols, new Rng(seed)),
                            sigma2, 3.0), "XavierNormal " + rows + "x" + cols + " seed " + seed);
                });
    }

    @Test
    void heDrawsHaveVarianceTwoOverFanIn() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(20, 60), integers().between(20, 60), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    double sigma2 = 2.0 / cols;
                    assertTrue(varianceWithinSamplingError(KaimingUniform.relu().initialize(rows, cols, new Rng(seed)),
                            sigma2, 9.0 / 5), "KaimingUniform " + rows + "x" + cols + " seed " + seed);
                    assertTrue(varianceWithinSamplingError(KaimingNormal.relu().initialize(rows, cols, new Rng(seed)),
                            sigma2, 3.0), "KaimingNormal " + rows + "x" + cols + " seed " + seed);
                    double fanOutSigma2 = 2.0 / rows;
                    assertTrue(varianceWithinSamplingError(new KaimingNormal(Math.sqrt(2), Fans.Mode.FAN_OUT)
                            .initialize(rows, cols, new Rng(seed)), fanOutSigma2, 3.0));
                });
    }

    @Test
    void varianceCheckRejectsAWrongFan() {
        // The property above can fail: a 20x60 Xavier draw judged against He's fan-in variance 2/60 is off by 3x.
        Matrix w = new XavierUniform().initialize(20, 60, new Rng(1));
        assertTrue(varianceWithinSamplingError(w, 2.0 / 80, 9.0 / 5));
        assertTrue(!varianceWithinSamplingError(w, 2.0 / 60, 9.0 / 5));
    }

    @Test
    void orthogonalMatricesAreOrthogonal() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(1, 12), integers().between(1, 12), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    Matrix w = new Orthogonal().initialize(rows, cols, new Rng(seed));
                    Matrix gram = rows <= cols ? w.timesTranspose(w) : w.transposeTimes(w);
                    double deviation = gram.minus(Matrix.identity(Math.min(rows, cols))).abs().maxValue();
                    assertTrue(deviation <= Tolerances.ORTHOGONAL,
                            rows + "x" + cols + " seed " + seed + ": max |gram - I| = " + deviation);
                });
    }

    @Test
    void orthogonalWithGainScalesTheGram() {
        Matrix w = new Orthogonal(2.0).initialize(3, 4, new Rng(3));
        assertTrue(w.timesTranspose(w).approxEquals(Matrix.identity(3).times(4.0), 4 * Tolerances.ORTHOGONAL));
    }

    @Test
    void orthogonalMatchesPyTorchsProcedureOnTheSameDraws() {
        for (String shape : new String[] {"5x3", "3x5", "4x4"}) {
            Golden.Case c = Golden.of("orthogonal_" + shape);
            c.assertClose("weight", new Orthogonal(c.scalar("gain")).fromGaussian(c.get("draws")));
        }
    }
}
