package io.github.dlref.autograd.check;

import io.github.dlref.autograd.Op;
import io.github.dlref.math.Matrix;

/**
 * A test fixture with a deliberately wrong backward rule: the forward pass is the elementwise product
 * {@code c = a * b}, whose gradients are {@code dL/da = G * b} (returned correctly) and {@code dL/db = G * a}
 * (returned wrongly as {@code G * b}, the classic mix-up of saved operands). It lives in the test tree, outside
 * the ops package, so the op catalogue does not see it.
 */
final class ProductWithWrongBackward extends Op {

    private Matrix a;
    private Matrix b;

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        a = inputs[0];
        b = inputs[1];
        return a.times(b);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.times(b), gradOutput.times(b)};
    }
}
