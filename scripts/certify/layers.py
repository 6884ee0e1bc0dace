"""Certificate of vectors/layers.json (issue 22): every layer's output, input gradient, parameter gradients and
buffers after, recomputed from the same inputs in 60-digit arithmetic (mpmath).

Run from the repository root:  /usr/bin/python3 scripts/certify/layers.py
Writes verify/src/main/resources/io/github/dlref/verify/certificates/layers.json (under two seconds).

Inputs: each entry's `parameters`, `buffers_before`, `input` and `upstream` (doubles, taken as exact binary
values), the layer's hyper-parameters as dlref holds them (eps 1e-5, momentum 0.1, negative_slope 0.2, ... are the
doubles nearest those decimals), and for dropout the `mask` dlref applied (an input: it comes from dlref's
generator, and each entry is 0 or 1/(1 - p) = 2 exactly). Mathematical constants that dlref rounds to doubles
(1/sqrt(2), sqrt(2/pi), 1/sqrt(2 pi), SELU's alpha and lambda given to 31 digits by Klambauer et al.) are taken
exactly here; their rounding is one of dlref's errors and is counted in the bounds.

The exact value of a gradient is the derivative of the exact forward function (the upstream gradient `g` times
the Jacobian), not the derivative evaluated at dlref's rounded forward values: dlref's autograd starts from its
rounded forward values, and the bounds of the gradient families count that rounding as one more error.
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mpmath  # noqa: E402
from mpmath import mpf  # noqa: E402

import certlib  # noqa: E402
from certlib import exact  # noqa: E402

NAME = "layers"
SCRIPT = "scripts/certify/layers.py"
FIELDS = ["output", "input_gradient", "parameter_gradients", "buffers_after"]


def M(rows):
    return [[exact(x) for x in r] for r in rows]


def shape(a):
    return len(a), len(a[0])


def emap(f, *ms):
    n, d = shape(ms[0])
    return [[f(*[m[i][j] for m in ms]) for j in range(d)] for i in range(n)]


def vals(base, dl, ex, scale=None, terms=None):
    return certlib.matrix_values(base, dl, ex, scale, terms)


# ---------------------------------------------------------------------------------------------------- families

FAMILIES = {}


def family(name, description, ulps, scaled=None, scale=None, order=None):
    FAMILIES[name] = {"description": description, "ulps": ulps, "scaled": scaled, "scale": scale, "order": order}
    return name


# ------------------------------------------------------------------------------------ running error analysis
#
# E is a quantity of dlref's computation: v, its exact value (the same formula evaluated exactly), and e, a bound
# on |dlref's double - v| that follows dlref's sequence of double operations. Rules (u = 2^-53; each is a rigorous
# bound, given IEEE rounding to nearest, the libm accuracies quoted and no underflow):
#   a + b, a - b, a * b, a / b, sqrt(a), correctly rounded: the error of the exact operation on the computed
#     operands (|a|eb + |b|ea + ea eb for a product, (ea + |a/b| eb) / (|b| - eb) for a quotient,
#     ea / (sqrt(a - ea) + sqrt(a)) for a square root) plus u times (|v| + that error), the rounding;
#     multiplying by a power of two or by +-1, or copying, does not round;
#   a sum of n terms in any order (dlref's loops and EJML's products): the terms' errors plus
#     gamma_{n-1} (sum |v_i| + sum e_i), gamma_k = k u / (1 - k u) (Higham's bound for recursive summation of the
#     computed terms);
#   f(a) for a libm function within U ulps (StrictMath exp, expm1, log, log1p: 1 ulp by the Javadoc; Math.tanh
#     and StrictMath.tanh: 2.5 ulps by Math.tanh's Javadoc; pow(x, -2): 1 ulp; dlref's Erf.erfc: 2 ulps, dlref's
#     documented accuracy): max|f'| on [a - ea, a + ea] times ea (mean value theorem), plus 2 U u (|v| + that),
#     because one ulp of a normal double y is at most 2 u |y|;
#   StrictMath.pow(c, 2) is c * c, pow(s, -1) is 1 / s and pow(c, 1) is c (fdlibm's special cases for y = 2, -1
#     and 1; also checked on 2 million random doubles with JDK 17);
#   a mathematical constant rounded to a double (1/sqrt 2, fl(1/3), fl(1 - 0.1), ...): e = |double - exact|.
# The certificate's `scale` of such a value is e / u (and terms 1, K 1): the bound is then |dlref - exact| <= u
# scale = e.

U = certlib.U


class E:
    __slots__ = ("v", "e")

    def __init__(self, v, e=mpf(0)):
        self.v = v
        self.e = e


def inp(x):
    return E(exact(x))


def const(double_value, exact_value):
    """A constant dlref holds as a double, whose exact value is exact_value."""
    return E(exact_value, abs(exact(double_value) - exact_value))


def _round(v, prop, units=1):
    return E(v, prop + units * U * (abs(v) + prop))


def add(a, b):
    if (a.v == 0 and a.e == 0) or (b.v == 0 and b.e == 0):  # adding an exact zero does not round
        return E(a.v + b.v, a.e + b.e)
    return _round(a.v + b.v, a.e + b.e)


def sub(a, b):
    return _round(a.v - b.v, a.e + b.e)


def neg(a):
    return E(-a.v, a.e)


def _pow2(x):
    """Whether the E x is an exact +-2^k (multiplying by it does not round)."""
    if x.e != 0 or x.v == 0:
        return False
    m, _ = mpmath.frexp(abs(x.v))
    return m == mpf(0.5)


def mul(a, b):
    v = a.v * b.v
    prop = abs(a.v) * b.e + abs(b.v) * a.e + a.e * b.e
    if _pow2(a) or _pow2(b):
        return E(v, prop)
    return _round(v, prop)


def div(a, b):
    if abs(b.v) <= b.e:
        raise ValueError("division by a quantity not bounded away from zero")
    v = a.v / b.v
    prop = (a.e + abs(v) * b.e) / (abs(b.v) - b.e)
    if _pow2(b):
        return E(v, prop)
    return _round(v, prop)


def sqrt(a):
    if a.v <= a.e:
        raise ValueError("square root of a quantity not bounded away from zero")
    v = mpmath.sqrt(a.v)
    return _round(v, a.e / (mpmath.sqrt(a.v - a.e) + v))


def total(items):
    """A sum of len(items) terms in any order."""
    n = len(items)
    v = mpmath.fsum(x.v for x in items)
    prop = mpmath.fsum(x.e for x in items)
    mag = mpmath.fsum(abs(x.v) for x in items) + prop
    return E(v, prop + (n - 1) * U / (1 - (n - 1) * U) * mag)


def libm(f, dmax, a, ulps):
    """f(a) by a libm call within `ulps` ulps; dmax(lo, hi) bounds |f'| on [lo, hi]."""
    v = f(a.v)
    prop = dmax(a.v - a.e, a.v + a.e) * a.e if a.e else mpf(0)
    return _round(v, prop, 2 * ulps)


def _mono_max(fp):
    """max |f'| on [lo, hi] for an f' that is monotone on each side of 0 (endpoints and 0 if inside)."""
    def dmax(lo, hi):
        pts = [lo, hi] + ([mpf(0)] if lo < 0 < hi else [])
        return max(abs(fp(t)) for t in pts)
    return dmax


def exp_(a):
    return libm(mpmath.exp, lambda lo, hi: mpmath.exp(hi), a, 1)


def expm1_(a):
    return libm(mpmath.expm1, lambda lo, hi: mpmath.exp(hi), a, 1)


def log_(a):
    return libm(mpmath.log, lambda lo, hi: 1 / lo, a, 1)


def log1p_(a):
    return libm(mpmath.log1p, lambda lo, hi: 1 / (1 + lo), a, 1)


def tanh_(a):
    # tanh' = 1 - tanh^2 is largest at 0 and decreasing in |t|
    return libm(mpmath.tanh, _mono_max(lambda t: 1 - mpmath.tanh(t) ** 2), a, mpf(2.5))


def erfc_(a):
    return libm(mpmath.erfc, _mono_max(lambda t: 2 / mpmath.sqrt(mpmath.pi) * mpmath.exp(-t * t)), a, 2)


def inv_square(a):
    """StrictMath.pow(a, -2) for a > 0 (1 ulp): |d/da a^-2| = 2 / a^3 is largest at the low end."""
    return libm(lambda t: t ** -2, lambda lo, hi: 2 / lo ** 3, a, 1)


ONE = E(mpf(1))
TWO = E(mpf(2))
HALF = E(mpf(0.5))


# ------------------------------------------------------------------------------------------ the layers' formulas
# Each returns {field pointer: matrix of E}, in dlref's order of operations (nn/ and autograd/ sources named).

def logistic(a):
    """autograd.ops.Sigmoid.logistic and nn.ops.Silu.sigmoid: 1/(1 + exp(-a)) for a >= 0, else e/(1 + e)."""
    if a.v >= 0:
        return div(ONE, add(ONE, exp_(neg(a))))
    e = exp_(a)
    return div(e, add(ONE, e))


def per_element(f, *ms):
    return [[f(*[m[i][j] for m in ms]) for j in range(len(ms[0][0]))] for i in range(len(ms[0]))]


def Em(rows):
    return [[inp(x) for x in r] for r in rows]


def layer_sigmoid(ent):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    y = per_element(logistic, x)
    # Sigmoid.backward: g * y * (1 - y), from the rounded output y
    dx = per_element(lambda gg, yy: mul(mul(gg, yy), sub(ONE, yy)), g, y)
    return {"/output": y, "/input_gradient": dx}


def layer_tanh(ent):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    y = per_element(tanh_, x)
    # Tanh.backward: g * (1 - y * y)
    dx = per_element(lambda gg, yy: mul(gg, sub(ONE, mul(yy, yy))), g, y)
    return {"/output": y, "/input_gradient": dx}


def layer_softmax(ent):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    out, dx = [], []
    for xr, gr in zip(x, g):
        mx = max(xr, key=lambda t: t.v)  # Math.max: a selection, exact
        ex = [exp_(sub(t, mx)) for t in xr]
        s = total(ex)
        p = [div(t, s) for t in ex]
        # Softmax.backward: weighted = sum_j g_j p_j; dx_j = p_j (g_j - weighted)
        w = total([mul(gj, pj) for gj, pj in zip(gr, p)])
        out.append(p)
        dx.append([mul(pj, sub(gj, w)) for gj, pj in zip(gr, p)])
    return {"/output": out, "/input_gradient": dx}


def layer_log_softmax(ent):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    out, dx = [], []
    for xr, gr in zip(x, g):
        mx = max(xr, key=lambda t: t.v)
        sh = [sub(t, mx) for t in xr]
        lse = log_(total([exp_(t) for t in sh]))
        o = [sub(t, lse) for t in sh]
        p = [exp_(t) for t in o]  # LogSoftmax.forward keeps exp(output) for the backward
        rs = total(gr)
        out.append(o)
        dx.append([sub(gj, mul(pj, rs)) for gj, pj in zip(gr, p)])
    return {"/output": out, "/input_gradient": dx}


SQRT1_2 = const(0.7071067811865476, 1 / mpmath.sqrt(2))
INV_SQRT_2PI = const(0.3989422804014327, 1 / mpmath.sqrt(2 * mpmath.pi))
SQRT_2_OVER_PI = const(0.7978845608028654, mpmath.sqrt(2 / mpmath.pi))
KAPPA = inp(0.044715)  # the paper's decimal constant as dlref holds it (a double, like a hyper-parameter)
THREE_KAPPA = const(3.0 * 0.044715, 3 * exact(0.044715))


def layer_gelu(ent):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    # Gelu.exact: x * 0.5 * erfc(-(x * SQRT1_2))
    y = per_element(lambda t: mul(mul(t, HALF), erfc_(neg(mul(t, SQRT1_2)))), x)

    def grad(gg, t):
        cdf = mul(HALF, erfc_(neg(mul(t, SQRT1_2))))
        pdf = mul(exp_(mul(mul(E(mpf(-0.5)), t), t)), INV_SQRT_2PI)
        return mul(gg, add(cdf, mul(t, pdf)))
    return {"/output": y, "/input_gradient": per_element(grad, g, x)}


def layer_gelu_tanh(ent):
    x, g = Em(ent["input"]), Em(ent["upstream"])

    def fwd(t):  # Gelu.tanhForm: inner = S (x + K x x x); 0.5 x (1 + tanh(inner))
        inner = mul(SQRT_2_OVER_PI, add(t, mul(mul(mul(KAPPA, t), t), t)))
        return mul(mul(HALF, t), add(ONE, tanh_(inner)))

    def grad(gg, t):  # Gelu.backward (tanh)
        x2 = mul(t, t)
        th = tanh_(mul(SQRT_2_OVER_PI, add(t, mul(mul(KAPPA, x2), t))))
        inner_d = mul(SQRT_2_OVER_PI, add(ONE, mul(THREE_KAPPA, x2)))
        local = add(mul(HALF, add(ONE, th)), mul(mul(mul(HALF, t), sub(ONE, mul(th, th))), inner_d))
        return mul(gg, local)
    return {"/output": per_element(fwd, x), "/input_gradient": per_element(grad, g, x)}


def elu_like(ent, alpha, scale):
    """nn.ops.Elu(alpha, scale): forward x > 0 ? scale x : scale alpha expm1(x); backward x > 0 ? g scale :
    g scale alpha exp(x). alpha, scale: E (their exact values and dlref's doubles)."""
    x, g = Em(ent["input"]), Em(ent["upstream"])
    sa = mul(scale, alpha)  # scale * alpha, evaluated left to right in Java
    y = per_element(lambda t: mul(scale, t) if t.v > 0 else mul(sa, expm1_(t)), x)
    dx = per_element(lambda gg, t: mul(gg, scale) if t.v > 0 else mul(mul(mul(gg, scale), alpha), exp_(t)), g, x)
    return {"/output": y, "/input_gradient": dx}


SELU_ALPHA = const(1.6732632423543772848170429916717, mpf("1.6732632423543772848170429916717"))
SELU_SCALE = const(1.0507009873554804934193349852946, mpf("1.0507009873554804934193349852946"))


def layer_silu(ent):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    y = per_element(lambda t: mul(t, logistic(t)), x)

    def grad(gg, t):  # g * s * (1 + x (1 - s))
        s = logistic(t)
        return mul(mul(gg, s), add(ONE, mul(t, sub(ONE, s))))
    return {"/output": y, "/input_gradient": per_element(grad, g, x)}


def softplus_like(ent, beta, threshold):
    """nn.ops.Softplus: x beta > threshold ? x : log1p(exp(x beta)) / beta; backward g or g z / (z + 1),
    z = exp(x beta). The branch is decided on dlref's double x * beta; it is checked below to be the exact
    decision too."""
    x, g = Em(ent["input"]), Em(ent["upstream"])
    b, th = inp(beta), exact(threshold)

    def linear_branch(t):
        decided = float(t.v) * beta > threshold
        if decided != (t.v * b.v > th):
            raise ValueError("softplus: the exact branch differs from dlref's at x = %r" % float(t.v))
        return decided

    y = per_element(lambda t: t if linear_branch(t) else div(log1p_(exp_(mul(t, b))), b), x)

    def grad(gg, t):
        if linear_branch(t):
            return gg
        z = exp_(mul(t, b))
        return div(mul(gg, z), add(z, ONE))
    return {"/output": y, "/input_gradient": per_element(grad, g, x)}


def transpose(m):
    return [list(r) for r in zip(*m)]


def normalize_train(x, g, gamma, beta, eps, inv_count):
    """The graph of BatchNorm (training) and LayerNorm, on one group (a column of the batch for BatchNorm, a row
    for LayerNorm): sum, times 1/n, subtract, pow 2, sum, times 1/n, plus eps, sqrt, pow -1, times, times gamma,
    plus beta; then dlref's autograd backward through the same ops (Broadcast.rows/columns are products with
    ones, their backward a sum). x, g: lists of E; gamma, beta: lists of E, one per element of the group.
    Returns (y, dx, dgamma terms g*xhat, mean, variance, sum of squares)."""
    n = len(x)
    s = total(x)
    mean = mul(s, inv_count)
    c = [sub(t, mean) for t in x]
    sq = [mul(t, t) for t in c]  # StrictMath.pow(c, 2) is c * c in fdlibm
    ss = total(sq)
    var = mul(ss, inv_count)
    ve = add(var, eps)
    sd = sqrt(ve)
    inv = div(ONE, sd)  # StrictMath.pow(sd, -1) is 1 / sd in fdlibm
    xh = [mul(t, inv) for t in c]
    z = [mul(t, gm) for t, gm in zip(xh, gamma)]
    y = [add(t, bt) for t, bt in zip(z, beta)]
    # backward: AddRow passes g; Multiply(xh, gamma): dxh = g gamma, dgamma terms g xh
    dxh = [mul(gg, gm) for gg, gm in zip(g, gamma)]
    dgamma_terms = [mul(gg, t) for gg, t in zip(g, xh)]
    # Multiply(c, inv): dc1 = dxh inv; dinv = sum dxh c
    dc1 = [mul(t, inv) for t in dxh]
    dinv = total([mul(t, cc) for t, cc in zip(dxh, c)])
    # Pow(-1): (dinv * -1) * pow(sd, -2); Sqrt: / (2 sd); AddScalar: copy; MultiplyScalar: * (1/n)
    dsd = mul(neg(dinv), inv_square(sd))
    dve = div(dsd, mul(TWO, sd))
    dss = mul(dve, inv_count)
    # SumRows/SumCols: broadcast; Pow(2): (dss * 2) * pow(c, 1) = 2 dss c
    dc2 = [mul(mul(dss, TWO), cc) for cc in c]
    dc = [add(a, b) for a, b in zip(dc1, dc2)]
    # Subtract: dx gets dc, the broadcast mean gets -dc, summed; MultiplyScalar * (1/n); sum's backward broadcasts
    dmean = total([neg(t) for t in dc])
    ds = mul(dmean, inv_count)
    dx = [add(t, ds) for t in dc]
    return y, dx, dgamma_terms, mean, var, ss


def batchnorm_train(ent, eps, momentum, convention):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    p, bb = ent["parameters"], ent["buffers_before"]
    gamma, beta = [inp(t) for t in p["0.weight"][0]], [inp(t) for t in p["0.bias"][0]]
    n, d = shape(x)
    inv_n = const(1.0 / n, 1 / mpf(n))
    m = inp(momentum)
    one_minus_m = const(1.0 - momentum, 1 - exact(momentum))
    cols = [normalize_train([x[i][j] for i in range(n)], [g[i][j] for i in range(n)], [gamma[j]] * n,
                            [beta[j]] * n, inp(eps), inv_n) for j in range(d)]
    y = transpose([c[0] for c in cols])
    dx = transpose([c[1] for c in cols])
    dgamma = [[total(c[2]) for c in cols]]
    dbeta = [[total([g[i][j] for i in range(n)]) for j in range(d)]]
    rm = [inp(t) for t in bb["0.running_mean"][0]]
    rv = [inp(t) for t in bb["0.running_var"][0]]
    if convention == "pytorch":  # running = (1 - m) running + m batch, the batch variance unbiased
        inv_n1 = const(1.0 / (n - 1), 1 / mpf(n - 1))
        new_mean = [[add(mul(r, one_minus_m), mul(c[3], m)) for r, c in zip(rm, cols)]]
        new_var = [[add(mul(r, one_minus_m), mul(mul(c[5], inv_n1), m)) for r, c in zip(rv, cols)]]
    else:  # keras: moving = m moving + (1 - m) batch, the batch variance biased
        new_mean = [[add(mul(r, m), mul(c[3], one_minus_m)) for r, c in zip(rm, cols)]]
        new_var = [[add(mul(r, m), mul(c[4], one_minus_m)) for r, c in zip(rv, cols)]]
    return {"/output": y, "/input_gradient": dx, "/parameter_gradients/0.weight": dgamma,
            "/parameter_gradients/0.bias": dbeta, "/buffers_after/0.running_mean": new_mean,
            "/buffers_after/0.running_var": new_var}


def batchnorm_eval(ent, eps):
    """BatchNorm (eval): c = x - running_mean; inv = 1 / sqrt(running_var + eps) (Matrix ops); y = c inv gamma +
    beta. Backward: dgamma = sum g (c inv), dbeta = sum g, dx = (g gamma) inv. The buffers are unchanged."""
    x, g = Em(ent["input"]), Em(ent["upstream"])
    p, bb = ent["parameters"], ent["buffers_before"]
    gamma, beta = [inp(t) for t in p["0.weight"][0]], [inp(t) for t in p["0.bias"][0]]
    rm = [inp(t) for t in bb["0.running_mean"][0]]
    rv = [inp(t) for t in bb["0.running_var"][0]]
    n, d = shape(x)
    inv = [div(ONE, sqrt(add(r, inp(eps)))) for r in rv]
    xh = [[mul(sub(x[i][j], rm[j]), inv[j]) for j in range(d)] for i in range(n)]
    y = [[add(mul(xh[i][j], gamma[j]), beta[j]) for j in range(d)] for i in range(n)]
    dx = [[mul(mul(g[i][j], gamma[j]), inv[j]) for j in range(d)] for i in range(n)]
    dgamma = [[total([mul(g[i][j], xh[i][j]) for i in range(n)]) for j in range(d)]]
    dbeta = [[total([g[i][j] for i in range(n)]) for j in range(d)]]
    return {"/output": y, "/input_gradient": dx, "/parameter_gradients/0.weight": dgamma,
            "/parameter_gradients/0.bias": dbeta, "/buffers_after/0.running_mean": [rm],
            "/buffers_after/0.running_var": [rv]}


def layer_norm(ent, eps, affine):
    x, g = Em(ent["input"]), Em(ent["upstream"])
    n, d = shape(x)
    if affine:
        p = ent["parameters"]
        gamma, beta = [inp(t) for t in p["0.weight"][0]], [inp(t) for t in p["0.bias"][0]]
    else:  # no affine step at all: multiplying by 1 and adding 0 is exact, so the same graph serves
        gamma, beta = [ONE] * d, [E(mpf(0))] * d
    inv_d = const(1.0 / d, 1 / mpf(d))
    rows = [normalize_train(x[i], g[i], gamma, beta, inp(eps), inv_d) for i in range(n)]
    out = {"/output": [r[0] for r in rows], "/input_gradient": [r[1] for r in rows]}
    if affine:
        out["/parameter_gradients/0.weight"] = [[total([rows[i][2][j] for i in range(n)]) for j in range(d)]]
        out["/parameter_gradients/0.bias"] = [[total([g[i][j] for i in range(n)]) for j in range(d)]]
    return out


# ------------------------------------------------------------------------------------- linear: textbook bounds

def layer_linear(ent):
    """y = x W^T + b (EJML's product, then AddRow); dX = G W; dW = G^T X; db = column sums of G.
    Returns {pointer: (exact matrix, scale matrix, terms matrix)}: a dot product of n terms plus a bias has
    n + 1 roundings, |fl - exact| <= gamma_{n+1} (sum |x_k w_k| + |b|); a sum of n terms has n - 1."""
    x, w, g = M(ent["input"]), M(ent["parameters"]["0.weight"]), M(ent["upstream"])
    b = M(ent["parameters"]["0.bias"])[0] if "0.bias" in ent["parameters"] else None
    n, din = shape(x)
    dout = len(w)
    mf = mpmath.fsum

    def dot(us, vs):
        return mf(a * c for a, c in zip(us, vs)), mf(abs(a * c) for a, c in zip(us, vs))
    out = {}
    y, ys, yt = [], [], []
    for i in range(n):
        r, rs, rt = [], [], []
        for j in range(dout):
            v, s = dot(x[i], w[j])
            if b is not None:
                v, s = v + b[j], s + abs(b[j])
            r.append(v), rs.append(s), rt.append(din + (1 if b is not None else 0))
        y.append(r), ys.append(rs), yt.append(rt)
    out["/output"] = (y, ys, yt)
    wt, gt, xt = transpose(w), transpose(g), transpose(x)
    dxs = [[dot(g[i], wt[k]) for k in range(din)] for i in range(n)]
    out["/input_gradient"] = ([[t[0] for t in r] for r in dxs], [[t[1] for t in r] for r in dxs],
                              [[dout] * din for _ in range(n)])
    dws = [[dot(gt[j], xt[k]) for k in range(din)] for j in range(dout)]
    out["/parameter_gradients/0.weight"] = ([[t[0] for t in r] for r in dws], [[t[1] for t in r] for r in dws],
                                            [[n] * din for _ in range(dout)])
    if b is not None:
        out["/parameter_gradients/0.bias"] = ([[mf(gt[j]) for j in range(dout)]],
                                              [[mf(abs(t) for t in gt[j]) for j in range(dout)]], [[n - 1] * dout])
    return out


# ------------------------------------------------------------------ selections and single correctly rounded ops

def layer_selection(ent, kind):
    """relu, leaky_relu, identity, hardtanh, dropout: the exact value is a selection, a copy or one correctly
    rounded product (negative_slope * x, negative_slope * g, x * mask with mask 0 or 2), so dlref's double is the
    correctly rounded exact value."""
    x, g = M(ent["input"]), M(ent["upstream"])
    cfg = ent["layer"]
    if kind == "relu":
        f, df = (lambda t: t if t > 0 else mpf(0)), (lambda gg, t: gg if t > 0 else mpf(0))
    elif kind == "leaky_relu":
        s = exact(cfg["negative_slope"])
        f, df = (lambda t: t if t > 0 else s * t), (lambda gg, t: gg if t > 0 else s * gg)
    elif kind == "identity":
        f, df = (lambda t: t), (lambda gg, t: gg)
    elif kind == "hardtanh":
        lo, hi = exact(cfg.get("min_val", -1.0)), exact(cfg.get("max_val", 1.0))
        f = lambda t: lo if t < lo else hi if t > hi else t  # noqa: E731
        df = lambda gg, t: mpf(0) if t <= lo or t >= hi else gg  # noqa: E731
    else:
        raise ValueError(kind)
    return {"/output": emap(f, x), "/input_gradient": emap(df, g, x)}


def layer_dropout(ent):
    x, g, mask = M(ent["input"]), M(ent["upstream"]), M(ent["mask"])
    p = exact(ent["layer"]["p"])
    for r in mask:
        for t in r:
            if t not in (0, 1 / (1 - p)):
                raise ValueError("dropout: mask entry %s is neither 0 nor 1/(1 - p)" % t)
    return {"/output": emap(lambda a, m: a * m, x, mask), "/input_gradient": emap(lambda a, m: a * m, g, mask)}


# ----------------------------------------------------------------------------------------------------- families

PROPAGATED_SCALE = ("e / u, where e is the running error bound of the value along dlref's operations (rules in "
                    "scripts/certify/layers.py, section 'running error analysis': each correctly rounded op adds "
                    "u (|v| + propagated error), a libm call within U ulps adds 2 U u (|v| + ...), a constant "
                    "rounded to a double brings its own error, operand errors propagate through + - * / sqrt "
                    "exactly and through libm functions by max |f'| times the error); terms 1")

SELECTION = family(
    "selection-or-one-rounding",
    "relu, leaky_relu, hardtanh, identity, dropout: each value is a selection or copy of an input (relu, "
    "hardtanh, identity and their gradients), or one correctly rounded product (negative_slope * x and "
    "negative_slope * g with the double 0.2; x * mask and g * mask with mask 0 or 2, exact): correctly rounded, "
    "0 ulps. The branch decisions (x > 0; x <= -1 or x >= 1) are taken on the inputs, which are exact. Dropout's "
    "mask is an input (dlref's generator drew it; the vectors file records it as `mask`).", 0)

LINEAR = family(
    "linear-dot-product",
    "linear, with and without bias: output y_ij = sum_k x_ik w_jk + b_j, input gradient sum_j g_ij w_jk, weight "
    "gradient sum_i g_ij x_ik (products and recursive sums in EJML's order, no fused multiply-add), bias gradient "
    "sum_i g_ij. Textbook bound (Higham, Accuracy and Stability, 3.1): a dot product of n terms in any order is "
    "within gamma_n sum |x_k y_k|, one more addition (the bias) makes it gamma_{n+1}, a plain sum of n terms "
    "gamma_{n-1}; gamma_k = k u / (1 - k u) <= 1.01 k u for k u < 0.0099, hence K = 1.01. The inputs are exact, "
    "so the bound holds with the exact products in the scale.", 0, 1.01,
    "sum of the absolute values of the value's terms: sum_k |x_ik w_jk| + |b_j| (output), sum_j |g_ij w_jk| "
    "(input gradient), sum_i |g_ij x_ik| (weight gradient), sum_i |g_ij| (bias gradient); terms: the number of "
    "roundings, n + 1 with bias and n without for the output (n = in features), out features for the input "
    "gradient, the batch size for the weight gradient and batch size - 1 for the bias gradient")


def prop_family(name, what):
    return family(name, what + " Bound: the running error analysis of dlref's own sequence of double operations "
                  "(forward, then the backward from dlref's rounded forward values), with K = 1: "
                  "|dlref - exact| <= u scale; a value whose bound is 0 (a copy, or a product by 1 or a power "
                  "of two) has no scale and must be 0 ulps.", 0, 1, PROPAGATED_SCALE)


SIGMOID = prop_family(
    "sigmoid", "sigmoid: y = 1/(1 + exp(-x)) (x >= 0) or e/(1 + e), e = exp(x) (x < 0), with StrictMath.exp (1 ulp), "
    "one addition and one division; input gradient g y (1 - y) from the rounded y, whose cancellation in 1 - y "
    "near y = 1 the propagated bound accounts for.")
TANH = prop_family(
    "tanh", "tanh: y = Math.tanh(x) (2.5 ulps by Math.tanh's Javadoc); input gradient g (1 - y y) from the "
    "rounded y.")
SOFTMAX = prop_family(
    "softmax-row", "softmax over each row: exp(x_j - max) (StrictMath.exp of a rounded difference), a sum of 3 "
    "terms, a division; input gradient p_j (g_j - sum_k g_k p_k) from the rounded p.")
LOG_SOFTMAX = prop_family(
    "log-softmax-row", "log_softmax over each row: (x_j - max) - log(sum_k exp(x_k - max)) with StrictMath.exp and "
    "log; input gradient g_j - p_j sum_k g_k with p = exp(output) recomputed from the rounded output.")
GELU = prop_family(
    "gelu-erf", "gelu (exact form): y = x 0.5 erfc(-(x c)), c = 1/sqrt 2 rounded to a double, erfc dlref's own "
    "(math.Erf, fdlibm's rational approximations; 2 ulps, dlref's documented accuracy, measured against mpmath at "
    "about 3000 points in math's tests, not proved); input "
    "gradient g (Phi(x) + x phi(x)) with Phi = 0.5 erfc(-(x c)) and phi = exp(-0.5 x x) times 1/sqrt(2 pi) rounded. "
    "The exact function uses the exact constants.")
GELU_TANH = prop_family(
    "gelu-tanh", "gelu (tanh approximation): y = 0.5 x (1 + tanh(s (x + k x^3))) with s = sqrt(2/pi) rounded "
    "(exact here) and k the double 0.044715 (dlref's constant, an input here); derivative 0.5 (1 + t) + 0.5 x "
    "(1 - t^2) s (1 + 3 k x^2), evaluated by dlref with 3 k rounded to a double.")
ELU = prop_family(
    "elu", "elu (alpha = the double 1 or 0.5): y = x (x > 0) or alpha expm1(x) (StrictMath.expm1, 1 ulp); input "
    "gradient g (x > 0) or g alpha exp(x). The branch is decided on the exact input.")
SELU = prop_family(
    "selu", "selu: lambda x (x > 0) or lambda alpha expm1(x), with alpha = 1.6732632423543772848170429916717 and "
    "lambda = 1.0507009873554804934193349852946 (Klambauer et al. 2017; exact here, rounded to doubles by dlref, "
    "and lambda alpha rounded once more); input gradient g lambda or g lambda alpha exp(x).")
SILU = prop_family(
    "silu", "silu: y = x sigmoid(x) (sigmoid as in family sigmoid); input gradient g s (1 + x (1 - s)) with "
    "s = sigmoid(x) recomputed.")
SOFTPLUS = prop_family(
    "softplus", "softplus(beta, threshold): y = x when beta x > threshold (PyTorch's linear branch, certified as "
    "that branch: the exact value is x), else log1p(exp(beta x)) / beta (StrictMath, 1 ulp each); input gradient "
    "g or g z / (z + 1), z = exp(beta x). beta x is exact for beta 1 and 2, so dlref's branch decision is the "
    "exact one (the script checks it).")
BATCHNORM_TRAIN = prop_family(
    "batchnorm-train", "batchnorm, training mode, per feature over the batch of n = 4: mean = (sum x) (1/n), "
    "c = x - mean, variance = (sum c^2) (1/n) (biased), xhat = c / sqrt(variance + eps), y = gamma xhat + beta; "
    "input, gamma and beta gradients through dlref's autograd graph of those ops; running statistics: PyTorch "
    "convention (eps 1e-5, momentum m 0.1) running = (1 - m) running + m batch with the unbiased variance "
    "(sum c^2) (1/(n - 1)); Keras convention (eps 1e-3, momentum m 0.99) running = m running + (1 - m) batch with "
    "the biased variance. eps and m are the doubles; 1 - m and 1/(n - 1) are exact here and rounded by dlref.")
BATCHNORM_EVAL = prop_family(
    "batchnorm-eval", "batchnorm, eval mode: y = gamma (x - running_mean) / sqrt(running_var + eps) + beta with the "
    "buffers before the step as inputs; gradients dx = g gamma / sqrt(running_var + eps), dgamma = sum g xhat, "
    "dbeta = sum g; buffers after = buffers before (copies, 0 ulps).")
LAYER_NORM = prop_family(
    "layer-norm", "layer_norm over each row of d = 3 features: the batchnorm-train graph along rows (mean and "
    "biased variance with the factor 1/d, which dlref rounds to a double and which is exact here), eps 1e-5 "
    "(affine) or 1e-3 (elementwise_affine = false: no gamma and beta); gradients through dlref's autograd graph.")


def certify_entry(k, ent):
    name, t = ent["name"], ent["layer"]["type"]
    cfg = ent["layer"]
    if t in ("relu", "leaky_relu", "identity", "hardtanh", "dropout"):
        res = layer_dropout(ent) if t == "dropout" else layer_selection(ent, t)
        values = []
        for base, ex in res.items():
            values += vals(base, certlib.resolve(ent, base), ex)
        return SELECTION, values
    if t == "linear":
        values = []
        for base, (ex, sc, tm) in layer_linear(ent).items():
            values += vals(base, certlib.resolve(ent, base), ex, sc, tm)
        return LINEAR, values
    if t == "sigmoid":
        fam, res = SIGMOID, layer_sigmoid(ent)
    elif t == "tanh":
        fam, res = TANH, layer_tanh(ent)
    elif t == "softmax":
        fam, res = SOFTMAX, layer_softmax(ent)
    elif t == "log_softmax":
        fam, res = LOG_SOFTMAX, layer_log_softmax(ent)
    elif t == "gelu":
        fam, res = (GELU_TANH, layer_gelu_tanh(ent)) if cfg.get("approximate") == "tanh" else (GELU, layer_gelu(ent))
    elif t == "elu":
        fam, res = ELU, elu_like(ent, inp(cfg.get("alpha", 1.0)), ONE)
    elif t == "selu":
        fam, res = SELU, elu_like(ent, SELU_ALPHA, SELU_SCALE)
    elif t == "silu":
        fam, res = SILU, layer_silu(ent)
    elif t == "softplus":
        fam, res = SOFTPLUS, softplus_like(ent, cfg.get("beta", 1.0), cfg.get("threshold", 20.0))
    elif t == "batchnorm":
        conv = cfg.get("convention", "pytorch")
        eps, mom = (1e-5, 0.1) if conv == "pytorch" else (1e-3, 0.99)
        if ent["mode"] == "train":
            fam, res = BATCHNORM_TRAIN, batchnorm_train(ent, eps, mom, conv)
        else:
            fam, res = BATCHNORM_EVAL, batchnorm_eval(ent, eps)
    elif t == "layer_norm":
        fam, res = LAYER_NORM, layer_norm(ent, cfg.get("eps", 1e-5), cfg.get("elementwise_affine", True))
    else:
        raise ValueError("entry %d (%s): no formula for layer type %s" % (k, name, t))
    values = []
    for base, em in res.items():
        values += vals(base, certlib.resolve(ent, base), [[q.v for q in r] for r in em],
                       [[q.e / U if q.e > 0 else None for q in r] for r in em])  # e = 0: exact, 0 ulps
    return fam, values


# ------------------------------------------------------------------------------- independent second formulation

def closed_forms(ent):
    """The exact values by a second route: closed-form gradients (the textbook formulas for the normalisations,
    softmax and log_softmax) or mpmath's numerical differentiation at 60 digits (elementwise activations),
    independent of the operation-by-operation evaluation above. Returns {pointer: matrix of mpf}."""
    t, cfg = ent["layer"]["type"], ent["layer"]
    x, g = M(ent["input"]), M(ent["upstream"])
    n, d = shape(x)
    out = {}
    fs = {
        "sigmoid": lambda z: 1 / (1 + mpmath.exp(-z)),
        "tanh": mpmath.tanh,
        "gelu": lambda z: z * mpmath.ncdf(z),
        "elu": lambda z: z if z > 0 else exact(cfg.get("alpha", 1.0)) * (mpmath.exp(z) - 1),
        "selu": lambda z: SELU_SCALE.v * (z if z > 0 else SELU_ALPHA.v * (mpmath.exp(z) - 1)),
        "silu": lambda z: z / (1 + mpmath.exp(-z)),
        "softplus": lambda z: (z if z * exact(cfg.get("beta", 1.0)) > exact(cfg.get("threshold", 20.0))
                               else mpmath.log(1 + mpmath.exp(exact(cfg.get("beta", 1.0)) * z))
                               / exact(cfg.get("beta", 1.0))),
    }
    if t == "gelu" and cfg.get("approximate") == "tanh":
        s2p, k = mpmath.sqrt(2 / mpmath.pi), exact(0.044715)
        fs["gelu"] = lambda z: z / 2 * (1 + mpmath.tanh(s2p * (z + k * z ** 3)))
    if t in fs:
        f = fs[t]
        out["/output"] = emap(f, x)
        out["/input_gradient"] = emap(lambda gg, z: gg * mpmath.diff(f, z), g, x)
    elif t in ("softmax", "log_softmax"):
        y, dx = [], []
        for xr, gr in zip(x, g):
            lse = mpmath.log(mpmath.fsum(mpmath.exp(z) for z in xr))
            p = [mpmath.exp(z - lse) for z in xr]
            if t == "softmax":
                y.append(p)
                dx.append([p[j] * gr[j] - p[j] * mpmath.fsum(p[k] * gr[k] for k in range(d)) for j in range(d)])
            else:
                y.append([z - lse for z in xr])
                dx.append([gr[j] - p[j] * mpmath.fsum(gr) for j in range(d)])
        out["/output"], out["/input_gradient"] = y, dx
    elif t in ("batchnorm", "layer_norm") and ent["mode"] == "train":
        # dx = (gamma / sigma) (g - mean(g) - xhat mean(g xhat)), groups are columns (batchnorm) or rows
        if t == "batchnorm":
            eps = 1e-5 if cfg.get("convention", "pytorch") == "pytorch" else 1e-3
            xs, gs = transpose(x), transpose(g)
            gam = [exact(v) for v in ent["parameters"]["0.weight"][0]]
        else:
            eps = cfg.get("eps", 1e-5)
            xs, gs = x, g
            gam = ([exact(v) for v in ent["parameters"]["0.weight"][0]]
                   if cfg.get("elementwise_affine", True) else [mpf(1)] * d)
        ys, dxs = [], []
        for a, (xr, gr) in enumerate(zip(xs, gs)):
            m = len(xr)
            mu = mpmath.fsum(xr) / m
            sigma = mpmath.sqrt(mpmath.fsum((z - mu) ** 2 for z in xr) / m + exact(eps))
            xh = [(z - mu) / sigma for z in xr]
            gh = [gr[i] * (gam[a] if t == "batchnorm" else gam[i]) for i in range(m)]
            mg, mgx = mpmath.fsum(gh) / m, mpmath.fsum(q * h for q, h in zip(gh, xh)) / m
            dxs.append([(gh[i] - mg - xh[i] * mgx) / sigma for i in range(m)])
            ys.append(xh)
        if t == "batchnorm":
            dxs = transpose(dxs)
            out["/parameter_gradients/0.weight"] = [[mpmath.fsum(q * h for q, h in zip(gs[a], ys[a]))
                                                     for a in range(d)]]
            out["/parameter_gradients/0.bias"] = [[mpmath.fsum(c) for c in gs]]
        elif cfg.get("elementwise_affine", True):
            out["/parameter_gradients/0.weight"] = [[mpmath.fsum(g[i][j] * ys[i][j] for i in range(n))
                                                     for j in range(d)]]
            out["/parameter_gradients/0.bias"] = [[mpmath.fsum(g[i][j] for i in range(n)) for j in range(d)]]
        out["/input_gradient"] = dxs
        if t == "batchnorm":
            out["/output"] = transpose(ys)  # gamma 1 and beta 0 in these vectors (self_check makes sure)
            conv = cfg.get("convention", "pytorch")
            m = exact(0.1 if conv == "pytorch" else 0.99)
            rm = [exact(v) for v in ent["buffers_before"]["0.running_mean"][0]]
            rv = [exact(v) for v in ent["buffers_before"]["0.running_var"][0]]
            mus = [mpmath.fsum(c) / n for c in xs]
            ss = [mpmath.fsum((z - mu) ** 2 for z in c) for c, mu in zip(xs, mus)]
            if conv == "pytorch":
                out["/buffers_after/0.running_mean"] = [[(1 - m) * a + m * b for a, b in zip(rm, mus)]]
                out["/buffers_after/0.running_var"] = [[(1 - m) * a + m * b / (n - 1) for a, b in zip(rv, ss)]]
            else:
                out["/buffers_after/0.running_mean"] = [[m * a + (1 - m) * b for a, b in zip(rm, mus)]]
                out["/buffers_after/0.running_var"] = [[m * a + (1 - m) * b / n for a, b in zip(rv, ss)]]
        elif cfg.get("elementwise_affine", True):
            bet = [exact(v) for v in ent["parameters"]["0.bias"][0]]
            out["/output"] = [[gam[j] * r[j] + bet[j] for j in range(d)] for r in ys]
        else:
            out["/output"] = ys
    elif t == "batchnorm":  # eval, gamma 1 and beta 0 (checked)
        eps = exact(1e-5 if cfg.get("convention", "pytorch") == "pytorch" else 1e-3)
        rm = [exact(v) for v in ent["buffers_before"]["0.running_mean"][0]]
        sig = [mpmath.sqrt(exact(v) + eps) for v in ent["buffers_before"]["0.running_var"][0]]
        out["/output"] = [[(r[j] - rm[j]) / sig[j] for j in range(d)] for r in x]
        out["/input_gradient"] = [[r[j] / sig[j] for j in range(d)] for r in g]
        out["/parameter_gradients/0.weight"] = [[mpmath.fsum(g[i][j] * (x[i][j] - rm[j]) / sig[j]
                                                             for i in range(n)) for j in range(d)]]
        out["/parameter_gradients/0.bias"] = [[mpmath.fsum(g[i][j] for i in range(n)) for j in range(d)]]
        for b in ("running_mean", "running_var"):
            out["/buffers_after/0." + b] = [[exact(v) for v in ent["buffers_before"]["0." + b][0]]]
    elif t == "linear":  # mpmath's matrix product
        w = mpmath.matrix(M(ent["parameters"]["0.weight"]))
        xm, gm = mpmath.matrix(x), mpmath.matrix(g)
        y = xm * w.T
        if "0.bias" in ent["parameters"]:
            b = M(ent["parameters"]["0.bias"])[0]
            out["/parameter_gradients/0.bias"] = [[mpmath.fsum(gm[i, j] for i in range(n)) for j in range(len(b))]]
        else:
            b = [mpf(0)] * w.rows
        out["/output"] = [[y[i, j] + b[j] for j in range(w.rows)] for i in range(n)]
        dx, dw = gm * w, gm.T * xm
        out["/input_gradient"] = [[dx[i, k] for k in range(d)] for i in range(n)]
        out["/parameter_gradients/0.weight"] = [[dw[j, k] for k in range(d)] for j in range(w.rows)]
    return out


def self_check(entries, vectors):
    """Every value with a second formulation must agree with it to 40 significant digits; returns the count."""
    checked = 0
    for e in entries:
        ent = certlib.resolve(vectors, e["entry"])
        if ent["layer"]["type"] == "batchnorm":
            for name in ("weight", "bias"):
                if any(v != (1.0 if name == "weight" else 0.0) for v in ent["parameters"]["0." + name][0]):
                    raise ValueError("closed form assumes gamma 1 and beta 0")
        forms = closed_forms(ent)
        byp = {v["path"]: v for v in e["values"]}
        for base, mat in forms.items():
            for i, r in enumerate(mat):
                for j, want in enumerate(r):
                    v = byp["%s/%d/%d" % (base, i, j)]
                    got = mpf(v["exact"])
                    if abs(got - want) > mpf(10) ** -24 * max(abs(want), mpf(10) ** -30):
                        raise ValueError("%s %s: %s here, %s by the second formulation"
                                         % (e["key"], v["path"], v["exact"], mpmath.nstr(want, 30)))
                    checked += 1
    return checked


# ------------------------------------------------------------- the modelled sequence, run in doubles, is dlref's

def _norm_group_doubles(x, g, eps, inv_count):
    """normalize_train's sequence of operations with Python floats (gamma 1, beta 0): only + - * / sqrt and
    x ** -2.0, so these doubles are dlref's if the sequence is dlref's."""
    s = 0.0
    for t in x:
        s += t
    mean = s * inv_count
    c = [t - mean for t in x]
    ss = 0.0
    for t in c:
        ss += t * t
    var = ss * inv_count
    sd = math.sqrt(var + eps)
    inv = 1.0 / sd
    xh = [t * inv for t in c]
    dinv = 0.0
    for gg, cc in zip(g, c):
        dinv += gg * cc
    dss = (((dinv * -1.0) * sd ** -2.0) / (2.0 * sd)) * inv_count
    dc = [gg * inv + (dss * 2.0) * cc for gg, cc in zip(g, c)]
    dm = 0.0
    for t in dc:
        dm += -t
    ds = dm * inv_count
    return xh, [t + ds for t in dc], mean, var, ss


def emulation_check(vectors):
    """For batchnorm (train) and layer_norm, whose operations are all correctly rounded, the operation sequence
    modelled by normalize_train reproduces dlref's output, input gradient and running statistics bit for bit
    (a check that the bounds follow dlref's actual sequence). Returns the number of doubles compared."""
    same = total_ = 0
    for ent in vectors["vectors"]:
        t, cfg = ent["layer"]["type"], ent["layer"]
        if ent["mode"] != "train" or t not in ("batchnorm", "layer_norm"):
            continue
        x, g = ent["input"], ent["upstream"]
        n, d = shape(x)
        pairs = []
        if t == "batchnorm":
            conv = cfg.get("convention", "pytorch")
            eps, m = (1e-5, 0.1) if conv == "pytorch" else (1e-3, 0.99)
            for j in range(d):
                y, dx, mean, var, ss = _norm_group_doubles([r[j] for r in x], [r[j] for r in g], eps, 1.0 / n)
                pairs += [(y[i], ent["output"][i][j]) for i in range(n)]
                pairs += [(dx[i], ent["input_gradient"][i][j]) for i in range(n)]
                rm = ent["buffers_before"]["0.running_mean"][0][j]
                rv = ent["buffers_before"]["0.running_var"][0][j]
                if conv == "pytorch":
                    new = (rm * (1 - m) + mean * m, rv * (1 - m) + (ss * (1.0 / (n - 1))) * m)
                else:
                    new = (rm * m + mean * (1 - m), rv * m + var * (1 - m))
                pairs += [(new[0], ent["buffers_after"]["0.running_mean"][0][j]),
                          (new[1], ent["buffers_after"]["0.running_var"][0][j])]
        else:
            for i in range(n):
                y, dx, _, _, _ = _norm_group_doubles(x[i], g[i], cfg.get("eps", 1e-5), 1.0 / d)
                pairs += [(y[j], ent["output"][i][j]) for j in range(d)]
                pairs += [(dx[j], ent["input_gradient"][i][j]) for j in range(d)]
        for ours, theirs in pairs:
            total_ += 1
            same += ours == theirs
    if same != total_:
        raise ValueError("the modelled normalisation sequence gives %d of %d of dlref's doubles" % (same, total_))
    return total_


def main():
    vectors = certlib.load_vectors(NAME)
    entries = []
    for k, ent in enumerate(vectors["vectors"]):
        fam, values = certify_entry(k, ent)
        entries.append({"entry": "/vectors/%d" % k, "key": ent["name"], "family": fam, "values": values})
    checked = self_check(entries, vectors)
    emulated = emulation_check(vectors)
    if "--stats" in sys.argv:
        print("second formulation agrees for %d values; the normalisations' modelled sequence gives dlref's "
              "doubles for %d values" % (checked, emulated))
        for e in entries:
            worst = max(e["values"], key=lambda v: v["ulps"])
            ratio = max((abs(exact(v["dlref"]) - mpf(v["exact"])) / (U * mpf(v["scale"]) * v.get("terms", 1))
                         if "scale" in v and mpf(v["scale"]) > 0 else mpf(0)) for v in e["values"])
            print("%-40s %-26s n=%3d worst %d ulps (%s) max err/bound %.3g"
                  % (e["key"], e["family"], len(e["values"]), worst["ulps"], worst["path"], float(ratio)))
    certlib.write_certificate(NAME, SCRIPT, FIELDS, FAMILIES, entries, vectors)


if __name__ == "__main__":
    main()
