/**
 * Reverse-mode automatic differentiation on matrices: {@link io.github.dlref.autograd.Tensor}, the
 * {@link io.github.dlref.autograd.Op} contract that every op class implements, trainable
 * {@link io.github.dlref.autograd.Parameter}s, and the engine's modes ({@link io.github.dlref.autograd.GradMode}).
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link io.github.dlref.autograd.Tensor}: build an expression from {@code Tensor.variable(...)} leaves
 *       with the fluent ops, call {@code backward()} on the {@code 1 x 1} result and read {@code grad()}.</li>
 *   <li>{@link io.github.dlref.autograd.Op}: write a custom op (forward, backward) and apply a new instance
 *       with {@code Tensor.apply(op, inputs...)}.</li>
 *   <li>{@link io.github.dlref.autograd.check.GradCheck}: check any op or expression against central
 *       differences.</li>
 *   <li>{@link io.github.dlref.autograd.Autograd}: gradients as tensors, double backward
 *       ({@code createGraph}), Hessian-vector products and Hessians.</li>
 *   <li>{@link io.github.dlref.autograd.scalar.Value}: the scalar engine (micrograd-style), for worked examples
 *       one number at a time.</li>
 * </ul>
 *
 * <h2>Domain errors (both engines)</h2>
 * One policy, PyTorch's, holds for the matrix engine ({@code Tensor}) and the scalar engine ({@code Value}):
 * an op applied outside its domain does <b>not</b> throw; it returns the IEEE result, and NaN and infinities
 * propagate through the forward and backward passes. {@code log(0) = -Infinity} (gradient {@code +Infinity}),
 * {@code log(-1) = NaN} (gradient {@code 1 / a = -1}), {@code sqrt(-1) = NaN} (gradient NaN),
 * {@code sqrt(0) = 0} (gradient {@code +Infinity}), {@code (-8)^(1/3) = NaN}, {@code 0^(-1) = +Infinity},
 * {@code 1 / 0 = +Infinity} (gradients {@code +Infinity} for the dividend, {@code -Infinity} for the
 * divisor), {@code 0 / 0 = NaN}. To find where a NaN starts, turn on anomaly mode
 * ({@link io.github.dlref.autograd.GradMode#detectAnomaly()} for tensors,
 * {@link io.github.dlref.autograd.scalar.ScalarGradMode#detectAnomaly()} for values, as
 * {@code torch.autograd.detect_anomaly}): the first op whose forward result, or whose backward gradient,
 * contains NaN or an infinity then throws an {@link java.lang.ArithmeticException} (an
 * {@link io.github.dlref.autograd.AnomalyException} for tensors) naming the op, the pass and the operands.
 * Invalid <em>arguments</em> are different: a wrong shape, a NaN exponent or a non-finite scalar leaf fail at
 * once with an {@link java.lang.IllegalArgumentException}, in every mode.
 *
 * <p>Depends only on {@code io.github.dlref.math}. Must not depend on {@code nn}, {@code optim},
 * {@code data} or {@code verify}; never imports EJML.
 */
package io.github.dlref.autograd;
