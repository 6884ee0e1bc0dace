/**
 * The scalar reverse-mode automatic-differentiation engine: {@link io.github.dlref.autograd.scalar.Value}
 * (micrograd-style, one double per node) and its no-gradient switch
 * {@link io.github.dlref.autograd.scalar.ScalarGradMode}.
 *
 * <p>Owns: scalar graphs, their primitive ops with backward rules, the iterative deterministic backward
 * pass. Used to reproduce the source documents' scalar worked examples (cs231n-opt-bp, dl-optimization,
 * bp-optimizers) one scalar at a time.
 *
 * <p>Start from {@link io.github.dlref.autograd.scalar.Value} (its class documentation has an example):
 * {@code Value.variable(...)} leaves, ops such as {@code mul}, {@code add}, {@code log}, then
 * {@code backward()} and {@code grad()}. Domain errors follow the policy shared with the matrix engine:
 * IEEE results, and {@link io.github.dlref.autograd.scalar.ScalarGradMode#detectAnomaly()} to make them
 * throw.
 *
 * <p>Must not depend on: the matrix engine in {@code io.github.dlref.autograd} (and its sub-packages), on
 * {@code io.github.dlref.math} (scalars need no matrices), or on any module above autograd. Plain Java
 * only.
 */
package io.github.dlref.autograd.scalar;
