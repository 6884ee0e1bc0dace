package io.github.dlref.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import org.junit.jupiter.api.Test;

/**
 * The ends of the initializers' valid ranges (a zero standard deviation, an empty interval, a zero bound) and
 * their empty shapes, which are returned as zeros without a draw.
 */
class InitializerBoundsTest {

    @Test
    void degenerateDistributionsAreValidAndGiveTheirOnlyValue() {
        // N(mean, 0) and U[c, c] put all mass on one point
        assertEquals(Matrix.filled(2, 3, 0.5), new Normal(0.5, 0.0).initialize(2, 3, new Rng(1)));
        assertEquals(Matrix.filled(2, 3, 1.25), new Uniform(1.25, 1.25).initialize(2, 3, new Rng(1)));
        assertEquals(new Uniform(-0.0, 0.0), Uniform.symmetric(0.0));
    }

    @Test
    void emptyShapesAreZerosWithoutDraws() {
        Initializer[] scaled = {new XavierUniform(), new XavierNormal(), new KaimingUniform(1.0, Fans.Mode.FAN_IN),
            new KaimingNormal(1.0, Fans.Mode.FAN_OUT)};
        int[][] shapes = {{0, 3}, {4, 0}, {0, 0}};
        for (Initializer init : scaled) {
            for (int[] shape : shapes) {
                Rng rng = new Rng(9);
                Rng.State before = rng.state();
                assertEquals(Matrix.zeros(shape[0], shape[1]), init.initialize(shape[0], shape[1], rng),
                        init.toString());
                assertEquals(before, rng.state(), init.toString());
            }
        }
    }
}
