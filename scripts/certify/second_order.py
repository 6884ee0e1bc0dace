#!/usr/bin/python3
"""Certificate of vectors/second_order.json (issue 22): run from the repository root,

    /usr/bin/python3 scripts/certify/second_order.py

It recomputes, from the doubles in the vectors file, every computed number of every entry: for the 42 op entries
(`/vectors/i`, f = sum(upstream * op(inputs))) the output, the gradients and the Hessian-vector products; for the
two MLP losses (`/functions/i`) the loss, the gradients, the Hessian-vector products and the full Hessian; for the
layers and losses of nn (`/nn_functions/i`) the value, the gradients and the Hessian-vector products. It writes
verify/src/main/resources/io/github/dlref/verify/certificates/second_order.json (format: scripts/certify/certlib.py).

Exact derivatives. Every function is evaluated on hyper-dual numbers a + b e1 + c e2 + d e1 e2 (e1^2 = e2^2 = 0,
e1 e2 != 0) whose four parts are 60-digit mpmath numbers: with the input seeded x + e1 [unit vector k] + e2 v,
f's parts are f(x), the k-th gradient component, the directional derivative along v and the k-th component of
H v, all exact (the hyper-dual rules are the exact chain rule to second order; no differencing); with e2 seeded on
the unit vector l instead, the e1 e2 part is the Hessian entry H[k][l]. Elementary functions enter through their
exact value and first two derivatives (mpmath exp, log, sqrt, tanh, erfc, power). Piecewise functions (abs, relu,
leaky relu, clamp, maximum, max per row, hardtanh, Huber, smooth L1, softplus's switch, ELU's branches) decide on
the exact input; every decision here is far from its switch point (the script refuses otherwise: `MARGIN`).

Error bound. Alongside the exact hyper-dual value the script propagates a running error bound in the style of
Wilkinson (first order in u = 2^-53): every part of every intermediate carries a magnitude m (in units of u) such
that a double evaluation of the same formula in any association of its sums is within m u of the exact part:
a rounded +, -, *, / adds |result| and propagates |partial derivative| x m of its operands; a libm call (exp, log,
tanh, erfc, pow, within 1 ulp <= 2u relative) adds 2 |result| and propagates |f'| m; a derivative factor that a
backward rule multiplies in (f', f'') adds 4 x its formula evaluated with absolute values (DERIVATIVE_ROUNDINGS;
e.g. s (1 + s) for the sigmoid's s (1 - s)); a sum of n terms is charged
(n - 1) |terms| (the recursive-summation bound gamma_{n-1} sum |x_i|, any order). The certified `scale` of a value
is that m (so `terms` is 1) and the families use K = 2, which covers the second-order terms and that dlref's
backward formulas (e.g. sigmoid' = s (1 - s), tanh' = 1 - t^2, softmax's Jacobian-vector product) are other
roundings of the same derivatives than the hyper-dual ones.

Run time: about 80 s on one core (the 26 x 26 and 31 x 31 MLP Hessians dominate). `--stats` prints, instead of
writing, per entry the worst ulps and the largest |dlref - exact| / (u m).
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mpmath  # noqa: E402
from mpmath import mpf  # noqa: E402

from certlib import exact, load_vectors, numeric_leaves, value, write_certificate  # noqa: E402

NAME = "second_order"
SCRIPT = "scripts/certify/second_order.py"
MARGIN = mpf(2) ** -40  # a discrete decision closer than this to its switch point is refused


class Decision(Exception):
    pass


def decide(x, where):
    """The sign of the exact x (a decision's argument), refusing when it is within MARGIN of the switch."""
    if abs(x) < MARGIN:
        raise Decision("%s: decision at %s is within 2^-40 of its switch point" % (where, x))
    return x > 0


ZERO = mpf(0)


class HD:
    """A hyper-dual number a + b e1 + c e2 + d e1 e2 with a running error magnitude (ma, mb, mc, md) in units
    of u for each part (see the module docstring)."""
    __slots__ = ("a", "b", "c", "d", "ma", "mb", "mc", "md")

    def __init__(self, a, b=ZERO, c=ZERO, d=ZERO, ma=ZERO, mb=ZERO, mc=ZERO, md=ZERO):
        self.a, self.b, self.c, self.d = a, b, c, d
        self.ma, self.mb, self.mc, self.md = ma, mb, mc, md

    def __add__(self, o):
        o = lift(o)
        a, b, c, d = self.a + o.a, self.b + o.b, self.c + o.c, self.d + o.d
        return HD(a, b, c, d, self.ma + o.ma + abs(a), self.mb + o.mb + abs(b), self.mc + o.mc + abs(c),
                  self.md + o.md + abs(d))

    __radd__ = __add__

    def __neg__(self):
        return HD(-self.a, -self.b, -self.c, -self.d, self.ma, self.mb, self.mc, self.md)

    def __sub__(self, o):
        return self + (-lift(o))

    def __rsub__(self, o):
        return lift(o) + (-self)

    def __mul__(self, o):
        o = lift(o)
        x, y = self, o
        a = x.a * y.a
        b = x.a * y.b + x.b * y.a
        c = x.a * y.c + x.c * y.a
        d = x.a * y.d + x.b * y.c + x.c * y.b + x.d * y.a

        def term(p, mp_, q, mq):  # one rounded product p q of parts with errors mp_, mq
            return mp_ * abs(q) + abs(p) * mq + abs(p * q)

        ma = term(x.a, x.ma, y.a, y.ma)
        mb = term(x.a, x.ma, y.b, y.mb) + term(x.b, x.mb, y.a, y.ma) + abs(b)
        mc = term(x.a, x.ma, y.c, y.mc) + term(x.c, x.mc, y.a, y.ma) + abs(c)
        md = (term(x.a, x.ma, y.d, y.md) + term(x.b, x.mb, y.c, y.mc) + term(x.c, x.mc, y.b, y.mb)
              + term(x.d, x.md, y.a, y.ma)
              + 3 * (abs(x.a * y.d) + abs(x.b * y.c) + abs(x.c * y.b) + abs(x.d * y.a)))  # 4-term sum, any order
        return HD(a, b, c, d, ma, mb, mc, md)

    __rmul__ = __mul__

    def __truediv__(self, o):
        return self * recip(lift(o))

    def __rtruediv__(self, o):
        return lift(o) * recip(self)


def lift(x):
    return x if isinstance(x, HD) else HD(mpf(x))


def apply(x, f0, f1, f2, f3, cost, f1abs=None, f2abs=None):
    """f(x) for a function with exact value f0 and derivatives f1, f2, f3 at x.a. `cost` is the rounding charge
    of the value (1 for a correctly rounded op, 2 for a libm call). The derivative factors f1, f2 that the rules
    multiply in are charged DERIVATIVE_ROUNDINGS times the magnitude of their formula evaluated with absolute
    values (f1abs, f2abs: e.g. s (1 + s) for the sigmoid's s (1 - s); |f1|, |f2| when the formula does not cancel)
    plus the propagated error of x (|f2| m, |f3| m)."""
    f1abs = abs(f1) if f1abs is None else f1abs
    f2abs = abs(f2) if f2abs is None else f2abs
    a = f0
    b = f1 * x.b
    c = f1 * x.c
    d = f1 * x.d + f2 * x.b * x.c
    ma = abs(f1) * x.ma + cost * abs(f0)
    e1 = abs(f2) * x.ma + DERIVATIVE_ROUNDINGS * f1abs
    e2 = abs(f3) * x.ma + DERIVATIVE_ROUNDINGS * f2abs
    mb = e1 * abs(x.b) + abs(f1) * x.mb + abs(b)
    mc = e1 * abs(x.c) + abs(f1) * x.mc + abs(c)
    md = (e1 * abs(x.d) + abs(f1) * x.md + abs(f1 * x.d) + e2 * abs(x.b * x.c)
          + abs(f2) * (x.mb * abs(x.c) + abs(x.b) * x.mc) + 2 * abs(f2 * x.b * x.c) + abs(d))
    return HD(a, b, c, d, ma, mb, mc, md)


DERIVATIVE_ROUNDINGS = 4


def recip(x):
    a = x.a
    return apply(x, 1 / a, -1 / a ** 2, 2 / a ** 3, -6 / a ** 4, 1)


def hexp(x):
    e = mpmath.exp(x.a)
    return apply(x, e, e, e, e, 2)


def hlog(x):
    a = x.a
    return apply(x, mpmath.log(a), 1 / a, -1 / a ** 2, 2 / a ** 3, 2)


def hsqrt(x):
    s = mpmath.sqrt(x.a)
    return apply(x, s, 1 / (2 * s), -1 / (4 * s ** 3), 3 / (8 * s ** 5), 1)


def hpow(x, p):
    a, p = x.a, mpf(p)
    return apply(x, a ** p, p * a ** (p - 1), p * (p - 1) * a ** (p - 2), p * (p - 1) * (p - 2) * a ** (p - 3), 2)


def htanh(x):
    t = mpmath.tanh(x.a)
    g = 1 - t * t
    return apply(x, t, g, -2 * t * g, -2 * g * (1 - 3 * t * t), 2, 1 + t * t, 2 * abs(t) * (1 + t * t))


def sigmoid_parts(z):
    s = 1 / (1 + mpmath.exp(-z))
    g = s * (1 - s)
    return s, g, g * (1 - 2 * s), g * (1 - 6 * s + 6 * s * s), s * (1 + s), s * (1 + s) * (1 + 2 * s)


def hsigmoid(x):
    s, g, g2, g3, gabs, g2abs = sigmoid_parts(x.a)
    return apply(x, s, g, g2, g3, 2, gabs, g2abs)


def hsoftplus1(x):
    """ln(1 + e^x) (BCE with logits, softplus): derivatives the sigmoid's."""
    s, g, g2, g3, gabs, g2abs = sigmoid_parts(x.a)
    return apply(x, mpmath.log(1 + mpmath.exp(x.a)), s, g, g2, 2, s, gabs)


def hPhi(x):
    """The standard normal distribution function."""
    a = x.a
    phi = mpmath.exp(-a * a / 2) / mpmath.sqrt(2 * mpmath.pi)
    return apply(x, mpmath.erfc(-a / mpmath.sqrt(2)) / 2, phi, -a * phi, (a * a - 1) * phi, 2, phi,
                 abs(a) * phi)


def hsum(xs):
    """A sum of n terms: exact sum; the error of each part is the terms' errors plus (n - 1) sum |term parts|."""
    xs = [lift(x) for x in xs]
    n = len(xs)
    out = HD(ZERO)
    for fld in ("a", "b", "c", "d"):
        setattr(out, fld, mpmath.fsum(getattr(x, fld) for x in xs))
        setattr(out, "m" + fld, mpmath.fsum(getattr(x, "m" + fld) for x in xs)
                + (n - 1) * mpmath.fsum(abs(getattr(x, fld)) for x in xs))
    return out


def select(cond, x, y):
    return x if cond else y


# ---------------------------------------------------------------------------------------------------------------
# Matrices of HD (lists of rows)

def mat(m):
    return [[exact(x) for x in row] for row in m]


def shape(m):
    return len(m), len(m[0])


def emap(f, m):
    return [[f(x) for x in row] for row in m]


def ezip(f, p, q):
    return [[f(x, y) for x, y in zip(r, s)] for r, s in zip(p, q)]


def total(m):
    return hsum([x for row in m for x in row])


def mmul(p, q):
    """p q (p n x k, q k x m)."""
    return [[hsum([p[i][t] * q[t][j] for t in range(len(q))]) for j in range(len(q[0]))] for i in range(len(p))]


def tr(m):
    return [list(r) for r in zip(*m)]


def weighted(u, m):
    """sum(u * m) for a constant matrix u."""
    return total(ezip(lambda x, y: lift(x) * y, u, m))


def log_softmax_row(row):
    mx = max(x.a for x in row)  # an exact shift: log softmax does not depend on it
    lse = hlog(hsum([hexp(x - mx) for x in row])) + mx
    return [x - lse for x in row]


def softmax_row(row):
    return [hexp(x) for x in log_softmax_row(row)]


# ---------------------------------------------------------------------------------------------------------------
# The functions of the entries

def op_function(e, where):
    """op(inputs) as a function of the dict of HD matrices, for an entry of `vectors`."""
    name, at = e["op"], e["attributes"]

    def unary(f):
        return lambda xs: emap(f, xs["a"])

    if name == "neg":
        return unary(lambda x: -x)
    if name == "exp":
        return unary(hexp)
    if name == "log":
        return unary(hlog)
    if name == "sqrt":
        return unary(hsqrt)
    if name == "pow":
        return unary(lambda x: hpow(x, exact(at["exponent"])))
    if name == "abs":
        return unary(lambda x: select(decide(x.a, where), x, -x))
    if name == "relu":
        return unary(lambda x: select(decide(x.a, where), x, HD(ZERO)))
    if name == "leaky_relu":
        return unary(lambda x: select(decide(x.a, where), x, x * exact(at["negative_slope"])))
    if name == "sigmoid":
        return unary(hsigmoid)
    if name == "tanh":
        return unary(htanh)
    if name == "clamp":
        lo, hi = exact(at["min"]), exact(at["max"])
        return unary(lambda x: HD(lo) if not decide(x.a - lo, where) else (HD(hi) if decide(x.a - hi, where)
                                                                            else x))
    if name == "plus_scalar":
        return unary(lambda x: x + exact(at["constant"]))
    if name == "times_scalar":
        return unary(lambda x: x * exact(at["factor"]))
    if name == "transpose":
        return lambda xs: tr(xs["a"])
    if name == "sum":
        return lambda xs: [[total(xs["a"])]]
    if name == "sum_rows":
        return lambda xs: [[hsum(r)] for r in xs["a"]]
    if name == "sum_cols":
        return lambda xs: [[hsum(c) for c in tr(xs["a"])]]
    if name == "mean":
        return lambda xs: [[total(xs["a"]) / (len(xs["a"]) * len(xs["a"][0]))]]
    if name == "frobenius_norm_squared":
        return lambda xs: [[total(emap(lambda x: x * x, xs["a"]))]]
    if name == "softmax":
        return lambda xs: [softmax_row(r) for r in xs["a"]]
    if name == "log_softmax":
        return lambda xs: [log_softmax_row(r) for r in xs["a"]]
    if name == "max_per_row":
        def mpr(xs):
            out = []
            for r in xs["a"]:
                k = max(range(len(r)), key=lambda j: r[j].a)
                for j in range(len(r)):
                    if j != k:
                        decide(r[k].a - r[j].a, where)
                out.append([r[k]])
            return out
        return mpr
    if name == "plus":
        return lambda xs: ezip(lambda x, y: x + y, xs["a"], xs["b"])
    if name == "minus":
        return lambda xs: ezip(lambda x, y: x - y, xs["a"], xs["b"])
    if name == "times":
        return lambda xs: ezip(lambda x, y: x * y, xs["a"], xs["b"])
    if name == "div":
        return lambda xs: ezip(lambda x, y: x / y, xs["a"], xs["b"])
    if name == "maximum":
        return lambda xs: ezip(lambda x, y: select(decide(x.a - y.a, where), x, y), xs["a"], xs["b"])
    if name == "matmul":
        return lambda xs: mmul(xs["a"], xs["b"])
    if name == "transpose_times":
        return lambda xs: mmul(tr(xs["a"]), xs["b"])
    if name == "times_transpose":
        return lambda xs: mmul(xs["a"], tr(xs["b"]))
    if name == "plus_row":
        return lambda xs: [[x + y for x, y in zip(r, xs["b"][0])] for r in xs["a"]]
    if name == "dropout_mask":
        mask = mat(at["mask"])
        return lambda xs: ezip(lambda x, m: x * m, xs["a"], mask)
    red = at.get("reduction")
    if name == "softmax_cross_entropy":
        if "classes" in at:
            tg = [[mpf(1) if j == c else ZERO for j in range(3)] for c in at["classes"]]
        else:
            tg = mat(at["targets"])

        def sce(xs):
            rows = [-hsum([lift(t) * l for t, l in zip(tr_, log_softmax_row(r)) if t != 0])
                    for r, tr_ in zip(xs["logits"], tg)]
            return reduce(rows, red, len(rows))
        return sce
    if name == "binary_cross_entropy_with_logits":
        tg = mat(at["targets"])

        def bce(xs):
            z = xs["logits"]
            loss = ezip(lambda x, t: hsoftplus1(x) - x * t, z, tg)
            return reduce([v for r in loss for v in r], red, len(loss) * len(loss[0]), rows=len(loss))
        return bce
    raise ValueError("unknown op " + name)


def reduce(values, red, count, rows=None):
    """A list of per-item losses reduced: 'none' as a column (or the given number of rows), 'mean', 'sum'."""
    if red == "none":
        if rows is None:
            return [[v] for v in values]
        cols = len(values) // rows
        return [values[i * cols:(i + 1) * cols] for i in range(rows)]
    s = hsum(values)
    return [[s / count if red == "mean" else s]]


def mlp_function(e):
    x = mat(e["data"]["x"])
    ce = "classes" in e["data"]

    def f(ps):
        hidden = emap(htanh, [[h + b for h, b in zip(r, ps["b1"][0])] for r in mmul(x, tr(ps["W1"]))])
        logits = [[z + b for z, b in zip(r, ps["b2"][0])] for r in mmul(hidden, tr(ps["W2"]))]
        if ce:
            rows = [-log_softmax_row(r)[c] for r, c in zip(logits, e["data"]["classes"])]
            return hsum(rows) / len(rows)
        tg = mat(e["data"]["targets"])
        sq = [(z - t) * (z - t) for r, s in zip(logits, tg) for z, t in zip(r, s)]
        return hsum(sq) / len(sq)
    return f


SELU_ALPHA = exact(1.6732632423543772848170429916717)
SELU_SCALE = exact(1.0507009873554804934193349852946)
GELU_SQRT_2_OVER_PI = exact(0.7978845608028654)
GELU_KAPPA = exact(0.044715)


def layer_function(e, where):
    c = e["layer"]
    kind = c["type"]
    u = mat(e["upstream"])
    if kind == "layer_norm":
        eps = exact(c.get("eps", 1e-5))
        affine = c.get("elementwise_affine", True)

        def ln(xs):
            out = []
            for r in xs["input"]:
                n = len(r)
                mu = hsum(r) / n
                dev = [x - mu for x in r]
                var = hsum([d * d for d in dev]) / n
                sd = hsqrt(var + eps)
                y = [d / sd for d in dev]
                if affine:
                    y = [v * w + b for v, w, b in zip(y, xs["0.weight"][0], xs["0.bias"][0])]
                out.append(y)
            return weighted(u, out)
        return ln

    def elu(alpha, scale):
        def g(x):
            if decide(x.a, where):
                return x * scale
            return (hexp(x) - 1) * (alpha * scale)
        return g

    if kind == "gelu":
        if c.get("approximate", "none") == "tanh":
            g = lambda x: x * (1 + htanh((x + x * x * x * GELU_KAPPA) * GELU_SQRT_2_OVER_PI)) / 2  # noqa: E731
        else:
            g = lambda x: x * hPhi(x)  # noqa: E731
    elif kind == "elu":
        g = elu(exact(c.get("alpha", 1.0)), mpf(1))
    elif kind == "selu":
        g = elu(SELU_ALPHA, SELU_SCALE)
    elif kind == "silu":
        g = lambda x: x * hsigmoid(x)  # noqa: E731
    elif kind == "softplus":
        beta, threshold = exact(c.get("beta", 1.0)), exact(c.get("threshold", 20.0))

        def g(x):
            if decide(x.a * beta - threshold, where):
                return x
            return hsoftplus1(x * beta) / beta
    elif kind == "hardtanh":
        lo, hi = exact(c.get("min_val", -1.0)), exact(c.get("max_val", 1.0))
        g = lambda x: HD(lo) if not decide(x.a - lo, where) else (HD(hi) if decide(x.a - hi, where) else x)  # noqa
    elif kind == "log_softmax":
        return lambda xs: weighted(u, [log_softmax_row(r) for r in xs["input"]])
    else:
        raise ValueError("unknown layer " + kind)
    return lambda xs: weighted(u, emap(g, xs["input"]))


def loss_function(e, where):
    c = e["loss"]
    kind, red = c["type"], c.get("reduction", "mean")
    tg = mat(e["target"])
    n, k = shape(tg)

    def reduced(items, weight_sum=None):
        s = hsum(items)
        if red == "sum":
            return s
        if red == "batchmean":
            return s / n
        return s / (weight_sum if weight_sum is not None else len(items))

    if kind in ("huber", "smooth_l1"):
        if kind == "huber":
            delta = exact(c.get("delta", 1.0))

            def point(d):
                if decide(abs(d.a) - delta, where):
                    return (select(d.a > 0, d, -d) - delta / 2) * delta
                return d * d / 2
        else:
            beta = exact(c.get("beta", 1.0))

            def point(d):
                ad = select(decide(d.a, where), d, -d)
                if beta == 0 or decide(abs(d.a) - beta, where):
                    return ad - beta / 2
                return d * d / 2 / beta
        return lambda xs: reduced([point(p - t) for r, s in zip(xs["prediction"], tg) for p, t in zip(r, s)])
    if kind == "kl_div":
        if c.get("log_target", False):
            return lambda xs: reduced([lift(mpmath.exp(t)) * (t - p) for r, s in zip(xs["prediction"], tg)
                                       for p, t in zip(r, s)])
        return lambda xs: reduced([lift(t) * (mpmath.log(t) - p) for r, s in zip(xs["prediction"], tg)
                                   for p, t in zip(r, s)])
    w = [exact(x) for x in c["weight"]] if "weight" in c else [mpf(1)] * k
    ignore = c.get("ignore_index")
    classes = []
    for row in tg:
        ones = [j for j, t in enumerate(row) if t == 1]
        classes.append(ones[0] if len(ones) == 1 and sum(row) == 1 else None)
    if kind == "nll":
        def nll(xs):
            items = [-xs["prediction"][i][y] * w[y] for i, y in enumerate(classes) if y != ignore]
            return reduced(items, hsum([w[y] for y in classes if y != ignore]).a)
        return nll
    if kind == "cross_entropy":
        eps = exact(c.get("label_smoothing", 0.0))
        if "weight" in c or "ignore_index" in c:
            def ce(xs):
                items = []
                for i, y in enumerate(classes):
                    if y == ignore:
                        continue
                    lp = log_softmax_row(xs["prediction"][i])
                    item = -lp[y] * (w[y] * (1 - eps))
                    if eps != 0:
                        item = item - hsum([lp[j] * w[j] for j in range(k)]) * (eps / k)
                    items.append(item)
                return reduced(items, hsum([w[y] for y in classes if y != ignore]).a)
            return ce

        def soft(xs):
            items = []
            for i in range(n):
                lp = log_softmax_row(xs["prediction"][i])
                items.append(-hsum([lp[j] * (tg[i][j] * (1 - eps) + eps / k) for j in range(k)]))
            return reduced(items, n)
        return soft
    raise ValueError("unknown loss " + kind)


# ---------------------------------------------------------------------------------------------------------------
# Derivatives by hyper-dual evaluation

def seeded(point, first, second):
    """HD inputs: x + e1 [first] + e2 [second]; first is (name, i, j) or None; second is a dict of direction
    matrices or (name, i, j)."""
    xs = {}
    for name, m in point.items():
        rows = []
        for i, row in enumerate(m):
            r = []
            for j, x in enumerate(row):
                b = mpf(1) if first == (name, i, j) else ZERO
                if isinstance(second, dict):
                    cc = second[name][i][j]
                else:
                    cc = mpf(1) if second == (name, i, j) else ZERO
                r.append(HD(x, b, cc))
            rows.append(r)
        xs[name] = rows
    return xs


def positions(point):
    return [(name, i, j) for name, m in point.items() for i in range(len(m)) for j in range(len(m[0]))]


def gradient_and_hvp(f, point, directions):
    """{position: HD result} with f seeded at each position (b: gradient, d: H v)."""
    return {p: f(seeded(point, p, directions)) for p in positions(point)}


# ---------------------------------------------------------------------------------------------------------------
# Values of the entries

def derivative_values(results, gradients, hvps, pointer_names=None):
    out = []
    for (name, i, j), r in results.items():
        key = name.replace("~", "~0").replace("/", "~1")
        out.append(value("/gradients/%s/%d/%d" % (key, i, j), gradients[name][i][j], r.b, scale=r.mb, terms=1))
    for (name, i, j), r in results.items():
        key = name.replace("~", "~0").replace("/", "~1")
        out.append(value("/hessian_vector_products/%s/%d/%d" % (key, i, j), hvps[name][i][j], r.d, scale=r.md,
                         terms=1))
    return out


def first(results):
    return next(iter(results.values()))


def op_entry(k, e):
    where = "/vectors/%d (%s)" % (k, e["op"])
    point = {n: mat(m) for n, m in e["inputs"].items()}
    dirs = {n: mat(m) for n, m in e["directions"].items()}
    g = op_function(e, where)
    u = mat(e["upstream"])
    results = gradient_and_hvp(lambda xs: weighted(u, g(xs)), point, dirs)
    out = g(seeded(point, None, dirs))
    vals = []
    for i, row in enumerate(out):
        for j, x in enumerate(row):
            vals.append(value("/output/%d/%d" % (i, j), e["output"][i][j], x.a, scale=x.ma, terms=1))
    vals += derivative_values(results, e["gradients"], e["hessian_vector_products"])
    return vals


def mlp_entry(k, e):
    names = ["W1", "b1", "W2", "b2"]
    point = {n: mat(e["parameters"][n]) for n in names}
    dirs = {n: mat(e["directions"][n]) for n in names}
    f = mlp_function(e)
    results = gradient_and_hvp(f, point, dirs)
    r0 = first(results)
    vals = [value("/loss", e["loss"], r0.a, scale=r0.ma, terms=1)]
    vals += derivative_values(results, e["gradients"], e["hessian_vector_products"])
    pos = positions(point)
    hessian = [[f(seeded(point, pp, qq)) for qq in pos] for pp in pos]
    # self-check by a second formulation: the Hessian is symmetric and H v (from the Hessian entries) is the
    # hyper-dual H v, to far below a double's resolution
    flat_dir = [dirs[n][i][j] for (n, i, j) in pos]
    for p, pp in enumerate(pos):
        hv = mpmath.fsum(hessian[p][q].d * flat_dir[q] for q in range(len(pos)))
        if abs(hv - results[pp].d) > mpf(10) ** -45 * (1 + abs(hv)):
            raise AssertionError("/functions/%d: H v from the Hessian differs at %s" % (k, pp))
        for q in range(p):
            if abs(hessian[p][q].d - hessian[q][p].d) > mpf(10) ** -45 * (1 + abs(hessian[p][q].d)):
                raise AssertionError("/functions/%d: Hessian not symmetric at %d, %d" % (k, p, q))
    for p in range(len(pos)):
        for q in range(len(pos)):
            r = hessian[p][q]
            vals.append(value("/hessian/%d/%d" % (p, q), e["hessian"][p][q], r.d, scale=r.md, terms=1))
    return vals


def nn_entry(k, e):
    where = "/nn_functions/%d" % k
    point = {n: mat(m) for n, m in e["point"].items()}
    dirs = {n: mat(m) for n, m in e["directions"].items()}
    f = layer_function(e, where) if "layer" in e else loss_function(e, where)
    results = gradient_and_hvp(f, point, dirs)
    r0 = first(results)
    vals = [value("/value", e["value"], r0.a, scale=r0.ma, terms=1)]
    vals += derivative_values(results, e["gradients"], e["hessian_vector_products"])
    if "loss" in e:
        # `loss` is a certified field name (the MLP functions' computed loss); under an nn loss entry it is the
        # loss's configuration (delta, beta, label_smoothing, class weights, ignore_index), whose exact values are
        # the configured doubles themselves
        for path, x in numeric_leaves(e["loss"], "/loss"):
            vals.append(value(path, x, exact(x)))
    return vals


def all_entries(doc):
    out = []
    for k, e in enumerate(doc["vectors"]):
        out.append(("/vectors/%d" % k, e["op"] + (" " + e["attributes"]["reduction"]
                                                   if "reduction" in e["attributes"] else ""), op_entry(k, e)))
    for k, e in enumerate(doc["functions"]):
        out.append(("/functions/%d" % k, e["name"], mlp_entry(k, e)))
    for k, e in enumerate(doc["nn_functions"]):
        key = e["name"] if "layer" in e else "loss " + json.dumps(e["loss"], sort_keys=True)
        out.append(("/nn_functions/%d" % k, key, nn_entry(k, e)))
    return out


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--stats":
    import time
    t0 = time.time()
    doc = load_vectors(NAME)
    from certlib import U
    for ptr, key, vals in all_entries(doc):
        worst = max(vals, key=lambda v: v["ulps"])
        ratio = max(abs(exact(v["dlref"]) - mpf(v["exact"])) / (U * mpf(v["scale"])) if mpf(v["scale"]) > 0 else
                    (0 if exact(v["dlref"]) == mpf(v["exact"]) else mpf("inf")) for v in vals)
        hist = {}
        for v in vals:
            hist[v["ulps"]] = hist.get(v["ulps"], 0) + 1
        print(ptr, key, len(vals), "worst", worst["ulps"], worst["path"], "ratio %.3g" % float(ratio),
              sorted(hist.items()))
        sys.stdout.flush()
    print("time %.1f s" % (time.time() - t0))


# ---------------------------------------------------------------------------------------------------------------
# Spot checks against independent closed forms (a second formulation, plain mpmath, no hyper-duals)

def spot_checks(doc, entries):
    by = {e["entry"]: {v["path"]: mpf(v["exact"]) for v in e["values"]} for e in entries}
    checks = []

    def check(pointer, path, expected):
        got = by[pointer][path]
        if abs(got - expected) > mpf(10) ** -22 * max(1, abs(expected)):
            raise AssertionError("spot check %s %s: %s, closed form %s" % (pointer, path, got, expected))
        checks.append((pointer, path))

    def op_index(name):
        return next(k for k, e in enumerate(doc["vectors"]) if e["op"] == name)

    # exp: H v = u e^x v; sigmoid: H v = u s (1 - s) (1 - 2 s) v, gradient u s (1 - s)
    for name in ("exp", "sigmoid"):
        k = op_index(name)
        e = doc["vectors"][k]
        for i in range(2):
            for j in range(3):
                x, u, v = (exact(e[f]["a"][i][j]) if f != "upstream" else exact(e[f][i][j])
                           for f in ("inputs", "upstream", "directions"))
                if name == "exp":
                    check("/vectors/%d" % k, "/hessian_vector_products/a/%d/%d" % (i, j), u * mpmath.exp(x) * v)
                else:
                    s_ = mpmath.exp(x) / (1 + mpmath.exp(x))
                    check("/vectors/%d" % k, "/gradients/a/%d/%d" % (i, j), u * s_ * (1 - s_))
                    check("/vectors/%d" % k, "/hessian_vector_products/a/%d/%d" % (i, j),
                          u * s_ * (1 - s_) * (1 - 2 * s_) * v)
    # log_softmax: gradient u - softmax sum(u) per row
    k = op_index("log_softmax")
    e = doc["vectors"][k]
    for i in range(2):
        xs = [exact(x) for x in e["inputs"]["a"][i]]
        us = [exact(x) for x in e["upstream"][i]]
        z = mpmath.fsum(mpmath.exp(x) for x in xs)
        for j in range(3):
            check("/vectors/%d" % k, "/gradients/a/%d/%d" % (i, j), us[j] - mpmath.exp(xs[j]) / z * mpmath.fsum(us))
    # exact GELU: H v = u phi(x) (2 - x^2) v
    k = next(k for k, e in enumerate(doc["nn_functions"]) if e.get("name") == "gelu")
    e = doc["nn_functions"][k]
    for i in range(4):
        for j in range(3):
            x, u, v = exact(e["point"]["input"][i][j]), exact(e["upstream"][i][j]), exact(e["directions"]["input"][i][j])
            phi = mpmath.npdf(x)
            check("/nn_functions/%d" % k, "/hessian_vector_products/input/%d/%d" % (i, j), u * phi * (2 - x * x) * v)
            check("/nn_functions/%d" % k, "/gradients/input/%d/%d" % (i, j), u * (mpmath.ncdf(x) + x * phi))
    # LayerNorm without affine: the input gradient (1/sd) (u - mean(u) - y mean(u y)) per row
    k = next(k for k, e in enumerate(doc["nn_functions"]) if e.get("name") == "layer_norm(elementwise_affine=false)")
    e = doc["nn_functions"][k]
    eps = exact(e["layer"]["eps"])
    for i in range(4):
        xs = [exact(x) for x in e["point"]["input"][i]]
        us = [exact(x) for x in e["upstream"][i]]
        mu = mpmath.fsum(xs) / 3
        sd = mpmath.sqrt(mpmath.fsum((x - mu) ** 2 for x in xs) / 3 + eps)
        ys = [(x - mu) / sd for x in xs]
        mu_u = mpmath.fsum(us) / 3
        mu_uy = mpmath.fsum(a * b for a, b in zip(us, ys)) / 3
        for j in range(3):
            check("/nn_functions/%d" % k, "/gradients/input/%d/%d" % (i, j), (us[j] - mu_u - ys[j] * mu_uy) / sd)
    # MLP (mean squared error): one gradient and one Hessian entry by mpmath's high-precision differentiation of a
    # plain-mpf forward pass
    e = doc["functions"][0]
    x = mat(e["data"]["x"])
    tg = mat(e["data"]["targets"])
    P = {n: mat(e["parameters"][n]) for n in ("W1", "b1", "W2", "b2")}

    def loss(w100, w211):
        W1 = [row[:] for row in P["W1"]]
        W2 = [row[:] for row in P["W2"]]
        W1[0][0], W2[1][1] = w100, w211
        total_ = 0
        for r, t in zip(x, tg):
            h = [mpmath.tanh(mpmath.fsum(a * b for a, b in zip(r, W1[q])) + P["b1"][0][q]) for q in range(4)]
            for c in range(2):
                z = mpmath.fsum(a * b for a, b in zip(h, W2[c])) + P["b2"][0][c]
                total_ += (z - t[c]) ** 2
        return total_ / 10
    a0, b0 = P["W1"][0][0], P["W2"][1][1]
    with mpmath.workdps(80):
        g = mpmath.diff(lambda w: loss(w, b0), a0)
        h = mpmath.diff(loss, (a0, b0), (1, 1))
    check("/functions/0", "/gradients/W1/0/0", g)
    check("/functions/0", "/hessian/0/%d" % (12 + 4 + 5), h)
    return len(checks)


# ---------------------------------------------------------------------------------------------------------------
# Families

SCALE = ("m, a first-order running error bound (in units of u = 2^-53) of the value's documented formula evaluated "
         "on hyper-dual numbers from the exact inputs: inputs carry 0; a rounded +, -, *, / adds |result| and passes "
         "on |partial derivative| x m of its operands; a libm value (exp, log, tanh, erfc, pow: within 1 ulp, so "
         "within 2u relative) adds 2 |result| and passes on |f'| m; a derivative factor that a backward rule "
         "multiplies in (f'(x), f''(x), e.g. the sigmoid's s (1 - s)) adds 4 x its formula evaluated with absolute "
         "values (s (1 + s)), a chain of at most 4 roundings; a sum of n terms adds (n - 1) sum |terms| (the "
         "recursive-summation bound gamma_{n-1} sum |x_i|, in any order). terms = 1 (the count is inside m).")
K_TEXT = (" K = 2: the bound m u is first order in u, and dlref's backward rules evaluate the same derivatives as "
          "other products and sums of the same terms (reverse mode, then reverse mode of the gradient graph); K = 2 "
          "covers the O(u^2) terms and a reassociation of each sum (any order of a sum is within gamma_{n-1} of "
          "the same sum of absolute values).")

EXACT_OPS = {"neg", "abs", "relu", "leaky_relu", "clamp", "plus_scalar", "times_scalar", "transpose", "max_per_row",
             "plus", "minus", "times", "maximum", "plus_row", "dropout_mask"}
FEW_ROUNDINGS_OPS = {"exp", "log", "sqrt", "pow", "div"}

FAMILIES = {
    "exact-or-one-rounding": {
        "description": "Linear and piecewise-linear ops (neg, abs, relu, leaky_relu, clamp, plus_scalar, "
                       "times_scalar, transpose, max_per_row, plus, minus, times, maximum, plus_row, dropout_mask) "
                       "with f = sum(upstream * op(inputs)): every output, gradient and H v entry is an input, an "
                       "upstream or direction entry, 0, or one correctly rounded +, - or * of two doubles (a + c, "
                       "u * slope, u * b, u * v_b for times), so it is the correctly rounded exact value: 0 ulps. "
                       "The second derivative of a piecewise-linear op is 0 away from its kinks; every kink "
                       "decision is at least 2^-40 from its switch point.",
        "ulps": 0, "scaled": None, "scale": None, "order": None},
    "elementwise-few-roundings": {
        "description": "Smooth elementwise ops (exp, log, sqrt, pow with exponents 3 and 2.5, div) with f = "
                       "sum(upstream * op): the output op(x), the gradient u f'(x) and H v = u f''(x) v are "
                       "products and quotients of at most a few doubles and one libm value (Math.exp, log, pow: "
                       "within 1 ulp, 2u relative) with no subtraction; r units of roundoff (libm 2, each * / "
                       "sqrt 1) give a relative error <= r u (1 + O(u)) and so at most r ulps from the rounded "
                       "exact value; r <= 6 for every value (the largest: pow's H v, pow 2 plus the products with "
                       "p (p - 1), u and v). The one sum, div's H v for the divisor (-u v_a / b^2 + 2 u a v_b / "
                       "b^3), can cancel: the scaled bound covers it." + K_TEXT,
        "ulps": 6, "scaled": 2, "scale": SCALE, "order": None},
    "reduction-or-cancelling-composition": {
        "description": "Ops whose values are sums or compositions that can cancel (sigmoid: s (1 - s) (1 - 2s); "
                       "tanh: 1 - t^2; sum, sum_rows, sum_cols, mean, frobenius_norm_squared; softmax, log_softmax "
                       "and their Jacobian products; matmul, transpose_times, times_transpose; softmax "
                       "cross-entropy with class indices or probability targets and binary cross-entropy with "
                       "logits, reductions none, mean and sum) with f = sum(upstream * op): no ulp bound holds "
                       "under cancellation; |dlref - exact| <= K u m with the running error bound m (scale)." + K_TEXT,
        "ulps": 0, "scaled": 2, "scale": SCALE, "order": None},
    "mlp-second-order": {
        "description": "The MLP losses tanh(x W1^T + b1) W2^T + b2 -> mean squared error or mean softmax "
                       "cross-entropy: the loss, its gradient, H v and the full Hessian over (W1, b1, W2, b2) "
                       "row-major. Sums of products of tanh values, their derivatives and the loss's; "
                       "|dlref - exact| <= K u m with the running error bound m (scale)." + K_TEXT
                       + " The exact Hessian is checked to be symmetric and its product with the direction to be "
                       "the hyper-dual H v (to 1e-45).",
        "ulps": 0, "scaled": 2, "scale": SCALE, "order": None},
    "nn-layer-second-order": {
        "description": "nn's layers (LayerNorm with and without the affine parameters, eps the double 1e-5 or "
                       "1e-3; exact GELU x Phi(x) and its tanh form with the doubles sqrt(2/pi) = "
                       "0.7978845608028654 and 0.044715; ELU; SELU with the doubles alpha and scale; SiLU; "
                       "Softplus with its linear switch beta x > threshold; Hardtanh; LogSoftmax) with f = "
                       "sum(upstream * layer(input)): the value f, the gradients and H v with respect to the input "
                       "and the parameters; |dlref - exact| <= K u m with the running error bound m (scale)."
                       + K_TEXT,
        "ulps": 0, "scaled": 2, "scale": SCALE, "order": None},
    "nn-loss-second-order": {
        "description": "nn's losses (Huber, smooth L1 with beta 1 and 0, NLL, KL divergence with probability and "
                       "log-probability targets, cross-entropy with probability targets, class weights, label "
                       "smoothing and ignore_index; PyTorch's definitions, reductions mean, batchmean and sum) with "
                       "f = loss(prediction, target): the value, the gradient and H v with respect to the "
                       "prediction; |dlref - exact| <= K u m with the running error bound m (scale)." + K_TEXT
                       + " The numbers under an entry's `loss` field are its configuration (delta, beta, "
                       "label_smoothing, class weights, ignore_index), certified as themselves (0 ulps) only "
                       "because `loss` is also the name of the MLP functions' computed loss.",
        "ulps": 0, "scaled": 2, "scale": SCALE, "order": None},
}


def family_of(pointer, doc):
    kind, k = pointer.split("/")[1], int(pointer.split("/")[2])
    if kind == "vectors":
        op = doc["vectors"][k]["op"]
        if op in EXACT_OPS:
            return "exact-or-one-rounding"
        if op in FEW_ROUNDINGS_OPS:
            return "elementwise-few-roundings"
        return "reduction-or-cancelling-composition"
    if kind == "functions":
        return "mlp-second-order"
    return "nn-layer-second-order" if "layer" in doc["nn_functions"][k] else "nn-loss-second-order"


FIELDS = ["output", "gradients", "hessian_vector_products", "value", "loss", "hessian"]


def main():
    doc = load_vectors(NAME)
    entries = []
    for pointer, key, vals in all_entries(doc):
        entries.append({"entry": pointer, "key": key, "family": family_of(pointer, doc), "values": vals})
    hist = {"0": 0, "1": 0, "2": 0, "3-4": 0, "5-16": 0, ">16": 0}
    for e in entries:
        for v in e["values"]:
            n = v["ulps"]
            hist["0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-16" if n <= 16
                 else ">16"] += 1
    print("ulps:", hist)
    print("spot checks against closed forms: %d values agree" % spot_checks(doc, entries))
    for e in entries:
        if FAMILIES[e["family"]]["scaled"] is None:  # the ulp bound alone: no scale
            for v in e["values"]:
                v.pop("scale", None)
                v.pop("terms", None)
    write_certificate(NAME, SCRIPT, FIELDS, FAMILIES, entries, vectors=doc)


if __name__ == "__main__" and not (len(sys.argv) > 1 and sys.argv[1] == "--stats"):
    main()
