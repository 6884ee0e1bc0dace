/**
 * The few differentiable building blocks that {@code nn} needs beyond the autograd ops: explicit broadcasting
 * ({@link io.github.dlref.nn.ops.Broadcast}, built from existing ops) and op classes for losses whose exact
 * conventions (PyTorch's) cannot be composed from the autograd ops without NaN at edge cases. Each op class
 * documents its formula, gradient, shapes and source, and has a gradient check.
 *
 * <p><b>Internal.</b> These classes are the implementation of {@code nn}'s losses and layers; they are public
 * only so that the layers and losses in other packages of {@code nn} can use them. They are not part of the
 * public API and may change in any release (README, "Artifacts, versions and the public API"); use the
 * losses of {@link io.github.dlref.nn.losses} instead.
 *
 * <p>Depends only on {@code io.github.dlref.autograd} and {@code io.github.dlref.math}. Must not depend on the
 * rest of {@code nn}, {@code optim}, {@code data} or {@code verify}.
 */
package io.github.dlref.nn.ops;
