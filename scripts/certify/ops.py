"""Certificate of vectors/ops.json (issue 22): every autograd op's output and gradients recomputed in mpmath.

Run from the repository root:  /usr/bin/python3 scripts/certify/ops.py
(under a second; needs mpmath, nothing else; add --perturbation-check to test the
error-bound machinery itself, about ten seconds, see perturbation_check). It writes
verify/src/main/resources/io/github/dlref/verify/certificates/ops.json (format in certlib.py) and refuses to
write it when a value is outside its bound, when a value's double differs from the vectors file, or when an
exact value disagrees with an independent second formulation (spot checks at the end of this file).

What is exact. Each entry of ops.json holds the inputs (doubles), an upstream gradient g (doubles), dlref's
output and dlref's gradients (the vector-Jacobian product: the gradient of sum(g * output) with respect to each
input). The exact value of a field is the function the op's Javadoc documents (autograd/.../ops/*.java),
evaluated in 60-digit arithmetic on those doubles and on the op's constants as doubles (0.2 is mpf(0.2)):
for example tanh's gradient is g (1 - tanh(a)^2) with the exact tanh, not with dlref's rounded y. Discrete
decisions (relu/abs/clamp/maximum/max_per_row comparisons) are made on the input doubles themselves, so the exact
decision and dlref's decision are the same comparison of the same numbers.

How the bound is derived. Every value is computed by a `Bounded` number that follows dlref's Java code
operation by operation (the same order of operations, the same libm calls) and carries, next to the exact value
e, a first-order forward-error bound |dlref - e| <= t * u * s (u = 2^-53) with s >= |e| (the "scale"):
  - an input double: s = |x|, t = 0;
  - a correctly rounded + or - (IEEE): s = s_a + s_b, t = max(t_a, t_b) + 1 (the propagated errors, plus the
    rounding u |result| <= u (s_a + s_b)); chained, a recursive sum of n doubles gets t = n - 1 and
    s = sum |x_i|, the textbook gamma_{n-1} sum |x_i|;
  - a correctly rounded *: s = s_a s_b, t = t_a + t_b + 1; a dot product of length n gets t = n and
    s = sum |x_i y_i| (gamma_n);
  - a correctly rounded /: s = s_a / |e_b|, t = t_a + t_b s_b / |e_b| + 1;
  - a libm call f within c ulps (Java's specification of StrictMath/Math exp, log, log1p, pow: 1 ulp;
    Math.tanh: 2.5 ulps; sqrt is correctly rounded: 0.5 ulp), one ulp being at most 2u relative:
    s = |f(e_a)|, t = t_a s_a |f'(e_a)| / |f(e_a)| + 2c (the input's error times the derivative, plus 2cu|f|).
The certified bound is then K * terms * u * scale with K = 1, scale = s and terms = ceil(t) + 1: the extra one
covers every second-order term (products of two first-order errors, at most t^2 u^2 s, and t^2 u < 1 here).
A value with t = 0 (an input double copied or negated) carries no scale: it must be exact (0 ULPs); so do all
values of the family elementwise-correctly-rounded (one correctly rounded operation at most: 0 ULPs, no K).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import certlib  # noqa: E402
from certlib import exact, mpf  # noqa: E402
import mpmath  # noqa: E402

NAME = "ops"
SCRIPT = "scripts/certify/ops.py"
FIELDS = ["output", "gradients"]


# ------------------------------------------------------------------------------------------------
# Bounded numbers: exact value, scale, first-order error count (see the module docstring)

class Bounded:
    __slots__ = ("e", "s", "t")

    def __init__(self, e, s, t):
        if s < abs(e) * (1 - mpf(10) ** -40):
            raise AssertionError("scale below |exact|")
        self.e, self.s, self.t = e, s, mpf(t)


def x_(d):
    """An input double: exact, no error."""
    v = exact(d)
    return Bounded(v, abs(v), 0)


def add(a, b):
    return Bounded(a.e + b.e, a.s + b.s, max(a.t, b.t) + 1)


def sub(a, b):
    return Bounded(a.e - b.e, a.s + b.s, max(a.t, b.t) + 1)


def neg(a):
    return Bounded(-a.e, a.s, a.t)


def mul(a, b):
    return Bounded(a.e * b.e, a.s * b.s, a.t + b.t + 1)


def div(a, b):
    return Bounded(a.e / b.e, a.s / abs(b.e), a.t + b.t * b.s / abs(b.e) + 1)


def libm(f, fprime, a, ulps):
    """f(a) by a library call within `ulps` ulps of f at the (rounded) argument."""
    fe = f(a.e)
    if fe == 0:
        raise AssertionError("libm result 0: relative bound undefined")
    return Bounded(fe, abs(fe), a.t * a.s * abs(fprime(a.e)) / abs(fe) + 2 * mpf(ulps))


def exp_(a):
    return libm(mpmath.exp, mpmath.exp, a, 1)


def log_(a):
    return libm(mpmath.log, lambda x: 1 / x, a, 1)


def log1p_(a):
    return libm(mpmath.log1p, lambda x: 1 / (1 + x), a, 1)


def tanh_(a):
    return libm(mpmath.tanh, lambda x: 1 - mpmath.tanh(x) ** 2, a, mpf("2.5"))


def sqrt_(a):
    return libm(mpmath.sqrt, lambda x: 1 / (2 * mpmath.sqrt(x)), a, mpf("0.5"))


def pow_(a, p):
    pe = exact(p)
    return libm(lambda x: x ** pe, lambda x: pe * x ** (pe - 1), a, 1)


def rsum(items):
    """Recursive (left to right) sum; dlref's loops start from 0.0, and 0.0 + x = x exactly."""
    acc = items[0]
    for b in items[1:]:
        acc = add(acc, b)
    return acc


def logistic(z):
    """Sigmoid.logistic: a >= 0: 1 / (1 + exp(-a)); a < 0: exp(a) / (1 + exp(a)) (StrictMath.exp)."""
    one = x_(1.0)
    if z >= 0:
        e = exp_(x_(-z))
        return div(one, add(one, e))
    e = exp_(x_(z))
    return div(e, add(one, e))


def mat(rows, cols, f):
    return [[f(i, j) for j in range(cols)] for i in range(rows)]


def X(m):
    return [[x_(v) for v in row] for row in m]


def shape(m):
    return len(m), len(m[0])


def transpose(m):
    r, c = shape(m)
    return mat(c, r, lambda i, j: m[j][i])


def product(a, b):
    """A B for matrices of Bounded (any summation order has the same bound gamma_n sum |a_ik b_kj|)."""
    n = len(b)
    return mat(len(a), len(b[0]), lambda i, j: rsum([mul(a[i][k], b[k][j]) for k in range(n)]))


# ------------------------------------------------------------------------------------------------
# Row softmax / log-softmax as Rows.java computes them

def row_log_softmax(zrow):
    m = max(zrow)  # Math.max over doubles: exact
    d = [sub(x_(z), x_(m)) for z in zrow]
    lse = log_(rsum([exp_(dj) for dj in d]))
    return [sub(dj, lse) for dj in d]


def row_softmax(zrow):
    m = max(zrow)
    e = [exp_(sub(x_(z), x_(m))) for z in zrow]
    s = rsum(e)
    return [div(ej, s) for ej in e]


# ------------------------------------------------------------------------------------------------
# The ops: (output, {input: gradient}) as matrices of Bounded, following each op's forward and backward

def op_values(v):
    op, at, ins, g = v["op"], v["attributes"], v["inputs"], v["upstream"]
    G = X(g)
    a = ins.get("a")
    A = X(a) if a is not None else None
    if op == "neg":
        return [[neg(x) for x in r] for r in A], {"a": [[neg(x) for x in r] for r in G]}
    if op == "exp":
        Y = [[exp_(x) for x in r] for r in A]
        return Y, {"a": [[mul(G[i][j], Y[i][j]) for j in range(3)] for i in range(2)]}
    if op == "log":
        return [[log_(x) for x in r] for r in A], {"a": [[div(G[i][j], A[i][j]) for j in range(3)] for i in range(2)]}
    if op == "sqrt":
        Y = [[sqrt_(x) for x in r] for r in A]
        return Y, {"a": [[div(G[i][j], mul(x_(2.0), Y[i][j])) for j in range(3)] for i in range(2)]}
    if op == "pow":
        p = at["exponent"]
        Y = [[pow_(x, p) for x in r] for r in A]
        return Y, {"a": [[mul(mul(G[i][j], x_(p)), pow_(A[i][j], p - 1.0)) for j in range(3)] for i in range(2)]}
    if op == "abs":
        return ([[x_(abs(x)) for x in r] for r in a],
                {"a": mat(2, 3, lambda i, j: G[i][j] if a[i][j] > 0 else neg(G[i][j]) if a[i][j] < 0 else x_(0.0))})
    if op == "relu":
        return ([[x_(x) if x > 0 else x_(0.0) for x in r] for r in a],
                {"a": mat(2, 3, lambda i, j: G[i][j] if a[i][j] > 0 else x_(0.0))})
    if op == "leaky_relu":
        s = x_(at["negative_slope"])
        return ([[x_(x) if x > 0 else mul(s, x_(x)) for x in r] for r in a],
                {"a": mat(2, 3, lambda i, j: G[i][j] if a[i][j] > 0 else mul(s, G[i][j]))})
    if op == "sigmoid":
        Y = [[logistic(x) for x in r] for r in a]
        return Y, {"a": mat(2, 3, lambda i, j: mul(mul(G[i][j], Y[i][j]), sub(x_(1.0), Y[i][j])))}
    if op == "tanh":
        Y = [[tanh_(x) for x in r] for r in A]
        return Y, {"a": mat(2, 3, lambda i, j: mul(G[i][j], sub(x_(1.0), mul(Y[i][j], Y[i][j]))))}
    if op == "clamp":
        lo, hi = at["min"], at["max"]
        return ([[x_(min(max(x, lo), hi)) for x in r] for r in a],
                {"a": mat(2, 3, lambda i, j: G[i][j] if lo <= a[i][j] <= hi else x_(0.0))})
    if op == "plus_scalar":
        c = x_(at["constant"])
        return [[add(x, c) for x in r] for r in A], {"a": G}
    if op == "times_scalar":
        c = x_(at["factor"])
        return [[mul(c, x) for x in r] for r in A], {"a": [[mul(c, x) for x in r] for r in G]}
    if op == "transpose":
        return transpose(A), {"a": transpose(G)}
    if op == "sum":
        return [[rsum([x for r in A for x in r])]], {"a": mat(2, 3, lambda i, j: G[0][0])}
    if op == "sum_rows":
        return [[rsum(r)] for r in A], {"a": mat(2, 3, lambda i, j: G[i][0])}
    if op == "sum_cols":
        return [[rsum([A[i][j] for i in range(2)]) for j in range(3)]], {"a": mat(2, 3, lambda i, j: G[0][j])}
    if op == "mean":
        return ([[div(rsum([x for r in A for x in r]), x_(6.0))]],
                {"a": mat(2, 3, lambda i, j: div(G[0][0], x_(6.0)))})
    if op == "frobenius_norm_squared":
        two_g = mul(x_(2.0), G[0][0])
        return [[rsum([mul(x, x) for r in A for x in r])]], {"a": [[mul(x, two_g) for x in r] for r in A]}
    if op == "softmax":
        Y = [row_softmax(r) for r in a]
        grad = []
        for i in range(2):
            w = rsum([mul(G[i][j], Y[i][j]) for j in range(3)])
            grad.append([mul(Y[i][j], sub(G[i][j], w)) for j in range(3)])
        return Y, {"a": grad}
    if op == "log_softmax":
        Y = [row_log_softmax(r) for r in a]
        grad = []
        for i in range(2):
            rs = rsum(G[i])
            grad.append([sub(G[i][j], mul(exp_(Y[i][j]), rs)) for j in range(3)])
        return Y, {"a": grad}
    if op == "max_per_row":
        out, grad = [], []
        for i, r in enumerate(a):
            best = 0
            for j in range(1, len(r)):
                if r[j] > r[best]:
                    best = j
            out.append([x_(r[best])])
            grad.append([G[i][0] if j == best else x_(0.0) for j in range(len(r))])
        return out, {"a": grad}
    b = ins.get("b")
    B = X(b) if b is not None else None
    if op == "plus":
        return mat(2, 3, lambda i, j: add(A[i][j], B[i][j])), {"a": G, "b": G}
    if op == "minus":
        return mat(2, 3, lambda i, j: sub(A[i][j], B[i][j])), {"a": G, "b": [[neg(x) for x in r] for r in G]}
    if op == "times":
        return (mat(2, 3, lambda i, j: mul(A[i][j], B[i][j])),
                {"a": mat(2, 3, lambda i, j: mul(G[i][j], B[i][j])), "b": mat(2, 3, lambda i, j: mul(G[i][j], A[i][j]))})
    if op == "div":
        Q = mat(2, 3, lambda i, j: div(A[i][j], B[i][j]))
        GB = mat(2, 3, lambda i, j: div(G[i][j], B[i][j]))
        return Q, {"a": GB, "b": mat(2, 3, lambda i, j: neg(mul(GB[i][j], Q[i][j])))}
    if op == "maximum":
        def share(x, y):
            return 1.0 if x > y else 0.0 if x < y else 0.5
        return (mat(2, 3, lambda i, j: A[i][j] if a[i][j] >= b[i][j] else B[i][j]),
                {"a": mat(2, 3, lambda i, j: mul(G[i][j], x_(share(a[i][j], b[i][j])))),
                 "b": mat(2, 3, lambda i, j: mul(G[i][j], x_(1.0 - share(a[i][j], b[i][j]))))})
    if op == "matmul":
        return product(A, B), {"a": product(G, transpose(B)), "b": product(transpose(A), G)}
    if op == "transpose_times":
        return product(transpose(A), B), {"a": product(B, transpose(G)), "b": product(A, G)}
    if op == "times_transpose":
        return product(A, transpose(B)), {"a": product(G, B), "b": product(transpose(G), A)}
    if op == "plus_row":
        return (mat(2, 3, lambda i, j: add(A[i][j], B[0][j])),
                {"a": G, "b": [[rsum([G[i][j] for i in range(2)]) for j in range(3)]]})
    if op == "dropout_mask":
        M = X(at["mask"])
        return (mat(2, 3, lambda i, j: mul(A[i][j], M[i][j])), {"a": mat(2, 3, lambda i, j: mul(G[i][j], M[i][j]))})
    if op == "softmax_cross_entropy":
        z = ins["logits"]
        n, k = shape(z)
        if "classes" in at:
            y = [[1.0 if c == at["classes"][i] else 0.0 for c in range(k)] for i in range(n)]
        else:
            y = at["targets"]
        lp = [row_log_softmax(r) for r in z]
        losses = []
        for i in range(n):
            loss = None
            for c in range(k):
                if y[i][c] != 0.0:
                    term = mul(x_(y[i][c]), lp[i][c])
                    loss = neg(term) if loss is None else sub(loss, term)  # 0.0 - t is -t exactly
            losses.append(loss)
        red = at["reduction"]
        if red == "none":
            out = [[l_] for l_ in losses]
            per = [G[i][0] for i in range(n)]
        elif red == "sum":
            out = [[rsum(losses)]]
            per = [G[0][0]] * n
        else:
            out = [[div(rsum(losses), x_(float(n)))]]
            per = [div(G[0][0], x_(float(n)))] * n
        mass = [rsum([x_(t) for t in y[i]]) for i in range(n)]
        grad = mat(n, k, lambda i, c: mul(per[i], sub(mul(exp_(lp[i][c]), mass[i]), x_(y[i][c]))))
        return out, {"logits": grad}
    if op == "binary_cross_entropy_with_logits":
        z, y = ins["logits"], at["targets"]
        n, k = shape(z)
        P = [[logistic(v) for v in r] for r in z]
        L = mat(n, k, lambda i, j: add(sub(x_(max(z[i][j], 0.0)), mul(x_(z[i][j]), x_(y[i][j]))),
                                       log1p_(exp_(x_(-abs(z[i][j]))))))
        R = mat(n, k, lambda i, j: sub(P[i][j], x_(y[i][j])))
        red = at["reduction"]
        if red == "none":
            return L, {"logits": mat(n, k, lambda i, j: mul(G[i][j], R[i][j]))}
        total = rsum([x for r in L for x in r])
        if red == "sum":
            return [[total]], {"logits": mat(n, k, lambda i, j: mul(R[i][j], G[0][0]))}
        gm = div(G[0][0], x_(float(n * k)))
        return [[div(total, x_(float(n * k)))]], {"logits": mat(n, k, lambda i, j: mul(R[i][j], gm))}
    raise KeyError("no certificate rule for op " + op)


# ------------------------------------------------------------------------------------------------
# Families

FAMILY_OF = {}
for _op in ("neg", "abs", "relu", "leaky_relu", "clamp", "plus_scalar", "times_scalar", "transpose", "max_per_row",
            "plus", "minus", "times", "maximum", "dropout_mask"):
    FAMILY_OF[_op] = "elementwise-correctly-rounded"
for _op in ("exp", "log", "sqrt", "pow", "div"):
    FAMILY_OF[_op] = "elementwise-libm"
for _op in ("sigmoid", "tanh"):
    FAMILY_OF[_op] = "elementwise-composite"
for _op in ("softmax", "log_softmax"):
    FAMILY_OF[_op] = "row-softmax"
for _op in ("sum", "sum_rows", "sum_cols", "mean", "frobenius_norm_squared", "plus_row"):
    FAMILY_OF[_op] = "reduction"
for _op in ("matmul", "transpose_times", "times_transpose"):
    FAMILY_OF[_op] = "matrix-product"
for _op in ("softmax_cross_entropy", "binary_cross_entropy_with_logits"):
    FAMILY_OF[_op] = "loss"

RUNNING = ("scale s and terms = ceil(t) + 1 from the running first-order bound |dlref - exact| <= t u s of the "
           "script's docstring, which follows dlref's order of operations: an input double s = |x|, t = 0; "
           "+/-: s = s_a + s_b, t = max(t_a, t_b) + 1; *: s = s_a s_b, t = t_a + t_b + 1; /: s = s_a/|b|, "
           "t = t_a + t_b s_b/|b| + 1; a libm call within c ulps: s = |f|, t = t_a s_a |f'|/|f| + 2c; the +1 in "
           "terms covers the second-order terms. s >= |exact| always; values with t = 0 carry no scale and are "
           "exact")

FAMILIES = {
    "elementwise-correctly-rounded": {
        "description": "neg, abs, relu, leaky_relu (slope the double 0.2), clamp (bounds included in the gradient), "
                       "plus_scalar, times_scalar, transpose, max_per_row (first maximising column), plus, minus, "
                       "times, maximum (tie share 1/2), dropout_mask (mask entries 0 or 2): every output and gradient "
                       "value is an input double, its negation, or one correctly rounded IEEE operation (+, -, *) on "
                       "input doubles and constants, so dlref is the correctly rounded exact value (0 ULPs). The "
                       "decisions (comparisons with 0, with the clamp bounds, between the two inputs, the row argmax) "
                       "are made on the input doubles, the same comparison as the exact function's.",
        "ulps": 0, "scaled": None, "scale": None, "order": None},
    "elementwise-libm": {
        "description": "exp, log, pow (StrictMath, within 1 ulp by Java's specification), sqrt and div (correctly "
                       "rounded): outputs are one libm call or one correctly rounded operation (within 1 ULP of the "
                       "correctly rounded value); gradients are products and quotients of such results with g "
                       "(exp: g y; log: g/a; sqrt: g/(2y); pow: (g p) a^(p-1); div: g/b and -(g/b)(a/b)), whose "
                       "relative error has no cancellation: at most (sum of 2c per libm call + 1 per rounding) u, "
                       "checked with scale = |exact| (the running bound gives exactly that scale here).",
        "ulps": 1, "scaled": 1, "scale": RUNNING, "order": None},
    "elementwise-composite": {
        "description": "sigmoid (Sigmoid.logistic: 1/(1+exp(-a)) for a >= 0, exp(a)/(1+exp(a)) otherwise, "
                       "StrictMath.exp) and tanh (Math.tanh, within 2.5 ulps by Java's specification, so at most 2 "
                       "ULPs from the correctly rounded value); gradients g y (1 - y) and g (1 - y y) are computed "
                       "from the rounded y, whose error (up to 5u relative for tanh) propagates through 1 - y y "
                       "(and 1 - y) with possible cancellation, so the bound is absolute with "
                       "scale = |g| y (1 + y) (sigmoid) or |g| (1 + y^2) (tanh) and terms from the running bound.",
        "ulps": 2, "scaled": 1, "scale": RUNNING, "order": None},
    "row-softmax": {
        "description": "softmax and log_softmax of each row as Rows.java computes them: row maximum m (exact), "
                       "d_j = fl(z_j - m) (error u|z_j - m| <= u(|z_j| + |m|)), StrictMath.exp, a left-to-right "
                       "row sum, then e_j / S (softmax, relative error bound, no cancellation) or d_j - log S "
                       "(log_softmax, absolute bound with scale |z_j| + |m| + log S). "
                       "Gradients y (g - sum g y) and g - exp(y) sum g cancel, so their bound is absolute with "
                       "scale the same formula evaluated on absolute values.",
        "ulps": 0, "scaled": 1, "scale": RUNNING, "order": None},
    "reduction": {
        "description": "sum (6 entries, row-major), sum_rows (3 per row), sum_cols (2 per column), mean (the sum / 6), "
                       "frobenius_norm_squared (sum of a_ij^2, row-major) and plus_row (its output a + r is one "
                       "rounding; the gradient of r is the column sum of g): recursive summation of n terms errs "
                       "by at most gamma_{n-1} sum |x_i| <= (n - 1) u sum |x_i| (first order), with one more "
                       "rounding per product (frobenius: gamma_n sum a_ij^2) or quotient (mean). So terms = n for a "
                       "sum of n doubles with scale = sum |x_i|, terms = n + 1 with scale = sum a_ij^2 for "
                       "frobenius, terms = 7 with scale = sum |a_ij| / 6 for mean. Broadcast gradients are copies "
                       "of g (exact); mean's g/6 and frobenius' (2g) a_ij are one or two roundings.",
        "ulps": 0, "scaled": 1, "scale": RUNNING, "order": None},
    "matrix-product": {
        "description": "matmul A B, transpose_times A^T B, times_transpose A B^T and their gradients (G B^T, A^T G; "
                       "B G^T, A G; G B, G^T A), each entry a dot product of inner length n computed by EJML or the "
                       "packed kernels in some order of recursive summation: |dlref - exact| <= gamma_n "
                       "sum_k |a_ik b_kj| for every order, so terms = n + 1 (n u / (1 - n u) <= (n + 1) u) and "
                       "scale = sum_k |a_ik b_kj| over the entry's own operands.",
        "ulps": 0, "scaled": 1, "scale": RUNNING, "order": None},
    "loss": {
        "description": "softmax_cross_entropy (class-index and probability targets; reductions none, mean, sum) and "
                       "binary_cross_entropy_with_logits (max(z, 0) - z y + log1p(exp(-|z|)), StrictMath.log1p of "
                       "Math.exp; reductions none, mean over all 6, sum) as the op classes compute them: the loss "
                       "from the row log-softmax, -sum_k y_k lp_k over the nonzero targets, then the row sum or "
                       "the sum divided by the count; gradients perSample * (exp(lp) * mass - y) with mass the "
                       "target row sum (1 for class indices) and sigma(z) - y times g, g/N or g/(N K). Absolute "
                       "bounds (the residuals cancel) with the running bound's scale and terms.",
        "ulps": 0, "scaled": 1, "scale": RUNNING, "order": None},
}


def certified(path, dlref, b, scaled):
    if scaled and b.t > 0:
        return certlib.value(path, dlref, b.e, scale=b.s, terms=int(mpmath.ceil(b.t)) + 1)
    return certlib.value(path, dlref, b.e)


def entry_values(v, scaled):
    out, grads = op_values(v)
    vals = []
    for base, dl, ex in [("/output", v["output"], out)] + [("/gradients/" + k, v["gradients"][k], grads[k])
                                                              for k in v["gradients"]]:
        if shape(dl) != shape(ex):
            raise AssertionError("%s %s: shape %s, certificate %s" % (v["op"], base, shape(dl), shape(ex)))
        for i, row in enumerate(dl):
            for j, d in enumerate(row):
                vals.append(certified("%s/%d/%d" % (base, i, j), d, ex[i][j], scaled))
    return vals


# ------------------------------------------------------------------------------------------------
# Spot checks: a second, independent formulation of some exact values (closed forms, mp.diff)

def spot_checks(doc, entries):
    problems = []
    count = [0]
    by = {e["entry"]: e for e in entries}

    def got(n, path):
        if path not in [x["path"] for x in by["/vectors/%d" % n]["values"]]:
            raise AssertionError("spot check of a path that is not certified: %s" % path)
        out, grads = op_values(doc["vectors"][n])  # the exact mpf values, not the printed decimals
        parts = path.split("/")
        m = out if parts[1] == "output" else grads[parts[2]]
        return m[int(parts[-2])][int(parts[-1])].e

    def close(n, path, want, what):
        count[0] += 1
        have = got(n, path)
        if abs(have - want) > mpf(10) ** -30 * max(abs(want), mpf(10) ** -10):
            problems.append("spot check %s /vectors/%d %s: %s vs %s" % (what, n, path, have, want))

    unary = {"exp": mpmath.exp, "log": mpmath.log, "sqrt": mpmath.sqrt, "tanh": mpmath.tanh,
             "sigmoid": lambda x: 1 / (1 + mpmath.exp(-x))}
    vs = doc["vectors"]
    for n, e in enumerate(vs):
        op, a, g = e["op"], e["inputs"].get("a"), e["upstream"]
        if op in unary or op == "pow":
            f = unary.get(op) or (lambda x, p=exact(e["attributes"]["exponent"]): x ** p)
            for i in range(2):
                for j in range(3):  # every value: the function and mp.diff of it (numerical, 60 digits)
                    x = exact(a[i][j])
                    close(n, "/output/%d/%d" % (i, j), f(x), "definition")
                    close(n, "/gradients/a/%d/%d" % (i, j), exact(g[i][j]) * mpmath.diff(f, x), "mp.diff")
        if op == "div":
            x, y = exact(a[1][1]), exact(e["inputs"]["b"][1][1])
            close(n, "/gradients/b/1/1", exact(g[1][1]) * mpmath.diff(lambda t: x / t, y), "mp.diff")
        if op == "tanh":
            close(n, "/gradients/a/1/2", exact(g[1][2]) * mpmath.sech(exact(a[1][2])) ** 2, "tanh' = sech^2")
        if op == "sigmoid":
            x = exact(a[0][1])
            close(n, "/output/0/1", (1 + mpmath.tanh(x / 2)) / 2, "sigmoid = (1 + tanh(x/2))/2")
            close(n, "/gradients/a/0/1", exact(g[0][1]) / (4 * mpmath.cosh(x / 2) ** 2), "sigmoid' = 1/(4cosh^2)")
        if op in ("softmax", "log_softmax"):
            row = [exact(t) for t in a[1]]
            gi = [exact(t) for t in g[1]]
            def f(t, j=1):  # sum_k g_k op(z)_k as a function of z_1
                z = list(row)
                z[j] = t
                den = mpmath.fsum(mpmath.exp(q) for q in z)
                ys = [mpmath.exp(q) / den if op == "softmax" else mpmath.log(mpmath.exp(q) / den) for q in z]
                return mpmath.fsum(gk * yk for gk, yk in zip(gi, ys))
            close(n, "/gradients/a/1/1", mpmath.diff(f, row[1]), "mp.diff")
            den = mpmath.fsum(mpmath.exp(q) for q in row)
            close(n, "/output/1/2", mpmath.exp(row[2]) / den if op == "softmax" else mpmath.log(mpmath.exp(row[2]) / den),
                  "unshifted softmax")
        if op in ("matmul", "transpose_times", "times_transpose"):
            A = mpmath.matrix([[exact(t) for t in r] for r in e["inputs"]["a"]])
            B = mpmath.matrix([[exact(t) for t in r] for r in e["inputs"]["b"]])
            C = {"matmul": lambda: A * B, "transpose_times": lambda: A.T * B,
                 "times_transpose": lambda: A * B.T}[op]()
            close(n, "/output/1/2", C[1, 2], "mpmath matrix product")
        if op == "binary_cross_entropy_with_logits" and e["attributes"]["reduction"] == "none":
            z, y = exact(e["inputs"]["logits"][0][1]), exact(e["attributes"]["targets"][0][1])
            s = 1 / (1 + mpmath.exp(-z))
            close(n, "/output/0/1", -(y * mpmath.log(s) + (1 - y) * mpmath.log(1 - s)), "BCE definition")
            close(n, "/gradients/logits/0/1", exact(g[0][1]) * mpmath.diff(
                lambda t: -(y * mpmath.log(1 / (1 + mpmath.exp(-t))) + (1 - y) * mpmath.log(1 - 1 / (1 + mpmath.exp(-t)))),
                z), "mp.diff of BCE")
        if op == "softmax_cross_entropy" and e["attributes"]["reduction"] == "mean":
            zs = [[exact(t) for t in r] for r in e["inputs"]["logits"]]
            if "classes" in e["attributes"]:
                ys = [[mpf(1) if c == e["attributes"]["classes"][i] else mpf(0) for c in range(3)] for i in range(2)]
            else:
                ys = [[exact(t) for t in r] for r in e["attributes"]["targets"]]

            def ce(t):
                tot = 0
                for i in range(2):
                    z = list(zs[i])
                    if i == 0:
                        z[2] = t
                    den = mpmath.fsum(mpmath.exp(q) for q in z)
                    tot += -mpmath.fsum(ys[i][c] * mpmath.log(mpmath.exp(z[c]) / den) for c in range(3))
                return tot / 2
            close(n, "/output/0/0", ce(zs[0][2]), "CE definition")
            close(n, "/gradients/logits/0/2", exact(g[0][0]) * mpmath.diff(ce, zs[0][2]), "mp.diff of CE")
    print("spot checks: %d exact values agree with a second formulation to 30 digits" % count[0])
    return problems


def perturbation_check(trials=60, seed=1):
    """A check of the running bound itself (run with --perturbation-check; about ten seconds, writes nothing):
    recomputes every value with each correctly rounded operation perturbed by a random relative error of
    magnitude in [u/2, u] and each libm call by one in [c u, 2 c u] (the standard model), and reports the largest
    |perturbed - exact| / (terms u scale) seen; it must stay below 1."""
    import random
    rnd = random.Random(seed)
    base = {k: globals()[k] for k in ("x_", "add", "sub", "mul", "div", "neg", "libm")}

    def perturb(x, c=1):
        return x * (1 + rnd.choice((-1, 1)) * rnd.uniform(0.5, 1) * c * certlib.U)

    def wrap(b, p):
        b.p = p
        return b

    patched = {
        "x_": lambda d: wrap(Perturbed.of(base["x_"](d)), exact(d)),
        "add": lambda a, b: wrap(Perturbed.of(base["add"](a, b)), perturb(a.p + b.p)),
        "sub": lambda a, b: wrap(Perturbed.of(base["sub"](a, b)), perturb(a.p - b.p)),
        "mul": lambda a, b: wrap(Perturbed.of(base["mul"](a, b)), perturb(a.p * b.p)),
        "div": lambda a, b: wrap(Perturbed.of(base["div"](a, b)), perturb(a.p / b.p)),
        "neg": lambda a: wrap(Perturbed.of(base["neg"](a)), -a.p),
        "libm": lambda f, fp, a, c: wrap(Perturbed.of(base["libm"](f, fp, a, c)), perturb(f(a.p), 2 * c)),
    }
    globals().update(patched)
    worst = mpf(0)
    try:
        doc = certlib.load_vectors(NAME)
        for _ in range(trials):
            for v in doc["vectors"]:
                out, grads = op_values(v)
                for m in [out] + list(grads.values()):
                    for b in (b for row in m for b in row):
                        if b.t == 0 or b.s == 0:
                            if b.p != b.e:
                                raise AssertionError("a value with no error term moved")
                            continue
                        worst = max(worst, abs(b.p - b.e) / ((mpmath.ceil(b.t) + 1) * certlib.U * b.s))
    finally:
        globals().update(base)
    print("perturbation check: largest perturbed error / bound = %s over %d trials" % (mpmath.nstr(worst, 4), trials))
    if worst >= 1:
        sys.exit(1)


class Perturbed(Bounded):
    __slots__ = ("p",)

    @staticmethod
    def of(b):
        return Perturbed(b.e, b.s, b.t)


def main():
    if "--perturbation-check" in sys.argv[1:]:
        perturbation_check()
        return
    doc = certlib.load_vectors(NAME)
    entries = []
    for n, v in enumerate(doc["vectors"]):
        fam = FAMILY_OF[v["op"]]
        key = v["op"]
        if v["attributes"]:
            key += " " + ", ".join("%s=%s" % (k, v["attributes"][k]) for k in sorted(v["attributes"])
                                   if k in ("exponent", "reduction", "negative_slope", "min", "max", "p", "constant",
                                            "factor"))
            if "classes" in v["attributes"]:
                key += ", class indices"
            elif "targets" in v["attributes"]:
                key += ", probability targets" if v["op"] == "softmax_cross_entropy" else ", 0/1 targets"
        entries.append({"entry": "/vectors/%d" % n, "key": key, "family": fam,
                        "values": entry_values(v, FAMILIES[fam]["scaled"] is not None)})
    problems = spot_checks(doc, entries)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print("%d spot-check problems; certificate not written" % len(problems), file=sys.stderr)
        sys.exit(1)
    certlib.write_certificate(NAME, SCRIPT, FIELDS, FAMILIES, entries, vectors=doc)
    hist = {}
    for e in entries:
        for x in e["values"]:
            b = ("0" if x["ulps"] == 0 else "1" if x["ulps"] == 1 else "2" if x["ulps"] == 2 else "3-4"
                 if x["ulps"] <= 4 else "5-16" if x["ulps"] <= 16 else ">16")
            hist[b] = hist.get(b, 0) + 1
    print("ULPs:", ", ".join("%s: %d" % (k, hist.get(k, 0)) for k in ("0", "1", "2", "3-4", "5-16", ">16")))


if __name__ == "__main__":
    main()
