package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * L-BFGS (Nocedal 1980; Liu and Nocedal 1989), in PyTorch's form ({@code torch.optim.LBFGS}, torch 1.13,
 * {@code lbfgs.py}), with its optional strong-Wolfe line search ({@code _strong_wolfe}, cubic interpolation,
 * Nocedal and Wright, Algorithm 3.5 and 3.6). Unlike the first-order optimizers it re-evaluates the objective
 * several times per {@link #step(Closure)}, through a {@link Closure} that recomputes the loss and the
 * gradients; it is therefore not an {@link Optimizer} (PyTorch's {@code step(closure)}).
 *
 * <p>All parameters are treated as one flat vector {@code x} (row-major, in parameter order) with flat gradient
 * {@code g}. One {@link #step(Closure)} runs up to {@code maxIterations} iterations:
 *
 * <pre>
 *   first iteration ever: d = -g, H_diag = 1; otherwise with y = g - g_prev, s = t d:
 *     if y.s &gt; 1e-10: keep (y, s, 1 / y.s) (at most historySize pairs), H_diag = y.s / y.y
 *     two-loop recursion: q = -g; for i newest..oldest: a_i = (s_i . q) rho_i, q -= a_i y_i;
 *                         d = H_diag q; for i oldest..newest: b_i = (y_i . d) rho_i, d += (a_i - b_i) s_i
 *   t = min(1, 1 / sum|g|) lr on the first iteration ever, else lr
 *   stop if g.d &gt; -toleranceChange
 *   no line search: x += t d, re-evaluate (except on the last iteration)
 *   strong Wolfe: t, loss and g from the line search (c1 1e-4, c2 0.9, at most 25 evaluations), x += t d
 *   stop after maxIterations, after maxEvaluations evaluations in this step, when max|g| &lt;= toleranceGrad,
 *     max|t d| &lt;= toleranceChange, or |loss - previous loss| &lt; toleranceChange
 * </pre>
 *
 * and a step returns at once, without iterating, if the first evaluation's {@code max|g| <= toleranceGrad}.
 * Dot products and sums are in flat order. The history, the last direction and step length, and the counters
 * carry over to the next {@link #step(Closure)}, as in PyTorch.
 *
 * <p>Example: minimize a least-squares loss ({@code model}, {@code loss}: nn types):
 * <pre>{@code
 * LBFGS lbfgs = new LBFGS(model.parameters(), LBFGS.Hyperparameters.pytorch()
 *         .withLineSearch(LBFGS.LineSearch.STRONG_WOLFE));
 * double first = lbfgs.step(() -> {
 *     lbfgs.zeroGrad();
 *     Tensor l = loss.forward(model.forward(x), y);
 *     l.backward();
 *     return l.item();
 * });
 * }</pre>
 */
public final class LBFGS {

    /** Re-evaluates the objective at the parameters' current values: sets every parameter's gradient. */
    @FunctionalInterface
    public interface Closure {
        /**
         * Recomputes the loss and the gradients.
         *
         * @return the loss
         */
        double evaluate();
    }

    /** The line search of each iteration. */
    public enum LineSearch {
        /** A fixed step {@code t} (PyTorch's {@code line_search_fn=None}, the default). */
        NONE,
        /** PyTorch's {@code 'strong_wolfe'}. */
        STRONG_WOLFE
    }

    /**
     * Hyper-parameters of {@link LBFGS}.
     *
     * @param learningRate {@code lr}, the step length (1 in PyTorch), finite, {@code > 0}
     * @param maxIterations iterations per step, {@code >= 1}
     * @param maxEvaluations function evaluations per step, {@code >= 1} (PyTorch: {@code maxIterations * 5 / 4})
     * @param toleranceGrad first-order optimality tolerance on {@code max|g|}, finite, {@code >= 0}
     * @param toleranceChange tolerance on changes of the loss and the parameters, finite, {@code >= 0}
     * @param historySize the number of {@code (y, s)} pairs kept, {@code >= 1}
     * @param lineSearch the line search
     */
    public record Hyperparameters(double learningRate, int maxIterations, int maxEvaluations, double toleranceGrad,
            double toleranceChange, int historySize, LineSearch lineSearch) {

        /**
         * Validates the hyper-parameters.
         *
         * @param learningRate {@code lr}
         * @param maxIterations iterations per step
         * @param maxEvaluations evaluations per step
         * @param toleranceGrad gradient tolerance
         * @param toleranceChange change tolerance
         * @param historySize history size
         * @param lineSearch the line search
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("LBFGS: learningRate must be in (0, inf), got " + learningRate);
            }
            if (maxIterations < 1 || maxEvaluations < 1 || historySize < 1) {
                throw new IllegalArgumentException("LBFGS: maxIterations, maxEvaluations and historySize must be"
                        + " >= 1, got " + maxIterations + ", " + maxEvaluations + ", " + historySize);
            }
            Check.nonNegative("LBFGS", "toleranceGrad", toleranceGrad);
            Check.nonNegative("LBFGS", "toleranceChange", toleranceChange);
            Check.notNull("LBFGS", "lineSearch", lineSearch);
        }

        /**
         * torch 1.13 {@code torch.optim.LBFGS} defaults: lr 1, max_iter 20, max_eval 25, tolerance_grad 1e-7,
         * tolerance_change 1e-9, history_size 100, no line search.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(1.0, 20, 25, 1e-7, 1e-9, 100, LineSearch.NONE);
        }

        /**
         * A copy with another line search.
         *
         * @param value the line search
         * @return the hyper-parameters
         */
        public Hyperparameters withLineSearch(LineSearch value) {
            return new Hyperparameters(learningRate, maxIterations, maxEvaluations, toleranceGrad, toleranceChange,
                    historySize, value);
        }

        /**
         * A copy with another iteration budget and PyTorch's derived evaluation budget
         * ({@code maxIterations * 5 / 4}).
         *
         * @param value {@code maxIterations}
         * @return the hyper-parameters
         */
        public Hyperparameters withMaxIterations(int value) {
            return new Hyperparameters(learningRate, value, value * 5 / 4, toleranceGrad, toleranceChange, historySize,
                    lineSearch);
        }

        /**
         * A copy with another history size.
         *
         * @param value {@code historySize}
         * @return the hyper-parameters
         */
        public Hyperparameters withHistorySize(int value) {
            return new Hyperparameters(learningRate, maxIterations, maxEvaluations, toleranceGrad, toleranceChange,
                    value, lineSearch);
        }
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 25;

    private final List<Parameter> parameters;
    private final Hyperparameters hyper;
    private final int size;
    private long functionEvaluations;
    private long iterations;
    private double[] direction;
    private double stepLength;
    private final List<double[]> oldDirections = new ArrayList<>();
    private final List<double[]> oldSteps = new ArrayList<>();
    private final List<Double> rho = new ArrayList<>();
    private double hessianDiagonal = 1.0;
    private double[] previousGradient;

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters: non-empty, no parameter twice
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list or null hyper-parameters
     */
    public LBFGS(List<Parameter> parameters, Hyperparameters hyperparameters) {
        this.hyper = Check.notNull("LBFGS", "hyperparameters", hyperparameters);
        Check.notNull("LBFGS", "parameters", parameters);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("LBFGS: parameters must not be empty");
        }
        java.util.Set<Parameter> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int n = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p == null) {
                throw new IllegalArgumentException("LBFGS: parameter " + i + " is null");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("LBFGS: parameter '" + p.name() + "' appears more than once");
            }
            n += p.value().size();
        }
        this.parameters = List.copyOf(parameters);
        this.size = n;
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /**
     * Function evaluations over all steps (PyTorch's {@code state['func_evals']}).
     *
     * @return the count
     */
    public long functionEvaluations() {
        return functionEvaluations;
    }

    /**
     * Iterations over all steps (PyTorch's {@code state['n_iter']}).
     *
     * @return the count
     */
    public long iterations() {
        return iterations;
    }

    /**
     * One L-BFGS step: up to {@code maxIterations} iterations, each evaluating the closure.
     *
     * @param closure recomputes the loss and sets the gradients at the parameters' current values
     * @return the loss of the first evaluation (before this step moved the parameters)
     * @throws IllegalArgumentException if the closure is null or leaves a gradient of the wrong shape
     */
    public double step(Closure closure) {
        Check.notNull("LBFGS", "closure", closure);
        double originalLoss = closure.evaluate();
        double loss = originalLoss;
        int currentEvaluations = 1;
        functionEvaluations++;
        double[] g = flatGradient();
        if (maxAbs(g) <= hyper.toleranceGrad()) {
            return originalLoss;
        }
        double[] d = direction;
        double t = stepLength;
        double previousLoss;
        int n = 0;
        while (n < hyper.maxIterations()) {
            n++;
            iterations++;
            if (iterations == 1) {
                d = negate(g);
                oldDirections.clear();
                oldSteps.clear();
                rho.clear();
                hessianDiagonal = 1.0;
            } else {
                double[] y = new double[size];
                double[] s = new double[size];
                for (int k = 0; k < size; k++) {
                    y[k] = g[k] - previousGradient[k];
                    s[k] = d[k] * t;
                }
                double ys = dot(y, s);
                if (ys > 1e-10) {
                    if (oldDirections.size() == hyper.historySize()) {
                        oldDirections.remove(0);
                        oldSteps.remove(0);
                        rho.remove(0);
                    }
                    oldDirections.add(y);
                    oldSteps.add(s);
                    rho.add(1. / ys);
                    hessianDiagonal = ys / dot(y, y);
                }
                int count = oldDirections.size();
                double[] al = new double[count];
                double[] q = negate(g);
                for (int i = count - 1; i >= 0; i--) {
                    al[i] = dot(oldSteps.get(i), q) * rho.get(i);
                    double[] yi = oldDirections.get(i);
                    for (int k = 0; k < size; k++) {
                        q[k] = q[k] + -al[i] * yi[k];
                    }
                }
                d = new double[size];
                for (int k = 0; k < size; k++) {
                    d[k] = q[k] * hessianDiagonal;
                }
                for (int i = 0; i < count; i++) {
                    double be = dot(oldDirections.get(i), d) * rho.get(i);
                    double[] si = oldSteps.get(i);
                    double alpha = al[i] - be;
                    for (int k = 0; k < size; k++) {
                        d[k] = d[k] + alpha * si[k];
                    }
                }
            }
            previousGradient = g.clone();
            previousLoss = loss;
            if (iterations == 1) {
                double sumAbs = 0.0;
                for (double v : g) {
                    sumAbs += Math.abs(v);
                }
                t = Math.min(1., 1. / sumAbs) * hyper.learningRate();
            } else {
                t = hyper.learningRate();
            }
            double gtd = dot(g, d);
            if (gtd > -hyper.toleranceChange()) {
                break;
            }
            int lineSearchEvaluations = 0;
            if (hyper.lineSearch() == LineSearch.STRONG_WOLFE) {
                double[] x0 = flatValues();
                WolfeResult r = strongWolfe(closure, x0, t, d, loss, g, gtd);
                loss = r.loss;
                g = r.gradient;
                t = r.t;
                lineSearchEvaluations = r.evaluations;
                addToParameters(x0, t, d);
            } else {
                addToParameters(flatValues(), t, d);
                if (n != hyper.maxIterations()) {
                    loss = closure.evaluate();
                    g = flatGradient();
                    lineSearchEvaluations = 1;
                }
            }
            currentEvaluations += lineSearchEvaluations;
            functionEvaluations += lineSearchEvaluations;
            if (n == hyper.maxIterations() || currentEvaluations >= hyper.maxEvaluations()
                    || maxAbs(g) <= hyper.toleranceGrad()) {
                break;
            }
            double maxStep = 0.0;
            for (double v : d) {
                maxStep = Math.max(maxStep, Math.abs(v * t));
            }
            if (maxStep <= hyper.toleranceChange() || Math.abs(loss - previousLoss) < hyper.toleranceChange()) {
                break;
            }
        }
        direction = d;
        stepLength = t;
        return originalLoss;
    }

    private record WolfeResult(double loss, double[] gradient, double t, int evaluations) {
    }

    private record Evaluation(double loss, double[] gradient) {
    }

    /** Evaluates the closure at {@code x + t d} and restores {@code x}. */
    private Evaluation directional(Closure closure, double[] x, double t, double[] d) {
        addToParameters(x, t, d);
        double loss = closure.evaluate();
        double[] g = flatGradient();
        setParameters(x);
        return new Evaluation(loss, g);
    }

    /** Cubic interpolation of PyTorch's {@code _cubic_interpolate}: the minimizer in the bounds. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lo,
            double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(minPos, lo), hi);
        }
        return (lo + hi) / 2.;
    }

    private static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2) {
        return x1 <= x2 ? cubicInterpolate(x1, f1, g1, x2, f2, g2, x1, x2)
                : cubicInterpolate(x1, f1, g1, x2, f2, g2, x2, x1);
    }

    private WolfeResult strongWolfe(Closure closure, double[] x, double t0, double[] d, double f, double[] g0,
            double gtd) {
        double t = t0;
        double dNorm = maxAbs(d);
        double[] g = g0.clone();
        Evaluation e = directional(closure, x, t, d);
        double fNew = e.loss();
        double[] gNew = e.gradient();
        int evaluations = 1;
        double gtdNew = dot(gNew, d);
        double tPrev = 0;
        double fPrev = f;
        double[] gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        double[][] bracketG = null;
        double[] bracketGtd = null;
        while (lsIter < MAX_LINE_SEARCH) {
            if (fNew > (f + C1 * t * gtd) || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new double[][] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new double[][] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new double[][] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew.clone();
            gtdPrev = gtdNew;
            e = directional(closure, x, t, d);
            fNew = e.loss();
            gNew = e.gradient();
            evaluations++;
            gtdNew = dot(gNew, d);
            lsIter++;
        }
        if (lsIter == MAX_LINE_SEARCH) {
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new double[][] {g, gNew};
            bracketGtd = new double[] {gtd, gtdNew};
        }
        boolean insufficientProgress = false;
        int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < MAX_LINE_SEARCH) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < hyper.toleranceChange()) {
                break;
            }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
            double bMax = Math.max(bracket[0], bracket[1]);
            double bMin = Math.min(bracket[0], bracket[1]);
            double eps = 0.1 * (bMax - bMin);
            if (Math.min(bMax - t, t - bMin) < eps) {
                if (insufficientProgress || t >= bMax || t <= bMin) {
                    t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            e = directional(closure, x, t, d);
            fNew = e.loss();
            gNew = e.gradient();
            evaluations++;
            gtdNew = dot(gNew, d);
            lsIter++;
            if (fNew > (f + C1 * t * gtd) || fNew >= bracketF[low]) {
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew.clone();
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew.clone();
                bracketGtd[low] = gtdNew;
            }
        }
        return new WolfeResult(bracketF[low], bracketG[low], bracket[low], evaluations);
    }

    private double[] flatGradient() {
        double[] out = new double[size];
        int offset = 0;
        for (Parameter p : parameters) {
            Matrix grad = p.grad();
            int n = p.value().size();
            if (grad != null) {
                if (!grad.sameShape(p.value())) {
                    throw new IllegalArgumentException("LBFGS: gradient of '" + p.name() + "' has shape " + grad.shape()
                            + " but the parameter has shape " + p.shape());
                }
                System.arraycopy(grad.toRowMajorArray(), 0, out, offset, n);
            }
            offset += n;
        }
        return out;
    }

    private double[] flatValues() {
        double[] out = new double[size];
        int offset = 0;
        for (Parameter p : parameters) {
            double[] v = p.value().toRowMajorArray();
            System.arraycopy(v, 0, out, offset, v.length);
            offset += v.length;
        }
        return out;
    }

    /** Sets the parameters to {@code x + t d}, computed as {@code x + t * d} element by element. */
    private void addToParameters(double[] x, double t, double[] d) {
        double[] moved = new double[size];
        for (int k = 0; k < size; k++) {
            moved[k] = x[k] + t * d[k];
        }
        setParameters(moved);
    }

    private void setParameters(double[] x) {
        int offset = 0;
        for (Parameter p : parameters) {
            Matrix v = p.value();
            double[] part = new double[v.size()];
            System.arraycopy(x, offset, part, 0, part.length);
            p.assign(Matrix.fromRowMajor(v.rows(), v.cols(), part));
            offset += part.length;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0.0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = -a[k];
        }
        return out;
    }
}
