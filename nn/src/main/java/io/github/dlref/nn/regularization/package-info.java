/**
 * Regularization penalties added to a loss: {@link io.github.dlref.nn.regularization.L2Penalty}
 * ({@code (lambda / 2) ||W||_F^2}, dl-basics) and {@link io.github.dlref.nn.regularization.L1Penalty}
 * ({@code lambda sum |w|}), applied to parameters chosen by a
 * {@link io.github.dlref.nn.regularization.ParameterSelector} (weights, not biases, by default).
 *
 * <p>Depends on {@code io.github.dlref.nn} (modules and parameter roles), {@code io.github.dlref.autograd} and
 * {@code io.github.dlref.math}. Must not depend on layers, losses, {@code optim}, {@code data} or
 * {@code verify}.
 */
package io.github.dlref.nn.regularization;
