package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/** A library user gradient-checks a custom op against central differences, as the README shows. */
class CustomOpGradCheckTest {

    @Test
    void softplusPassesTheGradientCheck() {
        Tensor x = Tensor.variable("x", Matrix.of(new double[][] {{-2.0, -0.5, 0.3}, {1.5, 4.0, -7.0}}));
        GradCheckReport report = GradCheck.check(in -> Tensor.apply(new Softplus(), in[0]), x);
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void aWrongBackwardFailsTheCheck() {
        Tensor x = Tensor.variable("x", Matrix.of(new double[][] {{-2.0, -0.5, 0.3}}));
        GradCheckReport report = GradCheck.check(in -> Tensor.apply(new Softplus() {
            @Override
            protected Matrix[] backward(Matrix gradOutput) {
                return new Matrix[] {gradOutput};
            }
        }, in[0]), x);
        assertFalse(report.passed(), "a backward that returns the output's gradient unchanged is wrong");
    }

    @Test
    void softplusOfZeroIsLogTwo() {
        Tensor y = Tensor.apply(new Softplus(), Tensor.constant(Matrix.scalar(0.0)));
        assertEquals(Math.log(2.0), y.item(), 0.0);
    }
}
