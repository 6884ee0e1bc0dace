package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.WeightDecay;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A library user's optimizer, written against the public base class, steps as its formula says. */
class CustomOptimizerTest {

    @Test
    void signSgdMovesEachCoordinateByTheLearningRate() {
        Parameter w = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5));
        SignSgd opt = new SignSgd(List.of(w), new SignSgd.Hyperparameters(0.25, WeightDecay.none()));
        w.accumulateGrad(Matrix.rowVector(3.0, -0.001, 0.0));
        opt.step();
        // theta - 0.25 sign(g): 1 - 0.25, -2 + 0.25, 0.5 - 0 (sign(0) = 0)
        assertEquals(Matrix.rowVector(0.75, -1.75, 0.5), w.value());
        assertEquals(1L, opt.state(w).step());
    }
}
