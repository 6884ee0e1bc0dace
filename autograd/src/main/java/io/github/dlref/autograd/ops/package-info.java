/**
 * The matrix engine's operations, one class per op, each a subclass of
 * {@link io.github.dlref.autograd.Op} with its forward formula, shapes, gradient, source and convention in
 * its Javadoc. Ops compute contributions; the engine ({@link io.github.dlref.autograd.Tensor}) accumulates
 * them. Most users reach the ops through {@code Tensor}'s fluent methods ({@code a.matmul(b).relu()}); an
 * op can also be applied directly with {@code Tensor.apply(new Exp(), x)}.
 *
 * <p>Non-differentiable points follow the project conventions (PyTorch's choices): ReLU'(0) = 0, abs'(0) = 0,
 * leaky ReLU uses its negative slope at 0, {@link io.github.dlref.autograd.ops.Clamp} passes the gradient at
 * its boundaries, {@link io.github.dlref.autograd.ops.Maximum} splits a tie equally and
 * {@link io.github.dlref.autograd.ops.MaxPerRow} sends the gradient to the first maximum.
 *
 * <p>Depends only on {@code io.github.dlref.autograd} and {@code io.github.dlref.math}. Must not depend on
 * {@code nn}, {@code optim}, {@code data}, {@code verify} or EJML.
 */
package io.github.dlref.autograd.ops;
