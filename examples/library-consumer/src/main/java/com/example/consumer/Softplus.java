package com.example.consumer;

import io.github.dlref.autograd.Op;
import io.github.dlref.math.Matrix;

/**
 * A custom op written by a library user: softplus, {@code y = log(1 + exp(x))} elementwise, with the gradient
 * {@code dy/dx = sigmoid(x) = 1 / (1 + exp(-x))}. Forward saves its input; backward multiplies the output's
 * gradient by the sigmoid of it.
 */
public class Softplus extends Op {

    private Matrix input;

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.times(input.map(x -> 1.0 / (1.0 + Math.exp(-x))))};
    }
}
