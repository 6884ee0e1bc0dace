/**
 * The few differentiable building blocks that {@code nn} needs beyond the autograd ops: explicit broadcasting
 * ({@link io.github.dlref.nn.ops.Broadcast}, built from existing ops) and op classes for losses whose exact
 * conventions (PyTorch's) cannot be composed from the autograd ops without NaN at edge cases. Each op class
 * documents its formula, gradient, shapes and source, and has a gradient check.
 *
 * <p>Depends only on {@code io.github.dlref.autograd} and {@code io.github.dlref.math}. Must not depend on the
 * rest of {@code nn}, {@code optim}, {@code data} or {@code verify}.
 */
package io.github.dlref.nn.ops;
