/**
 * The gradient checker: {@link io.github.dlref.autograd.check.GradCheck} compares the matrix engine's
 * back-propagated Jacobians with central differences (like PyTorch's {@code torch.autograd.gradcheck}) and
 * explains the outcome in a {@link io.github.dlref.autograd.check.GradCheckReport}; its settings and their
 * defaults live in {@link io.github.dlref.autograd.check.GradCheckSettings}.
 *
 * <p>Start from {@link io.github.dlref.autograd.check.GradCheck}'s {@code check(function, inputs...)} (its
 * class documentation has an example), then read the {@link io.github.dlref.autograd.check.GradCheckReport}.
 *
 * <p>Depends on {@code io.github.dlref.autograd} and {@code io.github.dlref.math}; must not depend on the
 * op classes ({@code io.github.dlref.autograd.ops}) beyond what {@code Tensor} exposes, nor on {@code nn},
 * {@code optim}, {@code data} or {@code verify}.
 */
package io.github.dlref.autograd.check;
