package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping in each framework's form, applied in place to the gradients of a list of parameters
 * between the backward pass and {@link Optimizer#step()}. Parameters without a gradient are skipped (and do
 * not count towards a norm). With {@code g_i} the gradient of parameter {@code i} and
 * {@code ||g|| = sqrt(sum_i sum_k g_ik^2)} the global norm:
 *
 * <table>
 *   <caption>The forms</caption>
 *   <tr><th>method</th><th>framework</th><th>rule</th></tr>
 *   <tr><td>{@link #pytorchClipGradNorm}</td><td>PyTorch {@code clip_grad_norm_(params, max_norm)}</td>
 *       <td>{@code g_i <- g_i min(1, max_norm / (||g|| + 1e-6))}: the whole list, always multiplied (by exactly
 *       1 below the threshold), a {@code 1e-6} in the denominator, so a norm just above {@code max_norm} is
 *       clipped to slightly less than it; returns {@code ||g||} computed as {@code sqrt(sum_i ||g_i||^2)}</td></tr>
 *   <tr><td>{@link #clipGradValue}</td><td>PyTorch {@code clip_grad_value_}, Keras {@code clipvalue}, Optax
 *       {@code clip(max_delta)}</td><td>{@code g_ik <- min(max(g_ik, -c), c)}, elementwise; changes the
 *       direction</td></tr>
 *   <tr><td>{@link #kerasClipNorm}</td><td>Keras {@code clipnorm}</td><td>each parameter on its own:
 *       {@code g_i <- g_i c / max(||g_i||, c)}: <b>per variable</b>, not global, so the relative sizes of the
 *       parameters' gradients change</td></tr>
 *   <tr><td>{@link #kerasGlobalClipNorm}</td><td>Keras {@code global_clipnorm}</td>
 *       <td>{@code g_i <- g_i (c min(1 / ||g||, 1 / c))}: no epsilon; always multiplied (by a scale within a
 *       rounding of 1 below the threshold)</td></tr>
 *   <tr><td>{@link #optaxClipByGlobalNorm}</td><td>Optax {@code clip_by_global_norm(max_norm)}</td>
 *       <td>{@code g_i <- g_i} if {@code ||g|| < max_norm}, else {@code (g_i / ||g||) max_norm}: a
 *       {@code where}, so below the threshold the gradient is untouched, and no epsilon</td></tr>
 * </table>
 *
 * <p>The norms are sums in parameter order and, within a parameter, in row-major order; PyTorch's vectorized
 * norm may sum in another order (a few units in the last place). Source: torch 1.13
 * {@code torch/nn/utils/clip_grad.py}; Keras 3 {@code keras/src/optimizers/base_optimizer.py}
 * ({@code clip_by_norm}, {@code global_norm}, {@code clip_by_global_norm}); Optax
 * {@code _src/clipping.py} ({@code clip}, {@code clip_by_global_norm}).
 *
 * <p>Example: PyTorch's usual training step with {@code clip_grad_norm_(model.parameters(), 1.0)}:
 * <pre>{@code
 * optimizer.zeroGrad();
 * loss.forward(model.forward(x), labels).backward();
 * double totalNorm = GradientClipping.pytorchClipGradNorm(model.parameters(), 1.0);
 * optimizer.step();
 * }</pre>
 */
public final class GradientClipping {

    /** The constant PyTorch's {@code clip_grad_norm_} adds to the total norm before dividing. */
    public static final double PYTORCH_NORM_EPSILON = 1e-6;

    private GradientClipping() {
    }

    /**
     * PyTorch's {@code clip_grad_norm_(parameters, max_norm)} with the 2-norm: every gradient is multiplied by
     * {@code min(max_norm / (||g|| + 1e-6), 1)}.
     *
     * @param parameters the parameters whose gradients are clipped (Modified: their gradients)
     * @param maxNorm {@code max_norm}, finite, {@code >= 0}
     * @return the total norm {@code ||g||} before clipping (0 when no parameter has a gradient)
     * @throws IllegalArgumentException if the list or an element is null or {@code maxNorm} is out of range
     */
    public static double pytorchClipGradNorm(List<Parameter> parameters, double maxNorm) {
        Check.nonNegative("GradientClipping.pytorchClipGradNorm", "maxNorm", maxNorm);
        List<Parameter> withGrad = withGradient("pytorchClipGradNorm", parameters);
        if (withGrad.isEmpty()) {
            return 0.0;
        }
        double sumOfSquaredNorms = 0.0;
        for (Parameter p : withGrad) {
            double norm = Math.sqrt(sumOfSquares(p.grad()));
            sumOfSquaredNorms += norm * norm;
        }
        double total = Math.sqrt(sumOfSquaredNorms);
        double coefficient = Math.min(maxNorm / (total + PYTORCH_NORM_EPSILON), 1.0);
        for (Parameter p : withGrad) {
            replace(p, p.grad().times(coefficient));
        }
        return total;
    }

    /**
     * PyTorch's {@code clip_grad_norm_(parameters, max_norm, norm_type)}: every gradient is multiplied by
     * {@code min(max_norm / (||g||_p + 1e-6), 1)}, where for {@code p = inf} {@code ||g||_inf} is the largest
     * {@code |g_ik|} over all parameters, and for finite {@code p} {@code ||g||_p = (sum_i ||g_i||_p^p)^(1/p)} with
     * {@code ||g_i||_p = (sum_k |g_ik|^p)^(1/p)} (torch 1.13: the norm of the stacked per-parameter norms). With
     * {@code p = 2} this is {@link #pytorchClipGradNorm(List, double)}, computed as there.
     *
     * @param parameters the parameters whose gradients are clipped (Modified: their gradients)
     * @param maxNorm {@code max_norm}, finite, {@code >= 0}
     * @param normType {@code p}, {@code >= 1} or {@code +inf}
     * @return the total norm {@code ||g||_p} before clipping (0 when no parameter has a gradient)
     * @throws IllegalArgumentException if the list or an element is null or an argument is out of range
     */
    public static double pytorchClipGradNorm(List<Parameter> parameters, double maxNorm, double normType) {
        if (!(normType >= 1.0)) {
            throw new IllegalArgumentException("GradientClipping.pytorchClipGradNorm: normType must be in [1, inf], "
                    + "got " + normType);
        }
        if (normType == 2.0) {
            return pytorchClipGradNorm(parameters, maxNorm);
        }
        Check.nonNegative("GradientClipping.pytorchClipGradNorm", "maxNorm", maxNorm);
        List<Parameter> withGrad = withGradient("pytorchClipGradNorm", parameters);
        if (withGrad.isEmpty()) {
            return 0.0;
        }
        double total = 0.0;
        if (normType == Double.POSITIVE_INFINITY) {
            for (Parameter p : withGrad) {
                for (double x : p.grad().toRowMajorArray()) {
                    total = Math.max(total, Math.abs(x));
                }
            }
        } else {
            double sum = 0.0;
            for (Parameter p : withGrad) {
                double own = 0.0;
                for (double x : p.grad().toRowMajorArray()) {
                    own += Math.pow(Math.abs(x), normType);
                }
                sum += Math.pow(Math.pow(own, 1.0 / normType), normType);
            }
            total = Math.pow(sum, 1.0 / normType);
        }
        double coefficient = Math.min(maxNorm / (total + PYTORCH_NORM_EPSILON), 1.0);
        for (Parameter p : withGrad) {
            replace(p, p.grad().times(coefficient));
        }
        return total;
    }

    /**
     * Clipping by value: every gradient element is clamped to {@code [-c, c]} (PyTorch's
     * {@code clip_grad_value_}, Keras's {@code clipvalue}, Optax's {@code clip}).
     *
     * @param parameters the parameters whose gradients are clipped (Modified: their gradients)
     * @param clipValue {@code c}, finite, {@code >= 0}
     * @throws IllegalArgumentException if the list or an element is null or {@code clipValue} is out of range
     */
    public static void clipGradValue(List<Parameter> parameters, double clipValue) {
        Check.nonNegative("GradientClipping.clipGradValue", "clipValue", clipValue);
        for (Parameter p : withGradient("clipGradValue", parameters)) {
            replace(p, p.grad().map(x -> Math.min(Math.max(x, -clipValue), clipValue)));
        }
    }

    /**
     * Keras's {@code clipnorm}: each parameter's gradient separately, {@code g_i c / max(||g_i||, c)} (a zero
     * gradient stays zero).
     *
     * @param parameters the parameters whose gradients are clipped (Modified: their gradients)
     * @param clipNorm {@code c}, finite, {@code > 0}
     * @throws IllegalArgumentException if the list or an element is null or {@code clipNorm} is out of range
     */
    public static void kerasClipNorm(List<Parameter> parameters, double clipNorm) {
        positive("kerasClipNorm", "clipNorm", clipNorm);
        for (Parameter p : withGradient("kerasClipNorm", parameters)) {
            Matrix g = p.grad();
            double sum = sumOfSquares(g);
            double norm = sum > 0.0 ? Math.sqrt(sum) : sum;
            double denominator = Math.max(norm, clipNorm);
            replace(p, g.map(x -> (x * clipNorm) / denominator));
        }
    }

    /**
     * Keras's {@code global_clipnorm}: every gradient times {@code c min(1 / ||g||, 1 / c)}.
     *
     * @param parameters the parameters whose gradients are clipped (Modified: their gradients)
     * @param clipNorm {@code c}, finite, {@code > 0}
     * @return the global norm {@code ||g||} before clipping (0 when no parameter has a gradient)
     * @throws IllegalArgumentException if the list or an element is null or {@code clipNorm} is out of range
     */
    public static double kerasGlobalClipNorm(List<Parameter> parameters, double clipNorm) {
        positive("kerasGlobalClipNorm", "clipNorm", clipNorm);
        List<Parameter> withGrad = withGradient("kerasGlobalClipNorm", parameters);
        if (withGrad.isEmpty()) {
            return 0.0;
        }
        double norm = globalNorm(withGrad);
        double scale = clipNorm * Math.min(1.0 / norm, 1.0 / clipNorm);
        for (Parameter p : withGrad) {
            replace(p, p.grad().times(scale));
        }
        return norm;
    }

    /**
     * Optax's {@code clip_by_global_norm(max_norm)}: the gradients unchanged if {@code ||g|| < max_norm}, else
     * each element {@code (g / ||g||) max_norm}.
     *
     * @param parameters the parameters whose gradients are clipped (Modified: their gradients)
     * @param maxNorm {@code max_norm}, finite, {@code > 0}
     * @return the global norm {@code ||g||} before clipping (0 when no parameter has a gradient)
     * @throws IllegalArgumentException if the list or an element is null or {@code maxNorm} is out of range
     */
    public static double optaxClipByGlobalNorm(List<Parameter> parameters, double maxNorm) {
        positive("optaxClipByGlobalNorm", "maxNorm", maxNorm);
        List<Parameter> withGrad = withGradient("optaxClipByGlobalNorm", parameters);
        if (withGrad.isEmpty()) {
            return 0.0;
        }
        double norm = globalNorm(withGrad);
        if (!(norm < maxNorm)) {
            for (Parameter p : withGrad) {
                replace(p, p.grad().map(x -> (x / norm) * maxNorm));
            }
        }
        return norm;
    }

    /** {@code sqrt(sum_i sum_k g_ik^2)} without per-parameter roots (Keras's and Optax's {@code global_norm}). */
    private static double globalNorm(List<Parameter> withGrad) {
        double sum = 0.0;
        for (Parameter p : withGrad) {
            sum += sumOfSquares(p.grad());
        }
        return Math.sqrt(sum);
    }

    private static double sumOfSquares(Matrix g) {
        double sum = 0.0;
        for (double x : g.toRowMajorArray()) {
            sum += x * x;
        }
        return sum;
    }

    private static void replace(Parameter p, Matrix newGradient) {
        p.zeroGrad();
        p.accumulateGrad(newGradient);
    }

    private static void positive(String method, String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("GradientClipping." + method + ": " + name + " must be in (0, inf), got "
                    + value);
        }
    }

    private static List<Parameter> withGradient(String method, List<Parameter> parameters) {
        Check.notNull("GradientClipping." + method, "parameters", parameters);
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p == null) {
                throw new IllegalArgumentException("GradientClipping." + method + ": parameter " + i + " is null");
            }
            if (p.grad() != null) {
                out.add(p);
            }
        }
        return out;
    }
}
