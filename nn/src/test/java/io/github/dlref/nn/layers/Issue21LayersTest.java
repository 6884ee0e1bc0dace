package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Golden;
import io.github.dlref.nn.GradChecks;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.TestData;
import io.github.dlref.nn.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21's layers (LayerNorm, GELU in both forms, ELU, SELU, SiLU, Softplus, Hardtanh): forward values and
 * gradients against PyTorch float64 ({@code golden/make_golden.py}), at random inputs and at the edge points
 * (kinks, the Softplus switch, the Hardtanh bounds, SELU at 0), gradient checks, and argument validation.
 */
class Issue21LayersTest {

    private static Module activation(String name, Golden.Case c) {
        return switch (name) {
            case "gelu_none" -> new GELU();
            case "gelu_tanh" -> new GELU(GELU.Approximation.TANH);
            case "elu_default" -> new ELU();
            case "elu_0.5" -> new ELU(c.scalar("alpha"));
            case "selu" -> new SELU();
            case "silu" -> new SiLU();
            case "softplus_default" -> new Softplus();
            case "softplus_b2_t3" -> new Softplus(c.scalar("beta"), c.scalar("threshold"));
            case "hardtanh_default" -> new Hardtanh();
            case "hardtanh_m2_0.5" -> new Hardtanh(c.scalar("min_val"), c.scalar("max_val"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"gelu_none", "gelu_tanh", "elu_default", "elu_0.5", "selu", "silu", "softplus_default",
        "softplus_b2_t3", "hardtanh_default", "hardtanh_m2_0.5"})
    void activationsMatchPyTorch(String name) {
        Golden.Case c = Golden.of(name);
        Tensor x = Tensor.variable(c.get("x"));
        Tensor y = activation(name, c).forward(x);
        y.backward(c.get("g"));
        c.assertClose("y", y.value());
        c.assertClose("dx", x.grad());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gelu_none", "gelu_tanh", "elu_default", "selu", "silu", "softplus_default",
        "softplus_b2_t3", "hardtanh_default", "hardtanh_m2_0.5"})
    void edgePointsMatchPyTorch(String name) {
        Golden.Case c = Golden.of(name + "_edges");
        Tensor x = Tensor.variable(c.get("x"));
        Tensor y = activation(name, c).forward(x);
        y.backward(Matrix.ones(1, x.cols()));
        c.assertClose("y", y.value());
        c.assertClose("dx", x.grad());
    }

    private static double[] valueAndSlope(Module m, double x) {
        Tensor t = Tensor.variable(Matrix.scalar(x));
        Tensor y = m.forward(t);
        y.backward();
        return new double[] {y.item(), t.grad().scalarValue()};
    }

    @Test
    void seluAndEluAtZeroTakeTheExponentialBranchAsPyTorch() {
        assertEquals(0.0, valueAndSlope(new SELU(), 0.0)[0]);
        assertEquals(SELU.SCALE * SELU.ALPHA, valueAndSlope(new SELU(), 0.0)[1]);
        assertEquals(SELU.SCALE, valueAndSlope(new SELU(), 1e-300)[1]);
        assertEquals(0.5, valueAndSlope(new ELU(0.5), 0.0)[1]);
        assertEquals(1.0, valueAndSlope(new ELU(0.5), 1e-300)[1]);
        // expm1: accurate where PyTorch's exp(x) - 1 is not
        assertEquals(StrictMath.expm1(-1e-10), valueAndSlope(new ELU(), -1e-10)[0]);
    }

    @Test
    void softplusSwitchesToTheIdentityStrictlyAboveTheThreshold() {
        Softplus sp = new Softplus(2.0, 3.0);
        double[] at = valueAndSlope(sp, 1.5); // beta x = threshold: the logarithmic branch
        assertEquals(StrictMath.log1p(StrictMath.exp(3.0)) / 2.0, at[0]);
        assertEquals(StrictMath.exp(3.0) / (StrictMath.exp(3.0) + 1), at[1]);
        double above = Math.nextUp(1.5);
        assertEquals(above, valueAndSlope(sp, above)[0]);
        assertEquals(1.0, valueAndSlope(sp, above)[1]);
    }

    @Test
    void hardtanhHasZeroGradientAtItsBoundsUnlikeClamp() {
        Hardtanh h = new Hardtanh();
        assertEquals(0.0, valueAndSlope(h, 1.0)[1]);
        assertEquals(0.0, valueAndSlope(h, -1.0)[1]);
        assertEquals(1.0, valueAndSlope(h, Math.nextDown(1.0))[1]);
        Tensor x = Tensor.variable(Matrix.scalar(1.0));
        x.clamp(-1, 1).backward();
        assertEquals(1.0, x.grad().scalarValue(), "clamp passes the gradient at the bound");
        assertEquals(-1.0, valueAndSlope(h, -7.0)[0]);
        assertEquals(0.0, valueAndSlope(new Hardtanh(0.0, 0.0), 0.3)[0]);
    }

    @Test
    void geluClosedFormsAtSimplePoints() {
        // Phi(0) = 1/2: value 0 and slope 1/2, both forms
        assertEquals(0.5, valueAndSlope(new GELU(), 0.0)[1]);
        assertEquals(0.5, valueAndSlope(new GELU(GELU.Approximation.TANH), 0.0)[1]);
        // x Phi(x) at x = sqrt 2: Phi(sqrt 2) = (1 + erf(1)) / 2, erf(1) = 0.8427007929497149
        double x = Math.sqrt(2);
        assertEquals(x * (1 + 0.8427007929497149) / 2, valueAndSlope(new GELU(), x)[0], Tolerances.FEW_ULPS);
        // far left the exact form underflows smoothly instead of cancelling: GELU(-10) = -10 Phi(-10) = -7.6e-23
        assertEquals(-10 * 7.619853024160527e-24, valueAndSlope(new GELU(), -10.0)[0], 1e-36);
    }

    @Test
    void siluIsXTimesSigmoid() {
        assertEquals(2.0 / (1 + Math.exp(-2.0)), valueAndSlope(new SiLU(), 2.0)[0], Tolerances.FEW_ULPS);
        assertEquals(0.5, valueAndSlope(new SiLU(), 0.0)[1]);
        assertEquals(-0.0, valueAndSlope(new SiLU(), -800.0)[0]);
    }

    @Test
    void layerNormMatchesPyTorchWithAffineParameters() {
        Golden.Case c = Golden.of("layernorm_affine");
        LayerNorm ln = new LayerNorm(5, c.scalar("eps"), true);
        ln.gamma().assign(c.get("weight"));
        ln.beta().assign(c.get("bias"));
        Tensor x = Tensor.variable(c.get("x"));
        Tensor y = ln.forward(x);
        y.backward(c.get("g"));
        c.assertClose("y", y.value());
        c.assertClose("dx", x.grad());
        c.assertClose("dweight", ln.gamma().grad());
        c.assertClose("dbias", ln.beta().grad());
        ln.eval();
        assertEquals(y.value(), ln.forward(Tensor.constant(c.get("x"))).value(), "no difference in evaluation mode");
    }

    @Test
    void layerNormWithoutAffineMatchesPyTorch() {
        Golden.Case c = Golden.of("layernorm_plain_eps1e-3");
        LayerNorm ln = new LayerNorm(5, c.scalar("eps"), false);
        Tensor x = Tensor.variable(c.get("x"));
        Tensor y = ln.forward(x);
        y.backward(c.get("g"));
        c.assertClose("y", y.value());
        c.assertClose("dx", x.grad());
        assertEquals(0, ln.parameters().size());
        assertThrows(IllegalStateException.class, ln::gamma);
        assertThrows(IllegalStateException.class, ln::beta);
    }

    @Test
    void layerNormByHand() {
        // row (1, 3): mean 2, biased variance 1, so (x - 2) / sqrt(1 + eps)
        LayerNorm ln = new LayerNorm(2);
        Matrix y = ln.forward(Tensor.constant(Matrix.rowVector(1.0, 3.0))).value();
        double s = 1 / Math.sqrt(1 + 1e-5);
        assertEquals(Matrix.rowVector(-s, s), y);
        assertEquals(Matrix.ones(1, 2), ln.gamma().value());
        assertEquals(Matrix.zeros(1, 2), ln.beta().value());
        assertEquals("weight", ln.namedParameters().get(0).name());
        assertEquals(2, ln.numFeatures());
        assertEquals(1e-5, ln.eps());
        assertTrue(ln.elementwiseAffine());
    }

    @Test
    void gradientChecks() {
        Matrix smooth = TestData.gaussian(41, 4, 5).times(2);
        Matrix kinked = TestData.awayFromZero(42, 4, 5, 0.05);
        Matrix g = TestData.gaussian(43, 4, 5);
        for (Module m : new Module[] {new GELU(), new GELU(GELU.Approximation.TANH), new SiLU(), new Softplus(),
            new Softplus(2.0, 1.0), new ELU(), new ELU(0.5), new SELU(), new LogSoftmax()}) {
            GradChecks.assertInputs(in -> m.forward(in[0]).times(Tensor.constant(g)).sum(), Tensor.variable("x",
                    m instanceof ELU || m instanceof SELU || m instanceof Softplus ? kinked : smooth));
        }
        // Hardtanh: inputs at least 0.05 away from the bounds -1 and 1
        Matrix away = smooth.map(v -> Math.abs(Math.abs(v) - 1) < 0.05 ? v * 1.2 : v);
        Hardtanh h = new Hardtanh();
        GradChecks.assertInputs(in -> h.forward(in[0]).times(Tensor.constant(g)).sum(), Tensor.variable("x", away));
        for (LayerNorm ln : new LayerNorm[] {new LayerNorm(5), new LayerNorm(5, 1e-3, false)}) {
            if (ln.elementwiseAffine()) {
                ln.gamma().assign(Matrix.rowVector(1.5, -0.5, 2.0, 0.7, 1.1));
                ln.beta().assign(Matrix.rowVector(0.1, 0.2, -0.3, 0.0, 0.5));
                GradChecks.assertParameters(() -> ln.forward(Tensor.constant(smooth)).times(Tensor.constant(g)).sum(),
                        ln.parameters());
            }
            GradChecks.assertInputs(in -> ln.forward(in[0]).times(Tensor.constant(g)).sum(),
                    Tensor.variable("x", smooth));
        }
    }

    @Test
    void badArgumentsAreRefusedNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ELU(Double.NaN)).getMessage()
                .contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Softplus(0.0, 20)).getMessage()
                .contains("beta must be finite and > 0, got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Softplus(1.0, Double.NaN)).getMessage()
                .contains("threshold"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Hardtanh(1.0, -1.0)).getMessage()
                .contains("min_val 1.0 and max_val -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LayerNorm(0)).getMessage()
                .contains("numFeatures"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3, 0.0, true)).getMessage()
                .contains("eps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LayerNorm(3).forward(Tensor.constant(Matrix.zeros(2, 4)))).getMessage()
                .contains("has 4 columns, expected 3"));
        assertThrows(NullPointerException.class, () -> new GELU(null));
    }

    @Test
    void logSoftmaxIsTheLogOfSoftmax() {
        Matrix y = new LogSoftmax().forward(Tensor.constant(Matrix.rowVector(0.0, Math.log(3.0)))).value();
        assertTrue(y.approxEquals(Matrix.rowVector(Math.log(0.25), Math.log(0.75)), Tolerances.FEW_ULPS), y::toString);
    }

    @Test
    void descriptions() {
        assertEquals("GELU(approximate=tanh)", new GELU(GELU.Approximation.TANH).toString());
        assertEquals("Softplus(beta=2.0, threshold=3.0)", new Softplus(2.0, 3.0).toString());
        assertEquals("Hardtanh(min_val=-1.0, max_val=1.0)", new Hardtanh().toString());
        assertEquals("ELU(alpha=0.5)", new ELU(0.5).toString());
        assertEquals("LayerNorm((4,), eps=1.0E-5, elementwise_affine=true)", new LayerNorm(4).toString());
    }
}
