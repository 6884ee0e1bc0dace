"""Certificate of vectors/examples.json (issue 22): the `computed` double of every worked example.

The inputs are not in the vectors file: they are the doubles in the catalog's Java sources
(verify/src/main/java/io/github/dlref/verify/examples/*.java and nn/NnExamples.java), transcribed below kind by
kind, each next to the example ids it produces. Every example is recomputed by the same graph of operations that
dlref evaluates (the scalar engine Value, the numeric differences of NumericGradient, the nn layers and losses),
carried out three ways at once by the number type `R` below:

  * `x`, the exact value: every operation on the exact inputs (a spec's 0.1 is the double nearest 0.1) in 60-digit
    arithmetic, with every discrete decision (ReLU, max, hinge) taken exactly;
  * `e`, an a-priori bound on |dlref's double - x| (running error analysis, derived from the operation graph
    alone, never from dlref's result): an operation whose operands are exact inputs returns the correctly rounded
    result, so its error is |nearest(x) - x| exactly; otherwise the propagated error (a rigorous bound through the
    operation's derivative on the whole interval [x - e, x + e], second-order terms included) plus the operation's
    own rounding, u (|x| + propagated) for a correctly rounded + - * / sqrt, 2u (|x| + propagated) for a libm
    call within 1 ulp (StrictMath exp, log, pow: 1 ulp <= 2u |y| for a normal y), 5u (...) for tanh (2.5 ulps);
    u = 2^-53. fdlibm's pow, which StrictMath.pow is, returns x * x for y = 2, 1 / x for y = -1 and x for y = 1
    (single correctly rounded operations), and integer ** integer exactly when representable;
  * `d`, the double that the same graph gives in Python floats (a diagnostic only: when it equals dlref's double
    bit for bit, the graph transcribed here is dlref's; Python's libm is glibc's, not fdlibm, so a libm call may
    differ by an ulp; the script prints every mismatch).

Each certified value then carries scale = e / u and terms = 1; its family has K = 1, so the bound checked is
|dlref - exact| <= e, the running error bound of its own graph. Values whose bound is 0 (every operation exact:
small integers, dyadic fractions) are in the family `exact-dyadic` with U = 0.

Discrete decisions (ReLU, max, the hinge, the sigmoid's branch) are taken on dlref's side by the emulated double and
exactly by the exact value; the script refuses when they differ or when a decision fed by a libm call is within its
error bound of the switch point (a decision fed only by + - * / on literal doubles is certain: the emulated double is
dlref's). Three decisions sit exactly at their switch point (the max of two equal values in the tie example's
central difference; u1 = 0 in dl-optimization's gd-step): dlref's branch is the exact branch there.

Drawn inputs (the last seven examples): dl-basics/orthogonal/* (5 entries) and param-optimization/vanishing-gradients/*
(2 entries) draw their inputs with dlref's Rng (java.util.Random; nextGaussian through StrictMath.log, fdlibm). The
project's Python client kit transcribes it bit for bit, fdlibm's log included (clients/python/dlref_client/
javarandom.py, imported, not copied); the script first compares the kit's draws with every normal, xavier_normal and
kaiming_normal matrix of vectors/initializers.json and with the orthogonal examples' ||delta||^2 (dlref's doubles,
bit for bit). The vanishing-gradient ratios are then recomputed like the other nn entries (R numbers on the drawn
doubles; both emulated ratios equal dlref's doubles bit for bit, which the script requires of the ReLU ratio,
whose graph has no libm call: 1,280 ReLU decisions and about 58,000 + - * / sqrt operations on 792 drawn doubles).
For the orthogonal examples, W is EJML's rounded Householder QR, not reproduced here: the exact value is the
quantity for the exact orthogonal factor of the drawn matrix (max |W W^T - I| = 0, ||delta W||^2 = ||delta||^2),
checked against the exact thin QR in 60 digits, and the bound is Householder QR's loss of orthogonality (Higham
(19.13)) plus the roundings of the products and sums (family orthogonal-householder).

Run from the worktree root: /usr/bin/python3 scripts/certify/examples.py  (about 5 s).
"""

import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import certlib  # noqa: E402
from certlib import mp, mpf, U  # noqa: E402
import mpmath  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))
from dlref_client.javarandom import JavaRandom  # noqa: E402  (the project's own kit: Rng bit for bit)

ZERO_E = mpf(0)


def nearest(x):
    return certlib.nearest_double(x)


# ------------------------------------------------------------------------------------------------ R numbers

class R:
    """One double of dlref's computation: d (Python-float emulation), x (exact), e (bound on |dlref - x|)."""
    __slots__ = ("d", "x", "e", "lm")

    def __init__(self, d, x, e, lm=False):
        self.d = float(d)
        self.x = x
        self.e = e
        self.lm = lm  # a libm call contributed (otherwise d is dlref's double: IEEE + - * / sqrt are deterministic)

    def exact_input(self):
        return self.e == 0 and nearest(self.x) == self.x

    def __repr__(self):
        return "R(d=%r, x=%s, e=%s)" % (self.d, mpmath.nstr(self.x, 20), mpmath.nstr(self.e, 5))


def c(v):
    """A double input (the Java literal's double)."""
    v = float(v)
    return R(v, mpf(v), ZERO_E)


def _round(x, prop, exact_operands, factor=1):
    """Error bound of an operation with exact result x (of the exact operands), propagated error prop."""
    if exact_operands:
        if factor == 1:
            return abs(nearest(x) - x)
        return factor * U * abs(x) if x != 0 else ZERO_E
    return prop + factor * U * (abs(x) + prop)


def add(a, b):
    x = a.x + b.x
    if a.x == 0 and a.e == 0:
        return R(0.0 + b.d, b.x, b.e, b.lm)
    if b.x == 0 and b.e == 0:
        return R(a.d + 0.0, a.x, a.e, a.lm)
    both = a.exact_input() and b.exact_input()
    return R(a.d + b.d, x, _round(x, a.e + b.e, both), a.lm or b.lm)


def neg(a):
    return R(-a.d, -a.x, a.e, a.lm)


def sub(a, b):
    return add(a, neg(b))


def _pow2(v):
    """Whether the exact input v is +-2^k (multiplication by it is exact barring over/underflow)."""
    if v.e != 0 or v.x == 0:
        return False
    m, _ = math.frexp(abs(v.d))
    return m == 0.5


def mul(a, b):
    x = a.x * b.x
    if (a.x == 0 and a.e == 0) or (b.x == 0 and b.e == 0):
        return R(a.d * b.d, mpf(0), ZERO_E)
    lm = a.lm or b.lm
    if _pow2(a) or _pow2(b):  # exact scaling: the error scales with it
        k = abs(a.x) if _pow2(a) else abs(b.x)
        other = b if _pow2(a) else a
        return R(a.d * b.d, x, k * other.e, lm)
    both = a.exact_input() and b.exact_input()
    prop = abs(a.x) * b.e + abs(b.x) * a.e + a.e * b.e
    return R(a.d * b.d, x, _round(x, prop, both), lm)


def div(a, b):
    x = a.x / b.x
    if a.x == 0 and a.e == 0:
        return R(a.d / b.d, mpf(0), ZERO_E)
    lm = a.lm or b.lm
    if _pow2(b):
        return R(a.d / b.d, x, a.e / abs(b.x), lm)
    both = a.exact_input() and b.exact_input()
    if abs(b.x) <= b.e:
        raise ValueError("division by an interval that contains 0")
    prop = (a.e + abs(x) * b.e) / (abs(b.x) - b.e)
    return R(a.d / b.d, x, _round(x, prop, both), lm)


def sqrt(a):
    if a.x - a.e < 0:
        raise ValueError("sqrt of an interval below 0")
    x = mpmath.sqrt(a.x)
    if a.e == 0:
        return R(math.sqrt(a.d), x, _round(x, ZERO_E, a.exact_input()), a.lm)
    lo = mpmath.sqrt(a.x - a.e)
    prop = max(x - lo, mpmath.sqrt(a.x + a.e) - x)
    return R(math.sqrt(a.d), x, _round(x, prop, False), a.lm)


def _libm(a, d, f, deriv_max, factor=2, exact_cases=()):
    x = f(a.x)
    if a.e == 0 and a.exact_input():
        if a.x in exact_cases:
            return R(d, x, ZERO_E)
        return R(d, x, factor * U * abs(x), True)
    prop = deriv_max(a.x - a.e, a.x + a.e) * a.e
    return R(d, x, prop + factor * U * (abs(x) + prop), True)


def exp(a):
    return _libm(a, math.exp(a.d), mpmath.exp, lambda lo, hi: mpmath.exp(hi), exact_cases=(mpf(0),))


def log(a):
    if a.x - a.e <= 0:
        raise ValueError("log of an interval reaching 0")
    return _libm(a, math.log(a.d), mpmath.log, lambda lo, hi: 1 / lo, exact_cases=(mpf(1),))


def tanh(a):
    return _libm(a, math.tanh(a.d), mpmath.tanh, lambda lo, hi: mpf(1), factor=5, exact_cases=(mpf(0),))


def pow_(a, p):
    """StrictMath.pow(a, p) for a constant double exponent p (fdlibm: y = 2 -> x*x, y = -1 -> 1/x, y = 1 -> x)."""
    p = float(p)
    if p == 1.0:
        return a
    if p == 2.0:
        return mul(a, a)
    if p == -1.0:
        return div(c(1.0), a)
    if p == 0.0:
        return c(1.0)
    x = mpmath.power(a.x, mpf(p))
    d = math.pow(a.d, p)
    if a.e == 0 and a.exact_input() and a.x == int(a.x) and p == int(p) and p > 0 and nearest(x) == x:
        return R(d, x, ZERO_E)  # pow(integer, integer) is exact when representable (fdlibm's documented accuracy)
    lo, hi = a.x - a.e, a.x + a.e
    if lo <= 0 <= hi and p - 1 < 0:
        raise ValueError("pow: interval reaches 0")

    def dmax(lo, hi):
        return max(abs(p * mpmath.power(abs(lo), p - 1)), abs(p * mpmath.power(abs(hi), p - 1)))
    return _libm(a, d, lambda t: mpmath.power(t, mpf(p)), dmax) if a.e else \
        R(d, x, 2 * U * abs(x), True)


def rmax(values):
    """max of a list (|max a~ - max a| <= max e, whichever decisions are taken)."""
    best = max(values, key=lambda r: r.d)
    xbest = max(r.x for r in values)
    return R(best.d, xbest, max(r.e for r in values), any(r.lm for r in values))


def rabs(a):
    return R(abs(a.d), abs(a.x), a.e, a.lm)


DECISIONS = []  # (where, dlref's branch, exact branch, margin, bound) for every ReLU/max/hinge decision


def decide(where, computed_true, exact_true, margin, bound, lm=True):
    """Records a discrete decision: dlref's branch (taken on the emulated double), the exact branch, the exact
    margin to the switch point, its error bound, and whether a libm call fed it. A decision with margin <= bound
    is accepted only when no libm call fed it (the emulated double is then dlref's, bit for bit) and both branches
    agree; the script refuses otherwise."""
    DECISIONS.append((where, computed_true, exact_true, margin, bound, lm))
    return computed_true


# ------------------------------------------------------------------------------------------------ scalar engine

GRAD_ENABLED = [True]


class V:
    """dlref's scalar engine (autograd/scalar/Value.java) on R numbers: the same graph, partials and
    backward accumulation order (depth-first post-order over inputs that require a gradient, reversed)."""
    __slots__ = ("data", "op", "inputs", "partials", "rg", "grad", "stamp")
    _stamp = [0]

    def __init__(self, data, op="const", inputs=(), partials=(), rg=False):
        self.data = data
        self.op = op
        self.inputs = list(inputs)
        self.partials = list(partials)
        self.rg = rg
        self.grad = c(0.0)
        self.stamp = 0

    @staticmethod
    def variable(v):
        return V(v if isinstance(v, R) else c(v), "leaf", rg=True)

    @staticmethod
    def constant(v):
        return V(v if isinstance(v, R) else c(v), "const")

    @staticmethod
    def record(op, result, args, partials):
        if not any(a.rg for a in args) or not GRAD_ENABLED[0]:
            return V(result, "const")
        return V(result, op, args, partials(), True)

    def plus(self, o):
        o = o if isinstance(o, V) else V.constant(o)
        return V.record("+", add(self.data, o.data), [self, o], lambda: [c(1.0), c(1.0)])

    def times(self, o):
        o = o if isinstance(o, V) else V.constant(o)
        return V.record("*", mul(self.data, o.data), [self, o], lambda: [o.data, self.data])

    def pow(self, p):
        p = float(p)
        return V.record("pow", pow_(self.data, p), [self], lambda: [mul(c(p), pow_(self.data, p - 1))])

    def exp(self):
        y = exp(self.data)
        return V.record("exp", y, [self], lambda: [y])

    def log(self):
        return V.record("log", log(self.data), [self], lambda: [div(c(1.0), self.data)])

    def tanh(self):
        y = tanh(self.data)
        return V.record("tanh", y, [self], lambda: [sub(c(1.0), mul(y, y))])

    def sigmoid(self):
        dv = self.data
        if dv.d >= 0:
            decide("sigmoid branch", True, dv.x >= 0, dv.x, dv.e)
            y = div(c(1.0), add(c(1.0), exp(neg(dv))))
        else:
            decide("sigmoid branch", False, dv.x >= 0, dv.x, dv.e)
            e = exp(dv)
            y = div(e, add(c(1.0), e))
        return V.record("sigmoid", y, [self], lambda: [mul(y, sub(c(1.0), y))])

    def relu(self):
        dv = self.data
        active = decide("relu", dv.d > 0, dv.x > 0, dv.x, dv.e, dv.lm)
        return V.record("relu", dv if active else c(0.0), [self], lambda: [c(1.0 if active else 0.0)])

    def max(self, o):
        a, b = self.data, o.data
        ge = decide("max", a.d >= b.d, a.x >= b.x, a.x - b.x, ZERO_E if a is b else a.e + b.e, a.lm or b.lm)
        y = a if ge else b

        def partials():
            if a.d > b.d:
                decide("max partial", True, a.x > b.x, a.x - b.x, a.e + b.e, a.lm or b.lm)
                return [c(1.0), c(0.0)]
            if a.d < b.d:
                decide("max partial", True, a.x < b.x, a.x - b.x, a.e + b.e, a.lm or b.lm)
                return [c(0.0), c(1.0)]
            decide("max partial tie", True, a.x == b.x, a.x - b.x, a.e + b.e, a.lm or b.lm)
            return [c(0.5), c(0.5)]
        return V.record("max", y, [self, o], partials)

    def minus(self, o):
        o = o if isinstance(o, V) else V.constant(o)
        return self.plus(o.neg())

    def neg(self):
        return self.times(-1.0)

    def div(self, o):
        o = o if isinstance(o, V) else V.constant(o)
        return self.times(o.pow(-1.0))

    @staticmethod
    def sum(terms):
        total = terms[0]
        for t in terms[1:]:
            total = total.plus(t)
        return total

    def topo(self):
        V._stamp[0] += 1
        stamp = V._stamp[0]
        order = []
        self.stamp = stamp
        stack = [[self, 0]]
        while stack:
            top = stack[-1]
            node, nxt = top
            if nxt < len(node.inputs):
                top[1] = nxt + 1
                inp = node.inputs[nxt]
                if inp.rg and inp.stamp != stamp:
                    inp.stamp = stamp
                    stack.append([inp, 0])
            else:
                stack.pop()
                order.append(node)
        return order

    def backward(self):
        order = self.topo()
        for v in order:
            if v.inputs:
                v.grad = c(0.0)
        if not self.inputs:
            self.grad = add(self.grad, c(1.0))
        else:
            self.grad = c(1.0)
        for v in reversed(order):
            for k, inp in enumerate(v.inputs):
                if inp.rg:
                    inp.grad = add(inp.grad, mul(v.partials[k], v.grad))


class no_grad:
    def __enter__(self):
        self.prev = GRAD_ENABLED[0]
        GRAD_ENABLED[0] = False

    def __exit__(self, *a):
        GRAD_ENABLED[0] = self.prev


def central(f, point, h=1e-5):
    """NumericGradient.central: (f(x + h) - f(x - h)) / (2 h), point[i] +- h rounded to doubles."""
    h = c(h)
    two_h = mul(c(2.0), h)
    out = []
    for i in range(len(point)):
        p = list(point)
        p[i] = add(point[i], h)
        plus = f(p)
        p[i] = sub(point[i], h)
        minus = f(p)
        out.append(div(sub(plus, minus), two_h))
    return out


def forward_diff(f, point, h=1e-5):
    """NumericGradient.forward: (f(x + h) - f(x)) / h."""
    h = c(h)
    base = f(list(point))
    out = []
    for i in range(len(point)):
        p = list(point)
        p[i] = add(point[i], h)
        out.append(div(sub(f(p), base), h))
    return out


# ------------------------------------------------------------------------------------------------ cs231n-opt-bp

def quadratic(x):
    return x.pow(2.0).times(3.0).plus(x.times(6.0))


def quadratic_value(x):
    with no_grad():
        return quadratic(V.constant(x)).data


def quadratic_gradient(x0):
    x = V.variable(x0)
    quadratic(x).backward()
    return x.grad


def gd_iterate(x0, rate, steps):
    """x_{k+1} = x_k - rate * g(x_k), g the engine's gradient of 3x^2 + 6x, with a contraction-aware bound.

    The exact iteration is the affine map F(x) = x - lr (6x + 6), F' = 1 - 6 lr (lr the double nearest `rate`).
    With eps_k = |dlref's x_k - x_k|: eps_{k+1} <= (|1 - 6 lr| + 8u) eps_k + delta_k, where delta_k is the running
    error bound of one step (engine gradient, then x - lr g) evaluated at the exact iterate x_k with no input
    error: a step's roundings are bounded by about u (6 lr |x| + lr |6x + 6| + 6 lr |x| + |F(x)|), whose Lipschitz
    constant in x is about 2.2u <= 8u, so moving the input by eps_k changes the rounding bound by at most 8u eps_k."""
    lr = c(rate)
    contraction = abs(1 - 6 * lr.x) + 8 * U
    x = x0
    eps = ZERO_E
    for _ in range(steps):
        here = R(x.d, x.x, ZERO_E)
        step = sub(here, mul(lr, quadratic_gradient(here)))
        eps = contraction * eps + step.e
        x = R(step.d, step.x, eps)
    return x


def cs231n_scalar(out):
    p = "cs231n-opt-bp/"
    g = quadratic_gradient(c(2.0))
    out[p + "quadratic/gradient-at-2"] = ("scalar-engine", g)
    for rate, name in ((0.1, "0.1"), (0.01, "0.01"), (1.0, "1")):
        x1 = sub(c(2.0), mul(c(rate), g))
        out[p + "quadratic/step-lr-" + name] = ("double-formula", x1)
        out[p + "quadratic/loss-after-lr-" + name] = ("scalar-engine", quadratic_value(x1))
    out[p + "quadratic/converges-to-minimum"] = ("gradient-descent-iteration", gd_iterate(c(2.0), 0.1, 100))

    f = lambda q: quadratic_value(q[0])  # noqa: E731
    out[p + "numeric/forward-difference"] = ("forward-difference", forward_diff(f, [c(2.0)])[0])
    out[p + "numeric/central-difference"] = ("central-difference", central(f, [c(2.0)])[0])

    sample = [1.0, -2.0]
    weights = [[0.2, 0.1], [0.5, -0.3], [-0.4, -0.6]]
    correct = 1

    def wvars():
        return [[V.variable(v) for v in row] for row in weights]

    def score(row):
        return V.sum([row[d].times(sample[d]) for d in range(len(row))])

    w = wvars()
    cs = score(w[correct])
    hinges = [score(w[j]).minus(cs).plus(1.0).relu() for j in range(3) if j != correct]
    V.sum(hinges).backward()
    for j in range(3):
        for d in range(2):
            out[p + "svm/dL-dW%d-%d" % (j + 1, d + 1)] = ("scalar-engine", w[j][d].grad)

    w = wvars()
    exps = [score(row).exp() for row in w]
    norm = V.sum(exps)
    exps[correct].div(norm).log().neg().backward()
    for j in range(3):
        for d in range(2):
            out[p + "softmax/dL-dW%d-%d" % (j + 1, d + 1)] = ("scalar-engine", w[j][d].grad)

    x, y, z = V.variable(-2.0), V.variable(5.0), V.variable(-4.0)
    f = x.plus(y).times(z)
    f.backward()
    out[p + "product/f"] = ("scalar-engine", f.data)
    out[p + "product/df-dx"] = ("scalar-engine", x.grad)
    out[p + "product/df-dy"] = ("scalar-engine", y.grad)
    out[p + "product/df-dz"] = ("scalar-engine", z.grad)

    w = [V.variable(2.0), V.variable(-3.0), V.variable(-3.0)]
    xs = [V.variable(-1.0), V.variable(-2.0)]
    f = w[0].times(xs[0]).plus(w[1].times(xs[1])).plus(w[2]).sigmoid()
    f.backward()
    vals = {"f": f.data, "df-dx0": xs[0].grad, "df-dx1": xs[1].grad, "df-dw0": w[0].grad, "df-dw1": w[1].grad,
            "df-dw2": w[2].grad}
    for k, v in vals.items():
        out[p + "sigmoid-neuron/%s/closed-form" % k] = ("scalar-engine", v)
        out[p + "sigmoid-neuron/%s/course-value" % k] = ("scalar-engine", v)

    x, y, z, w = V.variable(3.0), V.variable(-4.0), V.variable(2.0), V.variable(-1.0)
    f = x.times(y).plus(z.max(w)).times(2.0)
    f.backward()
    out[p + "max-gate/f"] = ("scalar-engine", f.data)
    for n, v in (("x", x), ("y", y), ("z", z), ("w", w)):
        out[p + "max-gate/df-d" + n] = ("scalar-engine", v.grad)
    a, b = V.variable(1.5), V.variable(1.5)
    a.max(b).backward()
    out[p + "max-gate/tie-da"] = ("scalar-engine", a.grad)
    out[p + "max-gate/tie-db"] = ("scalar-engine", b.grad)
    out[p + "max-gate/tie-sum"] = ("double-formula", add(a.grad, b.grad))

    def diagonal(q):
        with no_grad():
            return V.constant(1.5).plus(V.constant(q[0])).max(V.constant(1.5).plus(V.constant(q[0]))).data
    out[p + "max-gate/tie-sum-numeric"] = ("central-difference", central(diagonal, [c(0.0)])[0])

    def ratio(x, y):
        g = x.plus(y)
        h = x.times(2.0).plus(y.times(3.0)).pow(-1.0)
        return g.times(h)
    x, y = V.variable(1.0), V.variable(2.0)
    ratio(x, y).backward()
    out[p + "ratio/df-dx"] = ("scalar-engine", x.grad)
    out[p + "ratio/df-dy"] = ("scalar-engine", y.grad)

    def fr(q):
        with no_grad():
            return ratio(V.constant(q[0]), V.constant(q[1])).data
    num = central(fr, [c(1.0), c(2.0)])
    out[p + "ratio/df-dx-numeric"] = ("central-difference", num[0])
    out[p + "ratio/df-dy-numeric"] = ("central-difference", num[1])


# ------------------------------------------------------------------------------------------------ dl-optimization

DLOPT_SETTINGS = [
    ("A", [1.0, 2.0], [0.0, 1.0], [0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8, 0.05, -0.05, 0.1, -0.1]),
    ("B", [-1.5, 0.5], [1.0, 0.0], [0.3, -0.8, -0.6, 0.9, -0.4, 0.2, 1.1, -0.7, 0.2, 0.1, -0.3, 0.25]),
    ("C", [0.7, -1.2], [0.25, 0.75], [1.0, -0.5, 0.3, -0.8, 0.9, 0.4, -1.2, 0.6, 0.1, 0.2, -0.2, 0.3]),
]


def dlopt_head(z, y):
    e = [z[0].exp(), z[1].exp()]
    s = e[0].plus(e[1])
    yhat = [e[0].div(s), e[1].div(s)]
    loss = yhat[0].log().times(y[0]).plus(yhat[1].log().times(y[1])).neg()
    return yhat, loss


def dlopt_forward(th, x, y, printed=False):
    u = [th[0].times(x[0]).plus(th[1].times(x[1])).plus(th[8]),
         th[2].times(x[0]).plus(th[3].times(x[1])).plus(th[9])]
    h = [u[0].relu(), u[1].relu()]
    srf = th[3] if printed else th[5]
    z = [th[4].times(h[0]).plus(th[6].times(h[1])).plus(th[10]),
         srf.times(h[0]).plus(th[7].times(h[1])).plus(th[11])]
    yhat, loss = dlopt_head(z, y)
    return u, h, z, yhat, loss


def dlopt_loss(theta, x, y):
    with no_grad():
        return dlopt_forward([V.constant(t) for t in theta], x, y)[4].data


def dlopt_softmax_entry(z, j):
    e0, e1 = exp(z[0]), exp(z[1])
    return div(e0 if j == 0 else e1, add(e0, e1))


def dl_optimization(out):
    p = "dl-optimization/"
    for name, x, y, theta in DLOPT_SETTINGS:
        th = [V.variable(t) for t in theta]
        u, h, z, yhat, loss = dlopt_forward(th, x, y)
        loss.backward()
        out[p + "dl-dw8/%s/engine" % name] = ("scalar-engine", th[7].grad)
        num = central(lambda q: dlopt_loss(q, x, y), [c(t) for t in theta])
        out[p + "dl-dw8/%s/numeric" % name] = ("central-difference", num[7])
        zd = [z[0].data, z[1].data]

        def loss_of_logits(q):
            with no_grad():
                return dlopt_head([V.constant(q[0]), V.constant(q[1])], y)[1].data
        numz = central(loss_of_logits, zd)
        for i in range(2):
            out[p + "dl-dz%d/%s/engine" % (i + 1, name)] = ("scalar-engine", z[i].grad)
            out[p + "dl-dz%d/%s/numeric" % (i + 1, name)] = ("central-difference", numz[i])
        for j in range(2):
            zl = [V.variable(zd[0]), V.variable(zd[1])]
            dlopt_head(zl, y)[0][j].backward()
            numj = central(lambda q, jj=j: dlopt_softmax_entry(q, jj), zd)
            for i in range(2):
                ident = p + "softmax-jacobian/%s/dy%d-dz%d" % (name, j + 1, i + 1)
                out[ident + "/engine"] = ("scalar-engine", zl[i].grad)
                out[ident + "/numeric"] = ("central-difference", numj[i])
    # corrections, setting A
    name, x, y, theta = DLOPT_SETTINGS[0]
    th = [V.variable(t) for t in theta]
    u, h, z, yhat, loss = dlopt_forward(th, x, y)
    loss.backward()
    literal = [V.variable(t) for t in theta]
    dlopt_forward(literal, x, y, True)[4].backward()
    out[p + "dl-dw6/A/engine"] = ("scalar-engine", th[5].grad)
    out[p + "dl-dz-derivation-line2/A"] = ("scalar-engine", z[1].grad)
    out[p + "dl-dz-derivation-line3/A"] = ("scalar-engine", z[1].grad)
    zl = [V.variable(z[0].data), V.variable(z[1].data)]
    dlopt_head(zl, y)[0][1].backward()
    out[p + "softmax-derivative-line1/A"] = ("scalar-engine", zl[0].grad)
    # full-batch GD step on w8
    theta0 = DLOPT_SETTINGS[0][3]
    th = [V.variable(t) for t in theta0]
    losses = [dlopt_forward(th, s[1], s[2])[4] for s in DLOPT_SETTINGS]
    V.sum(losses).div(3.0).backward()
    out[p + "gd-step/w8"] = ("double-formula", sub(c(theta0[7]), mul(c(0.1), th[7].grad)))


# ------------------------------------------------------------------------------------------------ bp-optimizers

BP_X = [0.5, -1.0]
BP_T = [1.0, 0.0]
W_MI = [[0.1, -0.2, 0.4], [0.3, 0.5, -0.6]]
W_IJ = [[0.7, -0.3], [-0.5, 0.2], [0.6, 0.8]]
W2 = [[0.1, 0.3], [-0.2, 0.5], [0.4, -0.6]]
B2 = [0.05, -0.1, 0.2]
W3 = [[0.7, -0.5, 0.6], [-0.3, 0.2, 0.8]]
B3 = [0.1, -0.2]


def three_layer_error(w):
    hidden = [w[i].times(BP_X[0]).plus(w[3 + i].times(BP_X[1])).sigmoid() for i in range(3)]
    squares = []
    for j in range(2):
        output = V.sum([w[6 + 2 * i + j].times(hidden[i]) for i in range(3)])
        squares.append(output.neg().plus(BP_T[j]).pow(2.0))
    return V.sum(squares).times(0.5)


def bp_optimizers(out):
    p = "bp-optimizers/"
    for z0, name in ((-2.0, "-2.0"), (0.5, "0.5"), (3.0, "3.0")):
        z = V.variable(z0)
        V.constant(1.0).div(z.neg().exp().plus(1.0)).backward()
        out[p + "sigmoid-derivative/z=" + name] = ("scalar-engine", z.grad)

    flat = W_MI[0] + W_MI[1] + W_IJ[0] + W_IJ[1] + W_IJ[2]
    w = [V.variable(v) for v in flat]
    three_layer_error(w).backward()
    for i in range(3):
        for j in range(2):
            out[p + "three-layer/de-dw_i%dj%d" % (i + 1, j + 1)] = ("scalar-engine", w[6 + 2 * i + j].grad)
    for m in range(2):
        for i in range(3):
            out[p + "three-layer/de-dw_m%di%d" % (m + 1, i + 1)] = ("scalar-engine", w[3 * m + i].grad)

    def err(q):
        with no_grad():
            return three_layer_error([V.constant(v) for v in q]).data
    fd = forward_diff(err, [c(v) for v in flat])
    out[p + "three-layer/forward-difference-evaluations"] = ("exact-dyadic", c(13.0))
    out[p + "three-layer/forward-difference-error"] = (
        "max-of-differences", rmax([rabs(sub(fd[k], w[k].grad)) for k in range(12)]))

    w2 = [[V.variable(v) for v in row] for row in W2]
    w3 = [[V.variable(v) for v in row] for row in W3]
    b2 = [V.variable(v) for v in B2]
    b3 = [V.variable(v) for v in B3]
    u2 = [w2[j][0].times(BP_X[0]).plus(w2[j][1].times(BP_X[1])).plus(b2[j]) for j in range(3)]
    v2 = [u.sigmoid() for u in u2]
    u3, squares = [], []
    for j in range(2):
        u3.append(w3[j][0].times(v2[0]).plus(w3[j][1].times(v2[1])).plus(w3[j][2].times(v2[2])).plus(b3[j]))
        squares.append(u3[j].sigmoid().neg().plus(BP_T[j]).pow(2.0))
    V.sum(squares).times(0.5).backward()
    for j in range(2):
        out[p + "bp1/delta3_%d" % (j + 1)] = ("scalar-engine", u3[j].grad)
    for j in range(3):
        out[p + "bp2/delta2_%d" % (j + 1)] = ("scalar-engine", u2[j].grad)
        out[p + "bp3/b2_%d" % (j + 1)] = ("scalar-engine", b2[j].grad)
    for j in range(2):
        out[p + "bp3/b3_%d" % (j + 1)] = ("scalar-engine", b3[j].grad)
    for j in range(3):
        for k in range(2):
            out[p + "bp4/w2_%d%d" % (j + 1, k + 1)] = ("scalar-engine", w2[j][k].grad)
    for j in range(2):
        for k in range(3):
            out[p + "bp4/w3_%d%d" % (j + 1, k + 1)] = ("scalar-engine", w3[j][k].grad)
    out[p + "bp4/matrix-form-entry-12"] = ("scalar-engine", w2[0][1].grad)

    def cross_entropy(a, y):
        ll = a.log().times(y).plus(a.neg().plus(1.0).log().times(1.0 - y))
        return ll.neg()
    for s, (logit, label) in enumerate(((0.4, 1.0), (-1.3, 0.0))):
        z = V.variable(logit)
        cross_entropy(z.sigmoid(), label).backward()
        out[p + "bce/dZ-sample%d" % (s + 1)] = ("scalar-engine", z.grad)
        # a = sigmoid(logit) by the closed form 1 / (1 + exp(-u)) in doubles, then the engine's dL/dA
        zl = c(logit)
        a = div(c(1.0), add(c(1.0), exp(neg(zl))))
        al = V.variable(a)
        cross_entropy(al, label).backward()
        out[p + "bce/dA-sample%d" % (s + 1)] = ("scalar-engine", al.grad)

    beta = c(0.9)
    v = c(0.0)
    for _ in range(3):
        v = add(mul(beta, v), mul(sub(c(1.0), beta), c(5.0)))
    out[p + "ewa/v3"] = ("optimizer-formula", v)
    out[p + "ewa/v3-corrected"] = ("optimizer-formula", div(v, sub(c(1.0), pow_(beta, 3.0))))
    # RMSProp.update: s = s * rho + ((1 - rho) g) g; den = sqrt(s) + eps; theta + ((-lr) g) / den
    rho, gk = c(0.9), c(0.0)
    sq = add(mul(c(0.0), rho), mul(mul(sub(c(1.0), rho), gk), gk))
    den = add(sqrt(sq), c(1e-8))
    out[p + "rmsprop/zero-gradient-step"] = ("optimizer-formula", add(c(0.5), div(mul(neg(c(0.01)), gk), den)))
    # Adam: v = v * beta2 + ((1 - beta2) * g) * g from v = 0
    b2v = c(0.999)
    g = c(0.5)
    out[p + "adam/second-moment-db"] = ("optimizer-formula",
                                        add(mul(c(0.0), b2v), mul(mul(sub(c(1.0), b2v), g), g)))
    # InverseTimeDecay: initial / (1 + decayRate * (step / decaySteps))
    for epoch in (0, 1):
        out[p + "lr-decay/epoch-%d" % epoch] = (
            "optimizer-formula", div(c(0.2), add(c(1.0), mul(c(1.0), div(c(float(epoch)), c(1.0))))))


# ------------------------------------------------------------------------------------------------ micrograd

def micrograd(out):
    p = "micrograd/"
    x = V.variable(-4.0)
    z = x.times(2.0).plus(2.0).plus(x)
    q = z.relu().plus(z.times(x))
    h = z.times(z).relu()
    y = h.plus(q).plus(q.times(x))
    y.backward()
    out[p + "sanity-check/y"] = ("scalar-engine", y.data)
    out[p + "sanity-check/dy-dx"] = ("scalar-engine", x.grad)
    a, b = V.variable(-4.0), V.variable(2.0)
    cc = a.plus(b)
    d = a.times(b).plus(b.pow(3.0))
    cc = cc.plus(cc.plus(1.0))
    cc = cc.plus(V.constant(1.0).plus(cc).plus(a.neg()))
    d = d.plus(d.times(2.0).plus(b.plus(a).relu()))
    d = d.plus(V.constant(3.0).times(d).plus(b.minus(a).relu()))
    e = cc.minus(d)
    f = e.pow(2.0)
    g = f.div(2.0)
    g = g.plus(V.constant(10.0).div(f))
    g.backward()
    for k, v in (("g", g.data), ("dg-da", a.grad), ("dg-db", b.grad)):
        out[p + "more-ops/%s/pytorch" % k] = ("scalar-engine", v)
        out[p + "more-ops/%s/readme" % k] = ("scalar-engine", v)



# ------------------------------------------------------------------------------------------------ nn (matrix engine)
# Matrices are lists of rows of R numbers. Products are dlref's ProductKernels (EJML): each entry the ascending-k
# sum of products; sumRows/sumCols/sum ascending; elementwise maps as in the ops' forward and backward methods.

def mconst(rows):
    return [[c(v) for v in row] for row in rows]


def dot(a, b):
    s = None
    for ai, bi in zip(a, b):
        t = mul(ai, bi)
        s = t if s is None else add(s, t)
    return s


def col(m, j):
    return [row[j] for row in m]


def times_transpose(a, b):
    """a b^T."""
    return [[dot(ra, rb) for rb in b] for ra in a]


def transpose_times(a, b):
    """a^T b."""
    return [[dot(col(a, i), col(b, j)) for j in range(len(b[0]))] for i in range(len(a[0]))]


def matmul(a, b):
    return [[dot(ra, col(b, j)) for j in range(len(b[0]))] for ra in a]


def sum_cols(m):
    out = [c(0.0) for _ in m[0]]
    for row in m:
        out = [add(o, v) for o, v in zip(out, row)]
    return [out]


def sum_rows(m):
    out = []
    for row in m:
        s = c(0.0)
        for v in row:
            s = add(s, v)
        out.append([s])
    return out


def msum(m):
    s = c(0.0)
    for row in m:
        for v in row:
            s = add(s, v)
    return s


def logistic(a):
    """autograd/ops/Sigmoid.logistic (the same branches as Value.sigmoid)."""
    if a.d >= 0:
        decide("logistic branch", True, a.x >= 0, a.x, a.e)
        return div(c(1.0), add(c(1.0), exp(neg(a))))
    decide("logistic branch", False, a.x >= 0, a.x, a.e)
    e = exp(a)
    return div(e, add(c(1.0), e))


def relu_mask(a, where):
    return decide(where, a.d > 0, a.x > 0, a.x, a.e, a.lm)


def bp_vectorized(out):
    p = "bp-optimizers/vectorized/"
    xT = mconst([[0.5, -0.3], [-1.0, 0.8], [1.5, 0.4], [0.2, -1.2]])  # X^T, m x n0
    yT = [1.0, 0.0, 1.0, 0.0]
    W1 = mconst([[0.4, -0.7], [0.9, 0.3], [-0.5, 0.6]])
    b1 = [c(0.1), c(-0.2), c(0.05)]
    W2 = mconst([[1.2, -0.8, 0.5]])
    b2 = [c(-0.1)]
    m = 4
    z1 = [[add(v, b1[j]) for j, v in enumerate(row)] for row in times_transpose(xT, W1)]
    a1 = [[tanh(v) for v in row] for row in z1]
    logits = [[add(v, b2[j]) for j, v in enumerate(row)] for row in times_transpose(a1, W2)]
    prob = [[logistic(v) for v in row] for row in logits]
    # backward: Mean (1 / (rows * cols)), BinaryCrossEntropy (p - y) / max(p (1 - p), 1e-12f), Sigmoid g y (1 - y)
    gmean = div(c(1.0), c(float(m)))
    glogits = []
    for i in range(m):
        pr = prob[i][0]
        den = mul(pr, sub(c(1.0), pr))
        if not (den.d >= struct.unpack("<f", struct.pack("<f", 1e-12))[0]):
            raise SystemExit("BCE gradient clamp active")
        local = div(sub(pr, c(yT[i])), den)
        g = mul(gmean, local)
        glogits.append([mul(mul(g, pr), sub(c(1.0), pr))])
    for i in range(m):
        out[p + "dZ2-1-%d" % (i + 1)] = ("nn-autograd", mul(glogits[i][0], c(float(m))))
    gW2 = transpose_times(glogits, a1)  # 1 x 3
    gb2 = sum_cols(glogits)
    for j in range(3):
        out[p + "dW2-1-%d" % (j + 1)] = ("nn-autograd", gW2[0][j])
    out[p + "db2-1-1"] = ("nn-autograd", gb2[0][0])
    ga1 = matmul(glogits, W2)  # m x 3
    gz1 = [[mul(ga1[i][j], sub(c(1.0), mul(a1[i][j], a1[i][j]))) for j in range(3)] for i in range(m)]
    gW1 = transpose_times(gz1, xT)  # 3 x 2
    gb1 = sum_cols(gz1)
    for i in range(3):
        for j in range(2):
            out[p + "dW1-%d-%d" % (i + 1, j + 1)] = ("nn-autograd", gW1[i][j])
        out[p + "db1-%d-1" % (i + 1)] = ("nn-autograd", gb1[0][i])


def dl_basics_two_layer(out):
    p = "dl-basics/two-layer/"
    x = mconst([[0.8, -0.5]])
    y = [c(0.3), c(-0.6)]
    W1 = mconst([[0.5, -1.1], [0.7, 0.2], [-0.4, 0.9]])
    W2 = mconst([[0.6, -0.3, 0.8], [-0.9, 0.4, 0.1]])
    lam = c(0.1)
    half_lam = div(lam, c(2.0))
    z = times_transpose(x, W1)  # 1 x 3
    h = [[logistic(v) for v in z[0]]]
    o = times_transpose(h, W2)  # 1 x 2
    err = [sub(o[0][j], y[j]) for j in range(2)]
    sq = [mul(e, e) for e in err]  # pow(2) = x * x
    loss = mul(msum(sum_rows([sq])), c(0.5))  # sumRows, times(0.5), then Sum (SUM reduction) of the 1 x 1
    pen = add(mul(_fro2(W1), half_lam), mul(_fro2(W2), half_lam))  # L2Penalty: sum of ||W||_F^2 * (lambda / 2)
    out[p + "J"] = ("nn-autograd", add(loss, pen))
    # backward
    go = [mul(mul(c(0.5), c(2.0)), e) for e in err]  # (g p) x^(p-1): g = 0.5 from times(0.5), p = 2
    two_g = mul(c(2.0), half_lam)
    gW2 = [[add(mul(go[j], h[0][k]), mul(two_g, W2[j][k])) for k in range(3)] for j in range(2)]
    for j in range(2):
        for k in range(3):
            out[p + "dJ-dW2-%d-%d" % (j + 1, k + 1)] = ("nn-autograd", gW2[j][k])
    gh = matmul([go], W2)[0]
    gz = [mul(mul(gh[k], h[0][k]), sub(c(1.0), h[0][k])) for k in range(3)]
    for k in range(3):
        out[p + "dJ-dz-%d" % (k + 1)] = ("nn-autograd", gz[k])
    for i in range(3):
        for j in range(2):
            out[p + "dJ-dW1-%d-%d" % (i + 1, j + 1)] = ("nn-autograd",
                                                          add(mul(gz[i], x[0][j]), mul(two_g, W1[i][j])))


def _fro2(m):
    s = c(0.0)
    for row in m:
        for v in row:
            s = add(s, mul(v, v))
    return s


def cs231n_matrix(out):
    p = "cs231n-opt-bp/matrix/"
    X = mconst([[1.0, -2.0, 0.5], [0.3, 0.8, -1.5], [-1.2, 0.4, 2.0]])
    W = mconst([[0.2, -0.5, 0.1], [1.5, 1.3, 2.1], [0.0, 0.25, 0.2]])
    classes = [0, 2, 1]
    n, k = 3, 3
    onehot = [[1.0 if j == classes[i] else 0.0 for j in range(k)] for i in range(n)]
    scores = times_transpose(X, W)
    gmean = div(c(1.0), c(float(n)))  # Mean: gradOutput / (rows * cols), 3 x 1

    # multiclass hinge: relu(s - s_r + 1) * wrong, sumRows, mean
    correct = sum_rows([[mul(scores[i][j], c(onehot[i][j])) for j in range(k)] for i in range(n)])
    gS = [[None] * k for _ in range(n)]
    for i in range(n):
        gcol = c(0.0)
        for j in range(k):
            margin = add(sub(scores[i][j], correct[i][0]), c(1.0))
            active = relu_mask(margin, "hinge margin")
            g = mul(gmean, c(1.0 - onehot[i][j]))  # times(wrong) backward
            g = g if active else c(0.0)
            gS[i][j] = g
            gcol = add(gcol, mul(neg(g), c(1.0)))  # Broadcast.columns = column matmul ones(1, k)
        for j in range(k):
            gS[i][j] = add(gS[i][j], mul(gcol, c(onehot[i][j])))
    gW = transpose_times(gS, X)
    for j in range(k):
        for d in range(3):
            out[p + "svm-dW-%d-%d" % (j + 1, d + 1)] = ("nn-autograd", gW[j][d])

    # softmax: -(logSoftmax(s) * onehot).sumRows(), mean
    gS = []
    for i in range(n):
        row = scores[i]
        mx = row[0]
        for v in row[1:]:
            mx = v if v.d > mx.d else mx  # Math.max; log-softmax is exact whichever shift is used
        sh = [sub(v, mx) for v in row]
        se = c(0.0)
        for v in sh:
            se = add(se, exp(v))
        lse = log(se)
        logp = [sub(v, lse) for v in sh]
        prob = [exp(v) for v in logp]
        gout = [mul(neg(gmean), c(onehot[i][j])) for j in range(k)]
        rs = c(0.0)
        for v in gout:
            rs = add(rs, v)
        gS.append([sub(gout[j], mul(prob[j], rs)) for j in range(k)])
    gW = transpose_times(gS, X)
    for j in range(k):
        for d in range(3):
            out[p + "softmax-dW-%d-%d" % (j + 1, d + 1)] = ("nn-autograd", gW[j][d])


# ------------------------------------------------------------------------------------------------ drawn inputs
# The inputs of the last seven examples are drawn by dlref's Rng (java.util.Random's algorithm). The project's
# Python client kit transcribes it bit for bit, nextGaussian's StrictMath.log included
# (clients/python/dlref_client/javarandom.py, imported here); `check_kit_draws` compares its normal draws with
# vectors/initializers.json, and the drawn deltas below with the examples' `expected` (dlref's ||delta||^2).

def kit_random(seed):
    return JavaRandom(seed)


def drawn_gaussian(rng, rows, cols, mean, std):
    """Rng.gaussian(rows, cols, mean, std): mean + std * nextGaussian(), row-major (Matrix.build)."""
    return [[mean + std * rng.next_gaussian() for _ in range(cols)] for _ in range(rows)]


def check_kit_draws(vectors_examples):
    """The kit's draws against dlref's doubles: every normal, xavier_normal and kaiming_normal matrix of
    vectors/initializers.json, and ||delta||^2 of the orthogonal examples (their `expected`, dlref's
    delta.frobeniusNormSquared(), row-major sum of squares) bit for bit. Returns the number of draws compared."""
    inits = certlib.load_vectors("initializers")
    n = 0
    for e in inits["vectors"]:
        spec = e.get("init", {})
        typ = spec.get("type")
        if typ not in ("normal", "xavier_normal", "kaiming_normal"):
            continue
        rows, cols = e["rows"], e["cols"]
        if typ == "normal":
            mean, std = spec["mean"], spec["std"]
        elif typ == "xavier_normal":
            mean, std = 0.0, spec.get("gain", 1.0) * math.sqrt(2.0 / (rows + cols))
        else:
            if spec.get("nonlinearity") != "relu":
                raise SystemExit("check_kit_draws: kaiming_normal spec %r not handled" % spec)
            fan = rows if spec.get("mode") == "fan_out" else cols
            mean, std = 0.0, math.sqrt(2.0) / math.sqrt(fan)
        drawn = drawn_gaussian(kit_random(e["seed"]), rows, cols, mean, std)
        if drawn != e["values"]:
            raise SystemExit("the kit's JavaRandom differs from dlref's draws (%s)" % spec)
        n += rows * cols
    by_id = {e["id"]: e for e in vectors_examples["vectors"]}
    for seed, width, ident in ORTHO_DELTAS:
        delta = drawn_gaussian(kit_random(seed), 1, width, 0.0, 1.0)[0]
        s = 0.0
        for v in delta:
            s += v * v
        if struct.pack("<d", s) != struct.pack("<d", float(by_id[ident]["expected"])):
            raise SystemExit("%s: the kit's delta gives ||delta||^2 = %r, dlref %r" % (ident, s,
                                                                                   by_id[ident]["expected"]))
        n += width
    return n


# ------------------------------------------------------------------------------------------------ dl-basics orthogonal
# W = Orthogonal().initialize(rows, cols, rng): the Gaussian draws A (transposed when wide), EJML's Householder QR,
# Q's columns negated where R's diagonal is negative (exact), transposed back. EJML's rounded Q is not reproduced
# here; the certified exact value is the quantity for the exact orthogonal factor, for which it is independent of
# that factor: W W^T = I exactly, and ||delta W||^2 = ||delta||^2 for W with orthonormal rows (a 1-layer wide W) or
# for a product of square orthogonal W's. The bound combines Householder QR's loss of orthogonality (Higham,
# Accuracy and Stability of Numerical Algorithms, 2nd ed., eq. (19.13) after Theorem 19.4: the computed thin Q is
# Q1 + dQ, Q1 with exactly orthonormal columns, ||dQ||_F <= eta = sqrt(n) gamma~_mn, gamma~_k = c k u / (1 - c k u),
# c = 8 as in scripts/certify/initializers.py) with the roundings of the products and of the sum of squares
# (gamma_k = k u / (1 - k u) for a dot product of length k).

ORTHO_DELTAS = [(1, 3, "dl-basics/orthogonal/norm-preservation-1"), (2, 3, "dl-basics/orthogonal/norm-preservation-2"),
                (3, 3, "dl-basics/orthogonal/norm-preservation-3"),
                (8, 4, "dl-basics/orthogonal/norm-preservation-depth-6")]
HOUSEHOLDER_C = 8


def gamma(k):
    return k * U / (1 - k * U)


def gamma_tilde(k):
    return HOUSEHOLDER_C * k * U / (1 - HOUSEHOLDER_C * k * U)


def not_emulated(x, bound):
    """An R whose double is not emulated here (EJML's QR is not reproduced): d is NaN, no libm flag."""
    return R(float("nan"), x, bound)


def orthogonal_bounds():
    """The three bounds of the family orthogonal-householder, as functions of ||delta||^2 (exact)."""
    # wide 3 x 5 W = Q^T, Q the computed thin Q of the 5 x 3 A: m = 5, n = 3
    eta = mpmath.sqrt(3) * gamma_tilde(5 * 3)
    identity = 2 * eta + eta ** 2 + gamma(5) * (1 + eta) ** 2
    g3 = gamma(3)
    fro = mpmath.sqrt(3) + eta  # ||W||_F <= ||Q1||_F + ||dQ||_F
    one_layer = (2 * eta + eta ** 2) + 2 * (1 + eta) * g3 * fro + (g3 * fro) ** 2 \
        + gamma(5) * ((1 + eta) + g3 * fro) ** 2
    # six square 4 x 4 W = Q: m = n = 4
    eta4 = 2 * gamma_tilde(16)
    rho = eta4 + gamma(4) * (2 + eta4)  # per layer: ||fl(g W)|| / ||g|| in [1 - rho, 1 + rho]
    depth6 = ((1 + rho) ** 12 - 1) + gamma(4) * (1 + rho) ** 12
    return identity, one_layer, depth6


def exact_thin_q(A):
    """The exact thin Q of A (m x n, m >= n) with R's diagonal positive (dlref's sign convention): modified
    Gram-Schmidt in 60 digits. Used by the spot checks only (the certified values do not depend on it)."""
    m, n = len(A), len(A[0])
    Q = [[mpf(A[i][j]) for j in range(n)] for i in range(m)]
    for j in range(n):
        for i in range(j):
            r = mpmath.fsum(Q[k][i] * Q[k][j] for k in range(m))
            for k in range(m):
                Q[k][j] -= r * Q[k][i]
        nrm = mpmath.sqrt(mpmath.fsum(Q[k][j] ** 2 for k in range(m)))
        for k in range(m):
            Q[k][j] /= nrm
    return Q


def orthogonal_draws():
    """The drawn matrices: W's Gaussian draws for Rng(2024) (3 x 5) and the six 4 x 4 of Rng(7), in draw order."""
    wide = drawn_gaussian(kit_random(2024), 3, 5, 0.0, 1.0)
    rng = kit_random(7)
    squares = [drawn_gaussian(rng, 4, 4, 0.0, 1.0) for _ in range(6)]
    return wide, squares


def dl_basics_orthogonal(out):
    p = "dl-basics/orthogonal/"
    identity, one_layer, depth6 = orthogonal_bounds()
    out[p + "W-Wt-identity"] = ("orthogonal-householder", not_emulated(mpf(0), identity))
    for seed, width, ident in ORTHO_DELTAS:
        delta = drawn_gaussian(kit_random(seed), 1, width, 0.0, 1.0)[0]
        sq = mpmath.fsum(mpf(v) ** 2 for v in delta)  # exact: 3 or 4 squares of doubles, 60 digits suffice
        out[ident] = ("orthogonal-householder", not_emulated(sq, (depth6 if width == 4 else one_layer) * sq))


def orthogonal_spot_checks():
    """The certified exact values against the quantities for the exact orthogonal factors of the drawn matrices
    (exact thin QR, dlref's sign convention): max |W W^T - I| and ||delta W||^2, ||delta W6 ... W1||^2 in 60 digits.
    Returns the largest difference."""
    wide, squares = orthogonal_draws()
    Q = exact_thin_q([list(col) for col in zip(*wide)])  # 5 x 3
    W = [list(col) for col in zip(*Q)]  # 3 x 5
    worst = max(abs(mpmath.fsum(W[i][k] * W[j][k] for k in range(5)) - (1 if i == j else 0))
                for i in range(3) for j in range(3))
    for seed, width, ident in ORTHO_DELTAS:
        delta = [mpf(v) for v in drawn_gaussian(kit_random(seed), 1, width, 0.0, 1.0)[0]]
        sq = mpmath.fsum(v ** 2 for v in delta)
        if width == 3:
            g = [mpmath.fsum(delta[i] * W[i][j] for i in range(3)) for j in range(5)]
        else:
            g = delta
            for A in reversed(squares):  # backward through layers 6, 5, ..., 1: g <- g W_l
                Ql = exact_thin_q(A)
                g = [mpmath.fsum(g[i] * Ql[i][j] for i in range(4)) for j in range(4)]
        worst = max(worst, abs(mpmath.fsum(v ** 2 for v in g) - sq) / sq)
    if worst > mpf(10) ** -45:
        raise SystemExit("orthogonal spot check failed: %s" % mpmath.nstr(worst, 5))
    return worst


# ------------------------------------------------------------------------------------------------ vanishing gradients
# NnExamples.vanishingRatio: 10 blocks Linear(8, 8, zero bias) - Sigmoid (Xavier normal) or - ReLU (Kaiming normal,
# fan-in, gain sqrt 2), a Linear(8, 1) output (Xavier normal), MSELoss (mean) on x (16 x 8, Rng(32)) and y (16 x 1,
# Rng(33)); the weights drawn block by block from Rng(31); the ratio ||dJ/dW^(1)||_F / ||dJ/dW^(10)||_F by autograd.

VANISH_LAYERS = 10
VANISH_WIDTH = 8
VANISH_BATCH = 16


def vanishing_ratio(relu):
    rng = kit_random(31)
    weights = []
    for _ in range(VANISH_LAYERS):
        if relu:  # KaimingNormal.relu().std(8, 8) = Math.sqrt(2.0) / Math.sqrt(8)
            std = math.sqrt(2.0) / math.sqrt(VANISH_WIDTH)
        else:  # XavierNormal().std(8, 8) = 1.0 * Math.sqrt(2.0 / (8 + 8))
            std = 1.0 * math.sqrt(2.0 / (VANISH_WIDTH + VANISH_WIDTH))
        weights.append(mconst(drawn_gaussian(rng, VANISH_WIDTH, VANISH_WIDTH, 0.0, std)))
    w_out = mconst(drawn_gaussian(rng, 1, VANISH_WIDTH, 0.0, 1.0 * math.sqrt(2.0 / (VANISH_WIDTH + 1))))
    x = mconst(drawn_gaussian(kit_random(32), VANISH_BATCH, VANISH_WIDTH, 0.0, 1.0))
    y = mconst(drawn_gaussian(kit_random(33), VANISH_BATCH, 1, 0.0, 1.0))
    zero = c(0.0)
    acts = [x]
    outs = []  # the activation's output (sigmoid) or its input (relu), per block
    for l in range(VANISH_LAYERS):
        z = [[add(v, zero) for v in row] for row in times_transpose(acts[-1], weights[l])]  # plusRow(zeros)
        if relu:
            a = [[v if relu_mask(v, "relu (vanishing gradients)") else c(0.0) for v in row] for row in z]
            outs.append(z)
        else:
            a = [[logistic(v) for v in row] for row in z]
            outs.append(a)
        acts.append(a)
    yhat = [[add(v, zero) for v in row] for row in times_transpose(acts[-1], w_out)]
    # MSELoss: (yhat - y)^2, Mean. Backward: Mean gives 1.0 / (16 * 1) = 0.0625, Pow(2) g * 2 * pow(x, 1) = 0.125 x
    # (pow(x, 1.0) = x in fdlibm; 0.0625 * 2 and the product by 0.125 are exact), Subtract passes it through
    err = [[sub(yhat[i][0], y[i][0])] for i in range(VANISH_BATCH)]
    grad = [[mul(mul(c(1.0 / VANISH_BATCH), c(2.0)), e) for e in row] for row in err]
    grad = matmul(grad, w_out)  # TimesTranspose backward to the last block's activation: gradOutput W
    grads_w = [None] * VANISH_LAYERS
    for l in range(VANISH_LAYERS - 1, -1, -1):
        if relu:  # Relu backward: g where the input > 0 (the same decisions as forward)
            dz = [[g if zv.d > 0 else c(0.0) for g, zv in zip(grow, zrow)] for grow, zrow in zip(grad, outs[l])]
        else:  # Sigmoid backward: g * y * (1.0 - y)
            dz = [[mul(mul(g, yv), sub(c(1.0), yv)) for g, yv in zip(grow, yrow)] for grow, yrow in zip(grad, outs[l])]
        grads_w[l] = transpose_times(dz, acts[l])  # gradOutput^T A, 8 x 8, 16 terms
        if l > 0:
            grad = matmul(dz, weights[l])  # the input x is a constant: no gradient for it
    norms = [sqrt(_fro2(grads_w[0])), sqrt(_fro2(grads_w[VANISH_LAYERS - 1]))]  # Math.sqrt(row-major sum of squares)
    return div(norms[0], norms[1])


def vanishing_ratio_by_recursion(relu):
    """A second formulation of the exact ratio (spot check): the documents' recursion written with mpmath matrices,
    as NnExamples.vanishingRatioByRecursion writes it: D = 2 (Yhat - Y) / 16, dZ^(l) = (D W^(l+1)) (.) phi'(Z^(l)),
    dW^(l) = dZ^(l)^T A^(l-1), with the sigmoid's derivative y (1 - y) and the exact logistic 1 / (1 + e^-z)."""
    rng = kit_random(31)
    std = math.sqrt(2.0) / math.sqrt(VANISH_WIDTH) if relu else math.sqrt(2.0 / (2 * VANISH_WIDTH))
    ws = [mpmath.matrix(drawn_gaussian(rng, VANISH_WIDTH, VANISH_WIDTH, 0.0, std)) for _ in range(VANISH_LAYERS)]
    ws.append(mpmath.matrix(drawn_gaussian(rng, 1, VANISH_WIDTH, 0.0, math.sqrt(2.0 / (VANISH_WIDTH + 1)))))
    x = mpmath.matrix(drawn_gaussian(kit_random(32), VANISH_BATCH, VANISH_WIDTH, 0.0, 1.0))
    y = mpmath.matrix(drawn_gaussian(kit_random(33), VANISH_BATCH, 1, 0.0, 1.0))
    act = (lambda t: t if t > 0 else mpf(0)) if relu else (lambda t: 1 / (1 + mpmath.exp(-t)))
    a, zs = [x], []
    for l in range(VANISH_LAYERS):
        z = a[-1] * ws[l].T
        zs.append(z)
        a.append(z.apply(act))
    d = (a[-1] * ws[-1].T - y) * (mpf(2) / VANISH_BATCH)
    dws = [None] * VANISH_LAYERS
    for l in range(VANISH_LAYERS - 1, -1, -1):
        prime = zs[l].apply(lambda t: mpf(1) if t > 0 else mpf(0)) if relu else a[l + 1].apply(lambda t: t * (1 - t))
        dz = d * ws[l + 1]
        dz = mpmath.matrix([[dz[i, j] * prime[i, j] for j in range(dz.cols)] for i in range(dz.rows)])
        dws[l] = dz.T * a[l]
        d = dz
    return mpmath.mnorm(dws[0], "f") / mpmath.mnorm(dws[VANISH_LAYERS - 1], "f")


def vanishing_gradients(out):
    p = "param-optimization/vanishing-gradients/"
    out[p + "sigmoid-ratio"] = ("nn-autograd-drawn", vanishing_ratio(False))
    out[p + "relu-ratio"] = ("nn-autograd-drawn", vanishing_ratio(True))


# ------------------------------------------------------------------------------------------------ certificate

FAMILIES = {
    "exact-dyadic": {
        "description": "every operation of the example is exact in binary (small integers, dyadic fractions, sums "
                       "of exactly representable terms; products by powers of 2; counts), so dlref's double is the "
                       "exact value: 0 ULP",
        "ulps": 0, "scaled": None, "scale": None, "order": None},
    "scalar-engine": {
        "description": "a value or gradient of dlref's scalar engine (Value: +, *, pow, exp, log, sigmoid, relu, max; "
                       "backward accumulates partial * upstream into each input, depth-first post-order reversed). "
                       "Bound: the running error bound of the graph (module docstring of the script): each correctly "
                       "rounded operation adds u (|result| + propagated), each StrictMath exp/log/general pow 2u "
                       "(|result| + propagated) (1 ulp), errors propagate through the exact derivative over the "
                       "operand's error interval; operations on exact inputs add |round(x) - x| exactly. Leaves "
                       "made from computed doubles (the logits z of dl-optimization's Jacobian, the closed-form "
                       "A of bp-optimizers' dA) are taken exactly from the spec's inputs, their error carried",
        "ulps": 0, "scaled": 1,
        "scale": "the running error bound e of the value's own graph divided by u = 2^-53 (terms = 1): "
                 "|dlref - exact| <= e",
        "order": None},
    "double-formula": {
        "description": "a formula evaluated in plain doubles on engine results (x - lr * gradient after one step, "
                       "the sum of two gradients, w8 - eta * gradient); bound: the running error bound of its graph "
                       "as for scalar-engine. In gd-step/w8, setting A's parameters on setting B's input give the "
                       "hidden pre-activation u1 = 0.1 (-1.5) + 0.2 (0.5) + 0.05 = 0 exactly (the doubles: 0.2 = "
                       "2 * 0.1 and 0.05 = 0.1 / 2 exactly); dlref computes -1.3877787807814457e-17 (only correctly "
                       "rounded operations, so that double is certain), an inactive ReLU, and the exact decision at "
                       "0 is inactive too under dlref's convention relu(0) = 0, relu'(0) = 0",
        "ulps": 0, "scaled": 1,
        "scale": "the running error bound e of the formula's graph divided by u (terms = 1)",
        "order": None},
    "gradient-descent-iteration": {
        "description": "x after 100 steps x - lr * dy/dx of y = 3x^2 + 6x from x = 2, lr = 0.1 (the double), the "
                       "gradient by the scalar engine; exact: the same iteration in exact arithmetic, x_100 = "
                       "-1 + 3 (1 - 6 lr)^100. Bound: the exact map contracts by |1 - 6 lr| = 0.4, so "
                       "eps_{k+1} <= (|1 - 6 lr| + 8u) eps_k + delta_k, delta_k the running error bound of one step at "
                       "the exact iterate (8u bounds how much a step's rounding bound moves per unit change of the "
                       "iterate); this sums to about 2.5 max delta_k",
        "ulps": 0, "scaled": 1,
        "scale": "eps_100 / u (terms = 1), eps_100 the contraction-aware bound of the iteration",
        "order": None},
    "central-difference": {
        "description": "NumericGradient.central (f(x + h) - f(x - h)) / (2h), h = 1e-5 (the double nearest): the "
                       "certified exact value is the same difference quotient in exact arithmetic (x + h exact, f "
                       "exact), not the derivative (the truncation error against the derivative is in the entry's "
                       "comparison); where the point is itself a computed value (dl-optimization's logits z, the "
                       "point of dl/dz and of the softmax Jacobian), the exact value is taken at the exact point "
                       "(the whole chain from the spec's doubles is exact) and the bound carries the point's error. Bound: the rounding of x +- h (u |x +- h|, through f's derivative) and of "
                       "f(x +- h) (running bound of f's graph, about c u |f|) add, the subtraction adds u, and the "
                       "division by 2h (exact: 2h is a double) magnifies all of it by 1/(2h), plus u for the division",
        "ulps": 0, "scaled": 1,
        "scale": "the running error bound e of the quotient's graph divided by u (terms = 1); e is about "
                 "(e(f(x + h)) + e(f(x - h))) / (2h), i.e. a few u |f| / h",
        "order": None},
    "forward-difference": {
        "description": "NumericGradient.forward (f(x + h) - f(x)) / h, h = 1e-5: certified against the same "
                       "quotient in exact arithmetic; bound as for central-difference with 1/h",
        "ulps": 0, "scaled": 1,
        "scale": "the running error bound e of the quotient's graph divided by u (terms = 1), about "
                 "(e(f(x + h)) + e(f(x))) / h",
        "order": None},
    "max-of-differences": {
        "description": "max over k of |forward difference_k - engine gradient_k| (bp-optimizers three-layer, "
                       "h = 1e-5): the exact value is the same maximum of the exact quotients and exact gradients; "
                       "|max_k a~_k - max_k a_k| <= max_k e_k whatever the argmax, and each e_k is the running bound "
                       "of the quotient plus the gradient plus the subtraction's rounding",
        "ulps": 0, "scaled": 1,
        "scale": "max over the 12 weights of the running error bound of |forward difference - gradient|, divided "
                 "by u (terms = 1)",
        "order": None},
    "nn-autograd": {
        "description": "a value or gradient of dlref's matrix engine through nn's layers and losses (Linear: "
                       "x W^T + b; Tanh (Math.tanh, 2.5 ulps: 5u); Sigmoid (the logistic's two branches); BCELoss, "
                       "SumOfSquaresLoss, L2Penalty, MulticlassHingeLoss, SoftmaxLoss (log-softmax with the row "
                       "maximum subtracted); Mean = sum / count), forward and each op's backward formula; products "
                       "are ascending-k sums. Bound: the running error bound of that graph, as for scalar-engine "
                       "(each product term u, each addition u, each libm call 2u relative, propagated)",
        "ulps": 0, "scaled": 1,
        "scale": "the running error bound e of the value's graph divided by u (terms = 1)",
        "order": None},
    "optimizer-formula": {
        "description": "a scalar instance of an optim formula in dlref's order (exponentially weighted average "
                       "beta v + (1 - beta) theta and its correction v / (1 - StrictMath.pow(beta, t)); Adam's "
                       "v beta2 + ((1 - beta2) g) g; InverseTimeDecay alpha0 / (1 + rate (step / steps))); the exact "
                       "value is the documented formula on the double hyper-parameters; RMSProp's step theta + ((-lr) g) / (sqrt(s) + eps), "
                       "s = s rho + ((1 - rho) g) g; bound: running error bound",
        "ulps": 0, "scaled": 1,
        "scale": "the running error bound e of the formula's graph divided by u (terms = 1)",
        "order": None},
    "orthogonal-householder": {
        "description": "a quantity of dlref's Orthogonal initializer (nn/init/Orthogonal: Gaussian draws of Rng, "
                       "reproduced bit for bit by the client kit's JavaRandom, transposed when wide, EJML's "
                       "Householder QR, Q's columns negated where R's diagonal is negative, transposed back). W "
                       "itself is EJML's rounded Q and is not reproduced here: the certified exact value is the "
                       "quantity for the exact orthogonal factor of the drawn matrix (exact thin QR, dlref's sign "
                       "convention), which does not depend on that factor: max |W W^T - I| = 0, and ||delta W||^2 "
                       "(one wide 3 x 5 layer) or ||delta W6 ... W1||^2 (six square 4 x 4 layers) = ||delta||^2, "
                       "the exact sum of squares of the drawn delta. Bound: Higham (Accuracy and Stability, 2nd ed., "
                       "(19.13) after Theorem 19.4): the computed thin Q of an m x n matrix is Q1 + dQ with Q1 "
                       "exactly orthonormal and ||dQ||_F <= eta = sqrt(n) gamma~_mn, gamma~_k = c k u / (1 - c k u), "
                       "Higham's small constant c taken as 8 (as in scripts/certify/initializers.py); gamma_k = "
                       "k u / (1 - k u). W W^T - I = Q1^T dQ + dQ^T Q1 + dQ^T dQ, so each entry is within 2 eta + "
                       "eta^2 of 0, the computed product entry (5 terms) adds gamma_5 (1 + eta)^2, and x - 1 on the "
                       "diagonal, abs and max are exact (Sterbenz): eta = sqrt(3) gamma~_15. One layer: the "
                       "gradient g = fl(delta W) (3 terms each) has ||g - delta W|| <= gamma_3 ||delta|| (sqrt(3) + "
                       "eta), ||delta W||^2 is within (2 eta + eta^2) ||delta||^2 of ||delta||^2, and the sum of 5 "
                       "squares adds gamma_5 ||g||^2. Six layers: each g <- fl(g W) changes ||g|| by a factor in "
                       "[1 - rho, 1 + rho], rho = eta4 + gamma_4 (2 + eta4), eta4 = 2 gamma~_16, so the bound is "
                       "((1 + rho)^12 - 1 + gamma_4 (1 + rho)^12) ||delta||^2; all bounds are evaluated exactly "
                       "(no first-order truncation)",
        "ulps": 0, "scaled": 1,
        "scale": "the bound above divided by u = 2^-53 (terms = 1): 420.7 for max |W W^T - I|, 431.1 ||delta||^2 "
                 "for one layer, 3172 ||delta||^2 for six layers",
        "order": None},
    "nn-autograd-drawn": {
        "description": "NnExamples.vanishingRatio: ||dJ/dW^(1)||_F / ||dJ/dW^(10)||_F by autograd in 10 blocks "
                       "Linear(8, 8, zero bias) - Sigmoid (Xavier normal, std Math.sqrt(2.0 / 16)) or - ReLU "
                       "(Kaiming normal, Math.sqrt(2.0) / Math.sqrt(8)), a Linear(8, 1) output (Xavier normal, "
                       "Math.sqrt(2.0 / 9)), MSELoss (mean) on x = Rng(32) 16 x 8 and y = Rng(33) 16 x 1, weights "
                       "drawn block by block from Rng(31). The inputs are the drawn doubles, reproduced bit for bit "
                       "by the project's client kit (clients/python/dlref_client/javarandom.py, java.util.Random "
                       "with fdlibm's log; checked against vectors/initializers.json, and both ratios emulated here "
                       "equal dlref's doubles bit for bit); the exact value is the network's function of those "
                       "doubles, every ReLU and logistic-branch decision taken exactly (each beyond its error bound "
                       "from 0). Graph: products ascending-k sums (EJML), zero bias added, logistic's two branches "
                       "(StrictMath.exp), MSE backward 0.125 (yhat - y) (exact scalings), Sigmoid backward "
                       "(g y)(1 - y), Relu backward mask, dW = dZ^T A (16 terms), ||.||_F = Math.sqrt of the "
                       "row-major sum of squares, one division. Bound: the running error bound of that graph, as "
                       "for nn-autograd (each product term u, each addition u, each exp 2u relative, propagated "
                       "through the 10 layers; loose, 1.2e6 (sigmoid) and 7.1e6 (ReLU) u relative to the ratio, "
                       "because it is a worst case over every rounding of the 16 x 8 x 10 network)",
        "ulps": 0, "scaled": 1,
        "scale": "the running error bound e of the ratio's graph divided by u (terms = 1)",
        "order": None},
}


def build(out):
    cs231n_scalar(out)
    dl_optimization(out)
    bp_optimizers(out)
    micrograd(out)
    bp_vectorized(out)
    dl_basics_two_layer(out)
    cs231n_matrix(out)
    dl_basics_orthogonal(out)
    vanishing_gradients(out)



def spot_checks(out):
    """Independent closed forms (a second formulation in mpmath) for a sample of exact values; raises on a miss."""
    M = mpf
    checks = []

    def chk(ident, value):
        checks.append((ident, value))
    sig = lambda t: 1 / (1 + mpmath.exp(-t))  # noqa: E731
    lr = M(0.1)
    chk("cs231n-opt-bp/quadratic/gradient-at-2", M(18))
    x1 = 2 - lr * 18
    chk("cs231n-opt-bp/quadratic/step-lr-0.1", x1)
    chk("cs231n-opt-bp/quadratic/loss-after-lr-0.1", 3 * x1 ** 2 + 6 * x1)
    chk("cs231n-opt-bp/quadratic/converges-to-minimum", -1 + 3 * (1 - 6 * lr) ** 100)
    h = M(1e-5)
    chk("cs231n-opt-bp/numeric/central-difference", M(18))  # a central difference is exact on a quadratic
    chk("cs231n-opt-bp/numeric/forward-difference", 18 + 3 * h)
    chk("cs231n-opt-bp/max-gate/tie-sum-numeric", M(1))
    X = [M(1.0), M(-2.0)]
    W = [[M(0.2), M(0.1)], [M(0.5), M(-0.3)], [M(-0.4), M(-0.6)]]
    sc = [W[j][0] * X[0] + W[j][1] * X[1] for j in range(3)]
    Z = sum(mpmath.exp(v) for v in sc)
    for j in range(3):
        for d in range(2):
            chk("cs231n-opt-bp/softmax/dL-dW%d-%d" % (j + 1, d + 1), (mpmath.exp(sc[j]) / Z - (j == 1)) * X[d])
    f = sig(M(1))
    for k, v in (("f", f), ("df-dx0", 2 * f * (1 - f)), ("df-dx1", -3 * f * (1 - f)), ("df-dw0", -f * (1 - f)),
                 ("df-dw1", -2 * f * (1 - f)), ("df-dw2", f * (1 - f))):
        chk("cs231n-opt-bp/sigmoid-neuron/%s/closed-form" % k, v)
    chk("cs231n-opt-bp/ratio/df-dx", M(1) / 32)
    chk("cs231n-opt-bp/ratio/df-dy", M(-1) / 64)
    for name, x, y, theta in DLOPT_SETTINGS:
        t = [M(v) for v in theta]
        x = [M(v) for v in x]
        u = [t[0] * x[0] + t[1] * x[1] + t[8], t[2] * x[0] + t[3] * x[1] + t[9]]
        hh = [max(u[0], 0), max(u[1], 0)]
        z = [t[4] * hh[0] + t[6] * hh[1] + t[10], t[5] * hh[0] + t[7] * hh[1] + t[11]]
        e = [mpmath.exp(v) for v in z]
        yh = [e[0] / (e[0] + e[1]), e[1] / (e[0] + e[1])]
        chk("dl-optimization/dl-dw8/%s/engine" % name, hh[1] * (yh[1] - M(y[1])))
        for i in range(2):
            chk("dl-optimization/dl-dz%d/%s/engine" % (i + 1, name), yh[i] - M(y[i]))
            for j in range(2):
                chk("dl-optimization/softmax-jacobian/%s/dy%d-dz%d/engine" % (name, j + 1, i + 1),
                    yh[j] * ((i == j) - yh[i]))
                # the central difference of the softmax entry, exact arithmetic, second formulation
                zp = list(z)
                zm = list(z)
                zp[i] += h
                zm[i] -= h
                sp = mpmath.exp(zp[j]) / (mpmath.exp(zp[0]) + mpmath.exp(zp[1]))
                sm = mpmath.exp(zm[j]) / (mpmath.exp(zm[0]) + mpmath.exp(zm[1]))
                chk("dl-optimization/softmax-jacobian/%s/dy%d-dz%d/numeric" % (name, j + 1, i + 1), (sp - sm) / (2 * h))
    xs = [M(v) for v in BP_X]
    vI = [sig(M(W_MI[0][i]) * xs[0] + M(W_MI[1][i]) * xs[1]) for i in range(3)]
    dJ = [-(M(BP_T[j]) - sum(M(W_IJ[i][j]) * vI[i] for i in range(3))) for j in range(2)]
    for i in range(3):
        for j in range(2):
            chk("bp-optimizers/three-layer/de-dw_i%dj%d" % (i + 1, j + 1), dJ[j] * vI[i])
        for m in range(2):
            chk("bp-optimizers/three-layer/de-dw_m%di%d" % (m + 1, i + 1),
                (dJ[0] * M(W_IJ[i][0]) + dJ[1] * M(W_IJ[i][1])) * vI[i] * (1 - vI[i]) * xs[m])
    beta = M(0.9)
    chk("bp-optimizers/ewa/v3", 5 * (1 - beta ** 3))
    chk("bp-optimizers/ewa/v3-corrected", M(5))
    chk("bp-optimizers/adam/second-moment-db", (1 - M(0.999)) * M(0.25))
    for s_, (zv, yv) in enumerate(((0.4, 1.0), (-1.3, 0.0))):
        chk("bp-optimizers/bce/dZ-sample%d" % (s_ + 1), sig(M(zv)) - M(yv))
    # vectorized: dZ2 = A2 - Y
    XT = [[0.5, -0.3], [-1.0, 0.8], [1.5, 0.4], [0.2, -1.2]]
    W1 = [[0.4, -0.7], [0.9, 0.3], [-0.5, 0.6]]
    b1 = [0.1, -0.2, 0.05]
    W2v = [1.2, -0.8, 0.5]
    for i, (yv, row) in enumerate(zip([1, 0, 1, 0], XT)):
        a1 = [mpmath.tanh(M(W1[j][0]) * M(row[0]) + M(W1[j][1]) * M(row[1]) + M(b1[j])) for j in range(3)]
        chk("bp-optimizers/vectorized/dZ2-1-%d" % (i + 1), sig(sum(M(W2v[j]) * a1[j] for j in range(3)) + M(-0.1)) - yv)
    # dl-basics J
    xv = [M(0.8), M(-0.5)]
    W1 = [[0.5, -1.1], [0.7, 0.2], [-0.4, 0.9]]
    W2 = [[0.6, -0.3, 0.8], [-0.9, 0.4, 0.1]]
    hv = [sig(M(r[0]) * xv[0] + M(r[1]) * xv[1]) for r in W1]
    o = [sum(M(r[k]) * hv[k] for k in range(3)) for r in W2]
    Jv = (o[0] - M(0.3)) ** 2 / 2 + (o[1] - M(-0.6)) ** 2 / 2 + M(0.1) / 2 * (
        sum(M(v) ** 2 for r in W1 for v in r) + sum(M(v) ** 2 for r in W2 for v in r))
    chk("dl-basics/two-layer/J", Jv)
    # micrograd more-ops: g and its derivatives by mpmath.diff on the plain expression
    def g_of(a, b):
        relu = lambda t: t if t > 0 else 0 * t  # noqa: E731
        cc = a + b
        d = a * b + b ** 3
        cc = cc + (cc + 1)
        cc = cc + (1 + cc + (-a))
        d = d + (d * 2 + relu(b + a))
        d = d + (3 * d + relu(b - a))
        e = cc - d
        f = e ** 2
        return f / 2 + 10 / f
    chk("micrograd/more-ops/g/pytorch", g_of(M(-4), M(2)))
    chk("micrograd/more-ops/dg-da/pytorch", mpmath.diff(lambda a: g_of(a, M(2)), M(-4)))
    chk("micrograd/more-ops/dg-db/pytorch", mpmath.diff(lambda b: g_of(M(-4), b), M(2)))
    for relu, name in ((False, "sigmoid"), (True, "relu")):
        chk("param-optimization/vanishing-gradients/%s-ratio" % name, vanishing_ratio_by_recursion(relu))
    worst = mpf(0)
    for ident, v in checks:
        mine = out[ident][1].x
        rel = abs(mine - v) / max(abs(v), mpf(10) ** -30)
        worst = max(worst, rel)
        if rel > mpf(10) ** -40:
            raise SystemExit("spot check failed: %s: %s here, %s by the closed form" % (ident, mine, v))
    return len(checks), worst


def main():
    vectors = certlib.load_vectors("examples")
    n_draws = check_kit_draws(vectors)
    print("drawn inputs: the kit's JavaRandom reproduces %d of dlref's Gaussian draws bit for bit "
          "(vectors/initializers.json and the orthogonal examples' deltas)" % n_draws)
    out = {}
    build(out)
    n_checks, worst_rel = spot_checks(out)
    print("spot checks: %d exact values agree with an independent closed form (worst relative difference %s)"
          % (n_checks, mpmath.nstr(worst_rel, 3)))
    worst_ortho = orthogonal_spot_checks()
    print("spot checks: the 5 orthogonal exact values agree with the quantities for the exact thin QR of the drawn "
          "matrices (worst difference %s)" % mpmath.nstr(worst_ortho, 3))
    entries = []
    left_out = []
    mismatches = []
    not_emulated_ids = []
    hist = {}
    for idx, entry in enumerate(vectors["vectors"]):
        ident = entry["id"]
        if ident not in out:
            left_out.append(ident)
            continue
        family, r = out[ident]
        dlref = entry["computed"]
        if r.e == 0 and family != "exact-dyadic":
            family = "exact-dyadic"
        if family == "exact-dyadic":
            if r.e != 0:
                raise SystemExit("%s: exact-dyadic with a nonzero bound" % ident)
            v = certlib.value("/computed", dlref, r.x)
        else:
            v = certlib.value("/computed", dlref, r.x, scale=r.e / U, terms=1)
        if math.isnan(r.d):
            not_emulated_ids.append(ident)
        elif struct.pack("<d", r.d) != struct.pack("<d", float(dlref)):
            mismatches.append((ident, r.d, dlref))
        entries.append({"entry": "/vectors/%d" % idx, "key": ident, "family": family, "values": [v]})
        hist[v["ulps"]] = hist.get(v["ulps"], 0) + 1
    unknown = set(out) - {e["id"] for e in vectors["vectors"]}
    if unknown:
        raise SystemExit("ids computed here but absent from the vectors: %s" % sorted(unknown))
    bad = [dd for dd in DECISIONS if dd[1] != dd[2] or (abs(dd[3]) <= dd[4] and dd[5])]
    close = [dd for dd in DECISIONS if abs(dd[3]) <= dd[4] and dd[4] > 0 and not bad.count(dd)]
    for dd in close:
        print("decision within rounding of its switch point, certain because no libm call feeds it (the emulated "
              "double is dlref's): %s, exact margin %s, bound %s, dlref's branch %s = the exact branch %s" % (
                  dd[0], mpmath.nstr(dd[3], 5), mpmath.nstr(dd[4], 5), dd[1], dd[2]))
    for dd in bad:
        print("decision: %s dlref=%s exact=%s margin=%s bound=%s libm=%s" % (
            dd[0], dd[1], dd[2], mpmath.nstr(dd[3], 5), mpmath.nstr(dd[4], 5), dd[5]), file=sys.stderr)
    if bad:
        raise SystemExit("%d decisions are not certain from the bounds; certificate not written" % len(bad))
    print("decisions (ReLU, max, hinge, sigmoid branch): %d; %d at the switch point within rounding (see above), "
          "the others beyond their error bound" % (len(DECISIONS), len(close)))
    for m in mismatches:
        print("emulation differs from dlref: %s emulated %r dlref %r" % m, file=sys.stderr)
    if any(m[0] == "param-optimization/vanishing-gradients/relu-ratio" for m in mismatches):
        raise SystemExit("the ReLU network's graph has no libm call: its emulated ratio must be dlref's double bit for "
                         "bit (a drawn weight or the transcribed graph is wrong); certificate not written")
    if not_emulated_ids:
        print("not emulated (EJML's Householder QR is not reproduced): %s" % ", ".join(not_emulated_ids))
    used = {e["family"] for e in entries}
    families = {k: v for k, v in FAMILIES.items() if k in used}
    certlib.write_certificate("examples", "scripts/certify/examples.py", ["computed"], families, entries,
                              vectors=vectors)
    print("ulps histogram:", dict(sorted(hist.items())))
    print("left out (%d): %s" % (len(left_out), ", ".join(left_out)))


if __name__ == "__main__":
    main()
