/**
 * Reverse-mode automatic differentiation on matrices: {@link io.github.dlref.autograd.Tensor}, the
 * {@link io.github.dlref.autograd.Op} contract that every op class implements, trainable
 * {@link io.github.dlref.autograd.Parameter}s, and the engine's modes ({@link io.github.dlref.autograd.GradMode}).
 *
 * <p>Depends only on {@code io.github.dlref.math}. Must not depend on {@code nn}, {@code optim},
 * {@code data} or {@code verify}; never imports EJML.
 */
package io.github.dlref.autograd;
