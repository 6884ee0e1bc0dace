/**
 * Numeric differentiation of scalar functions {@code f: R^n -> R} by finite differences: forward
 * differences ({@code n + 1} evaluations, bp-optimizers) and central differences (cs231n-opt-bp,
 * {@code h = 1e-5} by default).
 *
 * <p>Owns: {@link io.github.dlref.autograd.numeric.NumericGradient} and its result type. Works on plain
 * doubles; must not depend on the scalar or matrix engines, on {@code io.github.dlref.math}, or on any
 * module above autograd, so that it stays an independent check of both engines.
 */
package io.github.dlref.autograd.numeric;
