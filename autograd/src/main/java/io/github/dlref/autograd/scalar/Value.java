package io.github.dlref.autograd.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scalar of the reverse-mode automatic-differentiation engine: an IEEE double {@link #data()}, its
 * gradient {@link #grad()}, and (for a value produced by an op) the ordered list of the values it was
 * computed from. The design follows micrograd's {@code Value} (Karpathy, {@code micrograd/engine.py}):
 * every op records how to pass a gradient back to its inputs, and gradients <em>accumulate</em>, so a
 * value used twice receives both contributions.
 *
 * <h2>Primitives and compositions</h2>
 * Only these primitives carry backward rules; each stores, at forward time, the local partial derivative
 * {@code d out / d input_i} of its output with respect to each input, and the engine (never the op)
 * applies the chain rule {@code input_i.grad += partial_i * out.grad}:
 * <table>
 *   <caption>Primitive ops</caption>
 *   <tr><th>op</th><th>forward</th><th>local partial derivatives</th></tr>
 *   <tr><td>{@link #plus(Value)}</td><td>{@code a + b}</td><td>{@code 1, 1}</td></tr>
 *   <tr><td>{@link #times(Value)}</td><td>{@code a * b}</td><td>{@code b, a}</td></tr>
 *   <tr><td>{@link #pow(double)}</td><td>{@code a^n}, n constant</td><td>{@code n a^(n-1)}</td></tr>
 *   <tr><td>{@link #exp()}</td><td>{@code e^a}</td><td>{@code e^a}</td></tr>
 *   <tr><td>{@link #log()}</td><td>{@code ln a}</td><td>{@code 1 / a}</td></tr>
 *   <tr><td>{@link #sqrt()}</td><td>{@code y = sqrt a}</td><td>{@code 1 / (2 y)}</td></tr>
 *   <tr><td>{@link #tanh()}</td><td>{@code y = tanh a}</td><td>{@code 1 - y^2}</td></tr>
 *   <tr><td>{@link #sigmoid()}</td><td>{@code y = 1 / (1 + e^-a)}</td><td>{@code y (1 - y)}
 *       (bp-optimizers, section "knowledge preparation")</td></tr>
 *   <tr><td>{@link #relu()}</td><td>{@code max(0, a)}</td><td>{@code 1} if {@code a > 0}, else {@code 0}
 *       (ReLU'(0) = 0, as PyTorch and micrograd)</td></tr>
 *   <tr><td>{@link #max(Value)}</td><td>{@code max(a, b)}</td><td>{@code (1, 0)} if {@code a > b},
 *       {@code (0, 1)} if {@code a < b}, {@code (1/2, 1/2)} at a tie (PyTorch's
 *       {@code torch.maximum}); the max gate of cs231n-opt-bp, whose tie rule is unspecified</td></tr>
 * </table>
 * Everything else is a composition of these, exactly as in micrograd: {@code -a = a * (-1)},
 * {@code a - b = a + (-b)}, {@code a / b = a * b^(-1)} (so {@code a / b} may differ from the correctly
 * rounded quotient by one rounding). {@code tanh} and {@code sigmoid} are primitives rather than
 * compositions of {@code exp} because the compositions overflow for large {@code |a|} and then produce
 * {@code 0 * Infinity = NaN} in the backward pass.
 *
 * <h2>Requiring a gradient</h2>
 * A {@link #variable(double)} requires a gradient; a {@link #constant(double)} does not, and neither does
 * any value computed inside a {@link ScalarGradMode#noGrad()} scope (the no-gradient evaluation path:
 * such values keep no inputs). An op's result requires a gradient when graph recording is on and at
 * least one input requires one. Gradients flow only into values that require one.
 *
 * <h2>Backward pass</h2>
 * {@link #backward()} orders the graph topologically with an iterative depth-first search (no recursion,
 * so a graph 100,000 nodes deep works), visiting inputs in the order the op lists them and marking nodes
 * visited by identity. The result is the post-order {@code p_0, ..., p_last} (every input before its
 * consumers, {@code p_last} = the value {@code backward} was called on). Gradients then propagate from
 * {@code p_last} down to {@code p_0}, and each node passes its gradient to its inputs in input order. The
 * same graph therefore sums every gradient in the same order, bit for bit.
 *
 * <p>Like PyTorch, leaf gradients accumulate across {@code backward} calls until {@link #zeroGrad()};
 * the gradients of interior (op-produced) nodes are reset at the start of each backward pass and then
 * hold that pass's values.
 *
 * <h2>Second derivatives</h2>
 * {@link #gradients(Value, List, boolean)} returns derivatives as values without touching {@link #grad()}
 * (PyTorch's {@code torch.autograd.grad}); with {@code createGraph} they carry a graph of their own, built from
 * each primitive's local partial written as values, so they can be differentiated again ({@code relu} and
 * {@code max} are piecewise linear: second derivative 0 away from the kink, none at it).
 *
 * <h2>Domain errors: IEEE results, and an anomaly mode that throws</h2>
 * Both engines follow one policy, PyTorch's (stated once in the {@code io.github.dlref.autograd} package
 * documentation): an op applied outside its domain returns the IEEE result and does not throw, exactly as
 * the matrix engine's {@code Tensor} does. {@code log(-1)} is NaN with gradient {@code 1 / a = -1},
 * {@code log(0)} is {@code -Infinity} with gradient {@code Infinity}, {@code sqrt(-1)} and
 * {@code (-8)^(1/3)} are NaN, {@code 1 / 0} is {@code Infinity}, {@code exp(710)} overflows to
 * {@code Infinity}, and NaN propagates through the backward pass. Inside a
 * {@link ScalarGradMode#detectAnomaly()} scope (PyTorch's {@code torch.autograd.detect_anomaly}) the first
 * op whose forward result is not finite, and the first backward step that produces a non-finite gradient,
 * fails instead with an {@link ArithmeticException} naming the op and the operands (with their labels).
 * Leaves are arguments, not results: {@link #variable(double)} and {@link #constant(double)} refuse NaN and
 * infinities with an {@link IllegalArgumentException}.
 *
 * <h2>Example</h2>
 * The gradient of {@code f(a, b) = a b + ln a} at {@code (2, 3)}: {@code df/da = b + 1/a = 3.5},
 * {@code df/db = a = 2}.
 * <pre>{@code
 * Value a = Value.variable(2.0, "a");
 * Value b = Value.variable(3.0, "b");
 * Value f = a.times(b).plus(a.log());
 * f.backward();
 * double dfda = a.grad();   // 3.5
 * double dfdb = b.grad();   // 2.0
 * }</pre>
 *
 * <p>Not thread-safe: a graph belongs to one thread (two threads must not traverse graphs that share values:
 * traversals mark the values they reach).
 *
 * <p>The ops use the names of the matrix engine's {@code Tensor} and of
 * {@code Matrix} ({@code plus}, {@code minus}, {@code times}, {@code div}, {@code neg},
 * {@code exp}, {@code log}, {@code sqrt}, {@code pow}, {@code max}): one vocabulary, tabulated once under
 * "Operation names" in {@code docs/conventions.md}.
 */
public final class Value {

    private static final Value[] NO_INPUTS = new Value[0];
    private static final double[] NO_PARTIALS = new double[0];

    private final double data;
    private final String op;
    private final String label;
    private final boolean requiresGrad;
    private final Value[] inputs;
    private final double[] partials;
    private double grad;
    /** The number of the last {@link #topologicalOrder()} traversal that reached this value (0: none). */
    private long visitStamp;
    /** The constant exponent of a {@code pow} node (its differentiable partial needs it); unused otherwise. */
    private double powExponent;

    /** Numbers traversals, so that each one recognises the values it has already reached. */
    private static final AtomicLong TRAVERSALS = new AtomicLong();

    private Value(double data, String op, String label, boolean requiresGrad, Value[] inputs,
            double[] partials) {
        this.data = data;
        this.op = op;
        this.label = label;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.partials = partials;
    }

    // ------------------------------------------------------------------ factories

    /**
     * A leaf that requires a gradient (PyTorch: a tensor with {@code requires_grad=True}).
     *
     * @param data the value; must be finite
     * @return the new leaf, with gradient 0
     * @throws IllegalArgumentException if {@code data} is NaN or infinite
     */
    public static Value variable(double data) {
        return variable(data, "");
    }

    /**
     * A labelled leaf that requires a gradient; the label appears in {@link #toString()} and in error
     * messages.
     *
     * @param data the value; must be finite
     * @param label a name such as {@code "w8"}; may be empty but not {@code null}
     * @return the new leaf, with gradient 0
     * @throws IllegalArgumentException if {@code data} is NaN or infinite, or {@code label} is null
     */
    public static Value variable(double data, String label) {
        return leaf(data, label, true, "variable");
    }

    /**
     * A constant: a leaf that does not require a gradient.
     *
     * @param data the value; must be finite
     * @return the constant
     * @throws IllegalArgumentException if {@code data} is NaN or infinite
     */
    public static Value constant(double data) {
        return leaf(data, "", false, "constant");
    }

    private static Value leaf(double data, String label, boolean requiresGrad, String what) {
        if (label == null) {
            throw new IllegalArgumentException(what + ": label must not be null (use \"\" for none)");
        }
        if (!Double.isFinite(data)) {
            throw new IllegalArgumentException(what + ": data must be finite, got " + data
                    + (label.isEmpty() ? "" : " (label '" + label + "')"));
        }
        return new Value(data, requiresGrad ? "leaf" : "const", label, requiresGrad, NO_INPUTS, NO_PARTIALS);
    }

    /**
     * The sum {@code v_0 + v_1 + ... + v_(k-1)}, built left to right as a chain of {@link #plus(Value)}
     * ({@code ((v_0 + v_1) + v_2) + ...}), so the summation order is fixed.
     *
     * @param terms at least one value
     * @return the sum
     * @throws IllegalArgumentException if {@code terms} is empty or contains {@code null}
     */
    public static Value sum(List<Value> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("sum: needs at least one term, got none");
        }
        Value total = requireOperand("sum", terms.get(0));
        for (int i = 1; i < terms.size(); i++) {
            total = total.plus(requireOperand("sum", terms.get(i)));
        }
        return total;
    }

    // ------------------------------------------------------------------ accessors

    /**
     * The forward value.
     *
     * @return the value: finite for a leaf; an op's result may be NaN or infinite (see the class documentation)
     */
    public double data() {
        return data;
    }

    /**
     * The gradient of the value {@link #backward()} was last called on with respect to this value
     * (accumulated over backward calls for leaves; see the class documentation). 0 before any backward.
     *
     * @return the gradient
     */
    public double grad() {
        return grad;
    }

    /**
     * Whether gradients flow into this value.
     *
     * @return {@code true} for variables and for op results recorded from at least one such value
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Whether this value was created directly (variable or constant) rather than by an op.
     *
     * @return {@code true} for leaves
     */
    public boolean isLeaf() {
        return inputs.length == 0;
    }

    /**
     * The name of the primitive op that produced this value: {@code "+"}, {@code "*"}, {@code "pow"},
     * {@code "exp"}, {@code "log"}, {@code "sqrt"}, {@code "tanh"}, {@code "sigmoid"}, {@code "relu"},
     * {@code "max"};
     * {@code "leaf"} for a variable and {@code "const"} for a constant or an unrecorded result.
     *
     * @return the op name
     */
    public String op() {
        return op;
    }

    /**
     * The label given at creation by {@link #variable(double, String)}.
     *
     * @return the label, possibly empty
     */
    public String label() {
        return label;
    }

    /**
     * The values this one was computed from, in the op's argument order (empty for leaves and for values
     * computed without recording).
     *
     * @return an unmodifiable list
     */
    public List<Value> inputs() {
        return List.of(inputs);
    }

    // ------------------------------------------------------------------ primitives

    /**
     * Primitive {@code a + b}; partial derivatives {@code 1} and {@code 1}.
     *
     * @param other the right operand
     * @return the sum
     * @throws ArithmeticException in anomaly mode, if the sum is not finite
     */
    public Value plus(Value other) {
        requireOperand("+", other);
        return record("+", data + other.data, new Value[] {this, other}, () -> new double[] {1.0, 1.0});
    }

    /**
     * Primitive {@code a * b}; partial derivatives {@code b} and {@code a}. Multiplying a value by itself
     * gives {@code 2a} as its gradient through accumulation.
     *
     * @param other the right operand
     * @return the product
     * @throws ArithmeticException in anomaly mode, if the product is not finite
     */
    public Value times(Value other) {
        requireOperand("*", other);
        return record("*", data * other.data, new Value[] {this, other},
                () -> new double[] {other.data, data});
    }

    /**
     * Primitive {@code a^n} for a constant exponent {@code n}; partial derivative {@code n a^(n-1)}.
     * Computed with {@link StrictMath#pow(double, double)}, IEEE semantics: a negative base with a non-integer
     * exponent gives NaN, a zero base with a negative exponent {@code Infinity}.
     *
     * @param exponent the constant exponent {@code n}; finite
     * @return {@code a^n}
     * @throws IllegalArgumentException if {@code exponent} is NaN or infinite
     * @throws ArithmeticException in anomaly mode, if the result is not finite
     */
    public Value pow(double exponent) {
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("pow: exponent must be finite, got " + exponent);
        }
        Value result = record("pow", StrictMath.pow(data, exponent), new Value[] {this},
                () -> new double[] {exponent * StrictMath.pow(data, exponent - 1)});
        result.powExponent = exponent;
        return result;
    }

    /**
     * {@code a^b} where {@code b} must be a constant (a value that does not require a gradient); it is
     * {@link #pow(double)} with {@code n = b.data()}. The engine has no backward rule for a variable
     * exponent.
     *
     * @param exponent a value that does not require a gradient
     * @return {@code a^b}
     * @throws IllegalArgumentException if {@code exponent} requires a gradient
     * @throws ArithmeticException in anomaly mode, under the conditions of {@link #pow(double)}
     */
    public Value pow(Value exponent) {
        requireOperand("pow", exponent);
        if (exponent.requiresGrad) {
            throw new IllegalArgumentException("pow: the exponent must be a constant, but " + exponent.describe()
                    + " requires a gradient (only a^n with constant n has a backward rule)");
        }
        return pow(exponent.data);
    }

    /**
     * Primitive {@code e^a}; partial derivative {@code e^a}.
     *
     * @return {@code e^a}; {@code Infinity} when it overflows ({@code a > 709.78...})
     * @throws ArithmeticException in anomaly mode, if {@code e^a} overflows
     */
    public Value exp() {
        double y = StrictMath.exp(data);
        return record("exp", y, new Value[] {this}, () -> new double[] {y});
    }

    /**
     * Primitive natural logarithm {@code ln a} ({@link StrictMath#log(double)}); partial derivative
     * {@code 1 / a}. IEEE semantics, as {@code torch.log}: {@code ln 0 = -Infinity} (partial
     * {@code Infinity}), {@code ln a} for {@code a < 0} is NaN (partial {@code 1 / a}).
     *
     * @return {@code ln a}
     * @throws ArithmeticException in anomaly mode, if {@code a <= 0}
     */
    public Value log() {
        return record("log", StrictMath.log(data), new Value[] {this}, () -> new double[] {1.0 / data});
    }

    /**
     * Primitive square root {@code y = sqrt a} ({@link StrictMath#sqrt(double)}, correctly rounded); partial
     * derivative {@code 1 / (2 y)}, the rule of the matrix engine's {@code Sqrt} op. IEEE semantics, as
     * {@code torch.sqrt}: {@code sqrt 0 = 0} with partial {@code Infinity}, {@code sqrt a} for {@code a < 0}
     * is NaN (partial NaN).
     *
     * @return {@code sqrt a}
     * @throws ArithmeticException in anomaly mode, if {@code a < 0}
     */
    public Value sqrt() {
        double y = StrictMath.sqrt(data);
        return record("sqrt", y, new Value[] {this}, () -> new double[] {1.0 / (2.0 * y)});
    }

    /**
     * Primitive hyperbolic tangent {@code y = tanh a} ({@link Math#tanh(double)}); partial derivative
     * {@code 1 - y^2}.
     *
     * @return {@code tanh a}
     */
    public Value tanh() {
        double y = StrictMath.tanh(data);
        return record("tanh", y, new Value[] {this}, () -> new double[] {1.0 - y * y});
    }

    /**
     * Primitive logistic sigmoid {@code y = 1 / (1 + e^-a)}; partial derivative {@code y (1 - y)}
     * (bp-optimizers, "sigmoid neuron"). Evaluated as {@code 1 / (1 + e^-a)} for {@code a >= 0} and as
     * {@code e^a / (1 + e^a)} for {@code a < 0}, so neither branch overflows.
     *
     * @return {@code sigmoid(a)}
     */
    public Value sigmoid() {
        double y;
        if (data >= 0) {
            y = 1.0 / (1.0 + StrictMath.exp(-data));
        } else {
            double e = StrictMath.exp(data);
            y = e / (1.0 + e);
        }
        return record("sigmoid", y, new Value[] {this}, () -> new double[] {y * (1.0 - y)});
    }

    /**
     * Primitive {@code max(0, a)}; partial derivative {@code 1} for {@code a > 0} and {@code 0} for
     * {@code a <= 0} (ReLU'(0) = 0, as in PyTorch and micrograd).
     *
     * @return {@code relu(a)}; {@code +0.0} for {@code a <= 0}
     */
    public Value relu() {
        boolean active = data > 0;
        return record("relu", active ? data : 0.0, new Value[] {this},
                () -> new double[] {active ? 1.0 : 0.0});
    }

    /**
     * Primitive {@code max(a, b)}, the max gate of cs231n-opt-bp: the gradient is routed to the larger
     * input ({@code (1, 0)} or {@code (0, 1)}). At a tie {@code a == b} it is split equally,
     * {@code (1/2, 1/2)}, as PyTorch's {@code torch.maximum} does; the two shares sum to 1, the derivative
     * of {@code max(a + t, b + t) = a + t}. (The document's indicator rule {@code [a > b]}, {@code [b > a]}
     * would give {@code (0, 0)} at a tie, which is not a subgradient.)
     *
     * @param other the second operand
     * @return the larger of the two values
     */
    public Value max(Value other) {
        requireOperand("max", other);
        double a = data;
        double b = other.data;
        double y = a >= b ? a : b;
        return record("max", y, new Value[] {this, other}, () -> {
            if (a > b) {
                return new double[] {1.0, 0.0};
            }
            if (a < b) {
                return new double[] {0.0, 1.0};
            }
            return new double[] {0.5, 0.5};
        });
    }

    // ------------------------------------------------------------------ compositions and constants

    /**
     * {@code a + c} for a constant {@code c}; {@link #plus(Value)} with {@link #constant(double)}.
     *
     * @param c the constant; finite
     * @return the sum
     * @throws IllegalArgumentException if {@code c} is not finite
     */
    public Value plus(double c) {
        return plus(constant(c));
    }

    /**
     * {@code a - b}, composed as {@code a + (-b)} (micrograd's composition).
     *
     * @param other the subtrahend
     * @return the difference
     */
    public Value minus(Value other) {
        requireOperand("-", other);
        return plus(other.neg());
    }

    /**
     * {@code a - c} for a constant {@code c}, composed as {@code a + (-c)}.
     *
     * @param c the constant; finite
     * @return the difference
     * @throws IllegalArgumentException if {@code c} is not finite
     */
    public Value minus(double c) {
        return minus(constant(c));
    }

    /**
     * {@code a * c} for a constant {@code c}.
     *
     * @param c the constant; finite
     * @return the product
     * @throws IllegalArgumentException if {@code c} is not finite
     */
    public Value times(double c) {
        return times(constant(c));
    }

    /**
     * {@code -a}, composed as {@code a * (-1)}.
     *
     * @return the negation
     */
    public Value neg() {
        return times(-1.0);
    }

    /**
     * {@code a / b}, composed as {@code a * b^(-1)} (micrograd's composition); may differ from the correctly
     * rounded quotient by one rounding.
     *
     * @param other the divisor
     * @return the quotient; a zero divisor gives an infinity or NaN (IEEE), as in the matrix engine
     * @throws ArithmeticException in anomaly mode, if {@code other} is zero (reported by {@link #pow(double)})
     */
    public Value div(Value other) {
        requireOperand("/", other);
        return times(other.pow(-1.0));
    }

    /**
     * {@code a / c} for a constant {@code c}, composed as {@code a * c^(-1)}.
     *
     * @param c the constant divisor; finite
     * @return the quotient
     * @throws IllegalArgumentException if {@code c} is not finite
     * @throws ArithmeticException in anomaly mode, if {@code c} is zero
     */
    public Value div(double c) {
        return div(constant(c));
    }

    /**
     * {@code max(a, c)} for a constant {@code c}; see {@link #max(Value)}.
     *
     * @param c the constant; finite
     * @return the larger value
     * @throws IllegalArgumentException if {@code c} is not finite
     */
    public Value max(double c) {
        return max(constant(c));
    }

    // ------------------------------------------------------------------ backward

    /**
     * Computes the gradient of this value with respect to every value it depends on that requires a
     * gradient, seeding {@code d this / d this = 1}. See the class documentation for the traversal order
     * and accumulation rules.
     *
     * @throws IllegalStateException if this value does not require a gradient (a constant, or a value
     *     computed only from constants or inside {@link ScalarGradMode#noGrad()})
     * @throws ArithmeticException in anomaly mode ({@link ScalarGradMode#detectAnomaly()}), if a gradient
     *     becomes NaN or infinite, naming the op it propagates through
     */
    public void backward() {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: " + describe() + " does not require a gradient (it is a "
                    + "constant, was computed only from constants, or was computed inside ScalarGradMode.noGrad())");
        }
        List<Value> order = topologicalOrder();
        for (Value v : order) {
            if (!v.isLeaf()) {
                v.grad = 0.0;
            }
        }
        if (isLeaf()) {
            grad += 1.0;
        } else {
            grad = 1.0;
        }
        boolean anomaly = ScalarGradMode.isAnomalyDetectionEnabled();
        for (int i = order.size() - 1; i >= 0; i--) {
            Value v = order.get(i);
            for (int k = 0; k < v.inputs.length; k++) {
                Value in = v.inputs[k];
                if (in.requiresGrad) {
                    in.grad += v.partials[k] * v.grad;
                    if (anomaly && !Double.isFinite(in.grad)) {
                        throw new ArithmeticException("anomaly: backward: the gradient of " + in.describe()
                                + " became " + in.grad + " while propagating through '" + v.op + "' (input "
                                + k + ", local derivative " + v.partials[k] + ", upstream gradient " + v.grad
                                + ")");
                    }
                }
            }
        }
    }

    /**
     * The derivatives {@code d(output)/d(input)} as values, without touching any value's {@link #grad()}
     * (PyTorch's {@code torch.autograd.grad}). With {@code createGraph} the reverse pass is itself recorded: each
     * local partial derivative is rebuilt as a value from the node's inputs and output ({@code +}: 1, 1;
     * {@code *}: b, a; {@code pow}: {@code a^(n-1) n}; {@code exp}: the output {@code y}; {@code log}:
     * {@code a^-1}; {@code sqrt}: {@code (2 y)^-1}; {@code tanh}: {@code -(y y) + 1}; {@code sigmoid}:
     * {@code y (-y + 1)}; {@code relu} and {@code max}: their constant partials) and multiplied with the
     * upstream gradient, so the returned derivatives can be differentiated again (second derivatives, as
     * {@code create_graph=True}). Each rebuilt partial rounds exactly as the stored one, and contributions are
     * summed in {@link #backward()}'s order, so the first derivatives equal {@code backward()}'s bit for bit.
     * {@code relu} and {@code max} are piecewise linear: their second derivative is 0 away from the kink and
     * does not exist at it.
     *
     * <p>Example, {@code f(x) = x^3} at 2: {@code f' = 12}, {@code f'' = 12}:
     * <pre>{@code
     * Value x = Value.variable(2.0, "x");
     * Value first = Value.gradients(x.pow(3), List.of(x), true).get(0);        // 12, with a graph
     * double second = Value.gradients(first, List.of(x), false).get(0).data();  // 12
     * }</pre>
     *
     * @param output the value differentiated, which requires a gradient
     * @param inputs values of its graph that require a gradient
     * @param createGraph whether the derivatives carry a graph
     * @return one derivative per input, in order (the constant 0 for an input the output does not reach)
     * @throws IllegalStateException if {@code output} does not require a gradient
     * @throws IllegalArgumentException if an input is {@code null} or does not require a gradient
     */
    public static List<Value> gradients(Value output, List<Value> inputs, boolean createGraph) {
        requireOperand("gradients", output);
        if (!output.requiresGrad) {
            throw new IllegalStateException("gradients: " + output.describe() + " does not require a gradient");
        }
        for (int i = 0; i < inputs.size(); i++) {
            Value in = requireOperand("gradients", inputs.get(i));
            if (!in.requiresGrad) {
                throw new IllegalArgumentException("gradients: input " + i + " " + in.describe()
                        + " does not require a gradient");
            }
        }
        List<Value> order = output.topologicalOrder();
        java.util.Map<Value, Integer> position = new java.util.IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        Value[] derivative = new Value[order.size()];
        if (createGraph) {
            try (ScalarGradMode.Scope scope = ScalarGradMode.enableGrad()) {
                derivative[order.size() - 1] = constant(1.0);
                for (int i = order.size() - 1; i >= 0; i--) {
                    Value v = order.get(i);
                    Value upstream = derivative[i];
                    if (upstream == null) {
                        continue;
                    }
                    for (int k = 0; k < v.inputs.length; k++) {
                        Value in = v.inputs[k];
                        if (in.requiresGrad) {
                            int p = position.get(in);
                            Value contribution = v.differentiablePartial(k).times(upstream);
                            derivative[p] = derivative[p] == null ? contribution : derivative[p].plus(contribution);
                        }
                    }
                }
            }
        } else {
            double[] g = new double[order.size()];
            g[order.size() - 1] = 1.0;
            for (int i = order.size() - 1; i >= 0; i--) {
                Value v = order.get(i);
                for (int k = 0; k < v.inputs.length; k++) {
                    Value in = v.inputs[k];
                    if (in.requiresGrad) {
                        g[position.get(in)] += v.partials[k] * g[i];
                    }
                }
            }
            for (int i = 0; i < g.length; i++) {
                derivative[i] = constant(g[i]);
            }
        }
        List<Value> result = new ArrayList<>(inputs.size());
        for (Value in : inputs) {
            Integer p = position.get(in);
            Value d = p == null ? null : derivative[p];
            result.add(d != null ? d : constant(0.0));
        }
        return List.copyOf(result);
    }

    /** The local partial derivative {@code d this / d inputs[k]} as a value built from the inputs and this node. */
    private Value differentiablePartial(int k) {
        return switch (op) {
            case "*" -> inputs[1 - k];
            case "pow" -> inputs[0].pow(powExponent - 1).times(powExponent);
            case "exp" -> this;
            case "log" -> inputs[0].pow(-1.0);
            case "sqrt" -> times(2.0).pow(-1.0);
            case "tanh" -> times(this).neg().plus(1.0);
            case "sigmoid" -> times(neg().plus(1.0));
            default -> constant(partials[k]); // "+", "relu", "max": piecewise-constant partials
        };
    }

    /**
     * Sets the gradient of this value and of every value it depends on to 0.
     */
    public void zeroGrad() {
        for (Value v : topologicalOrder()) {
            v.grad = 0.0;
        }
        grad = 0.0;
    }

    /**
     * This value and every value it depends on that requires a gradient, in the post-order of an
     * iterative depth-first search that visits inputs in argument order: every input precedes its
     * consumers and this value is last. Deterministic for a given graph. Values that do not require a
     * gradient are not included (nothing flows into them), unless this value itself is one.
     *
     * @return a new mutable list, in topological order
     */
    public List<Value> topologicalOrder() {
        List<Value> order = new ArrayList<>();
        // Visited marks: a node is visited in this traversal when its stamp equals this traversal's number
        // (identity marks without a hash set, which cost more than the rest of the sort on large graphs).
        long stamp = TRAVERSALS.incrementAndGet();
        // explicit stack of (node, index of the next input to visit)
        Value[] nodeStack = new Value[16];
        int[] indexStack = new int[16];
        int top = 0;
        visitStamp = stamp;
        nodeStack[0] = this;
        indexStack[0] = 0;
        while (top >= 0) {
            Value node = nodeStack[top];
            int next = indexStack[top];
            if (next < node.inputs.length) {
                indexStack[top] = next + 1;
                Value in = node.inputs[next];
                if (in.requiresGrad && in.visitStamp != stamp) {
                    in.visitStamp = stamp;
                    top++;
                    if (top == nodeStack.length) {
                        nodeStack = Arrays.copyOf(nodeStack, 2 * top);
                        indexStack = Arrays.copyOf(indexStack, 2 * top);
                    }
                    nodeStack[top] = in;
                    indexStack[top] = 0;
                }
            } else {
                nodeStack[top] = null;
                top--;
                order.add(node);
            }
        }
        return order;
    }

    /**
     * A short description with the data and gradient, and the label if any, for example
     * {@code Value(w8, data=0.5, grad=-0.25)}. Does not traverse the graph.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Value(" + (label.isEmpty() ? "" : label + ", ") + "data=" + data + ", grad=" + grad + ")";
    }

    // ------------------------------------------------------------------ internals

    /** Supplies local partial derivatives; evaluated only when the graph is recorded. */
    @FunctionalInterface
    private interface Partials {
        double[] get();
    }

    private Value record(String opName, double result, Value[] args, Partials partialsSupplier) {
        if (!Double.isFinite(result) && ScalarGradMode.isAnomalyDetectionEnabled()) {
            throw new ArithmeticException("anomaly: " + opName + " forward produced " + result + " for "
                    + describeAll(args));
        }
        boolean anyRequires = false;
        for (Value a : args) {
            anyRequires |= a.requiresGrad;
        }
        if (!anyRequires || !ScalarGradMode.isGradEnabled()) {
            return new Value(result, "const", "", false, NO_INPUTS, NO_PARTIALS);
        }
        return new Value(result, opName, "", true, args, partialsSupplier.get());
    }

    private static Value requireOperand(String opName, Value operand) {
        if (operand == null) {
            throw new IllegalArgumentException(opName + ": operand must not be null");
        }
        return operand;
    }

    private String describe() {
        String where = label.isEmpty() ? (isLeaf() ? op : "result of '" + op + "'") : "'" + label + "'";
        return data + " (" + where + ")";
    }

    private static String describeAll(Value[] args) {
        StringBuilder sb = new StringBuilder(args.length == 1 ? "input " : "inputs ");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(args[i].describe());
        }
        return sb.toString();
    }
}
