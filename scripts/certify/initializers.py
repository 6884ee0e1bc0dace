"""Certificate of vectors/initializers.json (issue 22): every drawn value against the exact initializer.

Run from the worktree root: /usr/bin/python3 scripts/certify/initializers.py  (a few seconds).

The draws come from java.util.Random with the entry's seed (dlref's Rng is that algorithm). The raw integers and
nextDouble's uniforms u = ((next(26) << 27) + next(27)) 2^-53 are exact dyadic numbers, reproduced here with the
Python kit's transcription (clients/python/dlref_client/javarandom.py, JavaRandom.next_double; its next_gaussian
is not used). The exact values are the initializers' documented formulas applied exactly to those uniforms:

  uniform U(a, b):        a + (b - a) u, with a, b the doubles of the spec (or the exact bound below);
  normal N(mean, std^2):  mean + std g, g the exact Gaussian of Marsaglia's polar method as nextGaussian uses it:
                          v1 = 2 u1 - 1, v2 = 2 u2 - 1 (exact in double), s = v1^2 + v2^2 exact, rejected while
                          s >= 1 or s == 0 (the exact s decides; the script stops if dlref's rounded s would decide
                          otherwise), g = v1 sqrt(-2 ln s / s) and the cached second value v2 sqrt(-2 ln s / s);
  xavier_uniform:         U(-b, b), b = gain sqrt(6 / (fan_in + fan_out));   xavier_normal: std = gain sqrt(2 /
                          (fan_in + fan_out));   kaiming_uniform: b = gain sqrt(3 / fan);   kaiming_normal: std =
                          gain / sqrt(fan); gain = sqrt(2 / (1 + a^2)) (leaky_relu, a = 0 by default), sqrt(2)
                          (relu); fan_in = cols, fan_out = rows (an out x in weight);
  orthogonal:             the thin QR of the exact Gaussian matrix (rows x cols, row-major draws; transposed
                          first when rows < cols and Q transposed back), with R's diagonal positive (dlref's sign
                          convention, which makes Q unique: Gram-Schmidt in 60 digits), times gain;
  linear layer default:   weight (out x in, row-major) then bias from U(-1/sqrt(in), 1/sqrt(in)), one generator.

Error bounds: running error bounds (Higham, section 3.3) of dlref's operation sequence, derived from the inputs
only (see the family descriptions); for orthogonal, first-order perturbation theory of the QR factorisation with
Householder QR's backward error (Higham, Theorem 19.4).
"""

import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "clients", "python"))
import certlib  # noqa: E402
from certlib import exact, mpf, value  # noqa: E402
import mpmath  # noqa: E402
from dlref_client.javarandom import JavaRandom  # noqa: E402

NAME = "initializers"
SCRIPT = "scripts/certify/initializers.py"
U = certlib.U
# the certificate's exact values are 25-digit decimals (relative error < 5e-25 < 1e-8 u): every scale adds
# 1e-8 |exact| so that the bound holds against the printed decimal when dlref's double is the exact value itself
DECIMAL_SLACK = mpf(10) ** -8
# Higham's gamma~_k = c k u / (1 - c k u) leaves c as "a small integer constant"; taken here as 8
HOUSEHOLDER_C = 8


class R:
    """(v, e): v the exact value of a subexpression, e a bound on |dlref's double - v| (running error bound).
    Correctly rounded + - * / sqrt add u |result|; a libm call within 1 ULP adds 2u |result|."""
    __slots__ = ("v", "e")

    def __init__(self, v, e=0):
        self.v = mpf(v)
        self.e = mpf(e)

    @staticmethod
    def _round(v, e0, libm=False):
        return R(v, e0 + (2 if libm else 1) * U * (abs(v) + e0))

    def __add__(self, o):
        return R._round(self.v + o.v, self.e + o.e)

    def __sub__(self, o):
        return R._round(self.v - o.v, self.e + o.e)

    def __mul__(self, o):
        return R._round(self.v * o.v, abs(self.v) * o.e + abs(o.v) * self.e + self.e * o.e)

    def __truediv__(self, o):
        if o.e >= abs(o.v):
            raise ValueError("division by an interval containing 0")
        return R._round(self.v / o.v, (self.e * abs(o.v) + abs(self.v) * o.e) / (abs(o.v) * (abs(o.v) - o.e)))

    def neg(self):
        return R(-self.v, self.e)

    def times_exact(self, c):
        return R(self.v * c, self.e * abs(c))


def monotone(f, x, libm):
    v = f(x.v)
    e0 = max(abs(f(x.v - x.e) - v), abs(f(x.v + x.e) - v))
    return R(v, e0 + (2 if libm else 1) * U * (abs(v) + e0))


def rsqrt(x):
    return monotone(mpmath.sqrt, x, libm=False)


def rlog(x):
    return monotone(mpmath.log, x, libm=True)


class Draws:
    """java.util.Random(seed): exact uniforms, and Gaussians as (exact g, dlref's running bound R, dlref's double
    decisions checked against the exact ones)."""

    def __init__(self, seed):
        self.rng = JavaRandom(seed)
        self.cached = None
        self.rejections = []

    def uniform(self):
        return self.rng.next_double()  # exact dyadic: an integer below 2^53 times 2^-53

    def gaussian(self):
        if self.cached is not None:
            g, self.cached = self.cached, None
            return g
        while True:
            u1, u2 = self.uniform(), self.uniform()
            v1, v2 = 2 * u1 - 1, 2 * u2 - 1  # exact in double (53-bit integers times 2^-53)
            s = mpf(v1) ** 2 + mpf(v2) ** 2
            s_d = v1 * v1 + v2 * v2  # dlref's double
            accept = not (s >= 1 or s == 0)
            if accept != (not (s_d >= 1 or s_d == 0)):
                raise SystemExit("nextGaussian: the exact s = %s and dlref's double %r decide differently" % (s, s_d))
            if accept:
                break
            self.rejections.append(s)
        m = mpmath.sqrt(-2 * mpmath.log(s) / s)
        # dlref: s_d = v1 v1 + v2 v2, StrictMath.log, -2 * log exact, / s_d, StrictMath.sqrt, times v1 (v2)
        rs = R(v1) * R(v1) + R(v2) * R(v2)
        rm = rsqrt(rlog(rs).times_exact(-2) / rs)
        first = (mpf(v1) * m, R(v1) * rm, s)
        self.cached = (mpf(v2) * m, R(v2) * rm, s)
        return first


def uniform_matrix(draws, rows, cols, lo, hi):
    """lo + (hi - lo) u in row-major order; lo, hi are R's (exact value and dlref's error)."""
    width = hi - lo
    out = []
    for _ in range(rows):
        row = []
        for _ in range(cols):
            u = R(draws.uniform())
            row.append(lo + width * u)
        out.append(row)
    return out


def gaussian_matrix(draws, rows, cols, mean, std):
    out, gs = [], []
    for _ in range(rows):
        row, grow = [], []
        for _ in range(cols):
            g, rg, s = draws.gaussian()
            r = mean + std * rg
            if r.v != mean.v + std.v * g:
                raise SystemExit("replayed Gaussian differs from the exact one")
            row.append(r)
            grow.append((g, rg, s))
        out.append(row)
        gs.append(grow)
    return out, gs


# ---------------------------------------------------------------------------------------------------------------
# Orthogonal: exact thin QR and the first-order perturbation bound

def mat(rows):
    return mpmath.matrix(rows)


def thin_qr(A):
    """Gram-Schmidt (modified) in 60 digits: A = Q R, m >= n, R's diagonal positive (the unique thin QR)."""
    m, n = A.rows, A.cols
    Q = A.copy()
    Rm = mpmath.zeros(n, n)
    for j in range(n):
        for i in range(j):
            r = sum(Q[k, i] * Q[k, j] for k in range(m))
            Rm[i, j] = r
            for k in range(m):
                Q[k, j] -= r * Q[k, i]
        nrm = mpmath.sqrt(sum(Q[k, j] ** 2 for k in range(m)))
        if nrm == 0:
            raise SystemExit("orthogonal: a rank-deficient draw")
        Rm[j, j] = nrm
        for k in range(m):
            Q[k, j] /= nrm
    return Q, Rm


def qr_derivative(Q, Rm, E):
    """dQ for dA = E: dQ = E R^-1 - Q C + Q X, C = Q^T E R^-1, X = strict_lower(C) - strict_lower(C)^T."""
    n = Rm.rows
    Rinv = Rm ** -1
    ERi = E * Rinv
    C = Q.T * ERi
    X = mpmath.zeros(n, n)
    for i in range(n):
        for j in range(i):
            X[i, j] = C[i, j]
            X[j, i] = -C[i, j]
    return ERi - Q * C + Q * X


def orthogonal_bounds(A, Ae, Q, Rm):
    """Per entry of Q (m x n, m >= n): first-order bound of |dlref's Q - Q(A)| where dlref's draws are A + D,
    |D_kl| <= Ae_kl (the Gaussians' running bounds), and Householder QR in double is backward stable (Higham,
    Theorem 19.4): the computed Q is within sqrt(n) gamma_mn (Frobenius) of the exact thin Q of A + D + H with
    ||H e_l||_2 <= gamma_mn ||(A + D) e_l||_2, gamma_mn = c m n u / (1 - c m n u)."""
    m, n = A.rows, A.cols
    g = HOUSEHOLDER_C * m * n * U / (1 - HOUSEHOLDER_C * m * n * U)
    colnorm = [mpmath.sqrt(sum(A[k, l] ** 2 for k in range(m))) + mpmath.sqrt(sum(Ae[k][l] ** 2 for k in range(m)))
               for l in range(n)]
    bound = [[mpf(0)] * n for _ in range(m)]
    for k in range(m):
        for l in range(n):
            E = mpmath.zeros(m, n)
            E[k, l] = 1
            dQ = qr_derivative(Q, Rm, E)
            pert = Ae[k][l] + g * colnorm[l]
            for i in range(m):
                for j in range(n):
                    bound[i][j] += abs(dQ[i, j]) * pert
    # second-order terms: relative size (||perturbation|| / sigma_min(A))^2 ~ 1e-28 here; a factor 1 + 1e-6 covers
    return [[(bound[i][j] + math.sqrt(n) * g) * (1 + mpf(10) ** -6) for j in range(n)] for i in range(m)]


def check_derivative(A, Q, Rm):
    """Spot check of qr_derivative by a central difference of the exact QR."""
    h = mpf(10) ** -25
    E = mpmath.zeros(A.rows, A.cols)
    E[A.rows - 1, 0] = 1
    E[0, A.cols - 1] = mpf(1) / 3
    Qp, _ = thin_qr(A + h * E)
    Qm, _ = thin_qr(A - h * E)
    fd = (Qp - Qm) / (2 * h)
    an = qr_derivative(Q, Rm, E)
    if mpmath.mnorm(fd - an, 1) > mpf(10) ** -30:
        raise SystemExit("QR derivative check failed")
    if mpmath.mnorm(Q.T * Q - mpmath.eye(A.cols), 1) > mpf(10) ** -50 or mpmath.mnorm(Q * Rm - A, 1) > mpf(10) ** -50:
        raise SystemExit("exact QR check failed")


# ---------------------------------------------------------------------------------------------------------------

def init_values(spec, rows, cols, seed):
    """The exact values and dlref's running error bounds (matrices of R), and the family name."""
    typ = spec["type"]
    draws = Draws(seed)
    fan_in, fan_out = cols, rows
    if typ in ("constant", "zeros", "ones"):
        val = {"constant": spec.get("val"), "zeros": 0.0, "ones": 1.0}[typ]
        return [[R(val) for _ in range(cols)] for _ in range(rows)], "constant-exact"
    if typ == "uniform":
        return uniform_matrix(draws, rows, cols, R(spec.get("a", 0.0)), R(spec.get("b", 1.0))), "uniform-affine"
    if typ == "normal":
        return gaussian_matrix(draws, rows, cols, R(spec.get("mean", 0.0)), R(spec.get("std", 1.0)))[0], \
            "gaussian-polar"
    if typ in ("xavier_uniform", "xavier_normal"):
        gain = R(spec.get("gain", 1.0))
        # dlref: std = gain * sqrt(2.0 / (fan_in + fan_out)); bound = sqrt(3.0) * std
        std = gain * rsqrt(R(2.0) / R(fan_in + fan_out))
        if typ == "xavier_normal":
            return gaussian_matrix(draws, rows, cols, R(0.0), std)[0], "gaussian-polar"
        b = rsqrt(R(3.0)) * std
        return uniform_matrix(draws, rows, cols, b.neg(), b), "uniform-affine"
    if typ in ("kaiming_uniform", "kaiming_normal"):
        nl = spec.get("nonlinearity", "leaky_relu")
        if nl == "relu":
            gain = rsqrt(R(2.0))
        elif nl == "linear":
            gain = R(1.0)
        elif nl == "tanh":
            gain = R(5.0) / R(3)
        else:
            a = R(spec.get("a", 0.0))
            gain = rsqrt(R(2.0) / (R(1) + a * a))
        fan = fan_out if spec.get("mode", "fan_in") == "fan_out" else fan_in
        std = gain / rsqrt(R(fan))
        if typ == "kaiming_normal":
            return gaussian_matrix(draws, rows, cols, R(0.0), std)[0], "gaussian-polar"
        b = rsqrt(R(3.0)) * std
        return uniform_matrix(draws, rows, cols, b.neg(), b), "uniform-affine"
    if typ == "orthogonal":
        gain = exact(spec.get("gain", 1.0))
        _, gs = gaussian_matrix(draws, rows, cols, R(0.0), R(1.0))
        wide = rows < cols
        G = [[x[0] for x in row] for row in gs]
        Ge = [[(R(0.0) + R(1.0) * x[1]).e for x in row] for row in gs]
        if wide:
            G = [list(c) for c in zip(*G)]
            Ge = [list(c) for c in zip(*Ge)]
        A = mat(G)
        Q, Rm = thin_qr(A)
        check_derivative(A, Q, Rm)
        B = orthogonal_bounds(A, Ge, Q, Rm)
        out = [[R(Q[i, j], B[i][j]) for j in range(A.cols)] for i in range(A.rows)]
        if wide:
            out = [list(c) for c in zip(*out)]
        if gain != 1:
            out = [[R(gain) * q for q in row] for row in out]
        return out, "orthogonal-qr"
    raise SystemExit("unknown initializer " + typ)


def linear_default(n_in, n_out, seed):
    """Linear's reset: k = 1 / sqrt(in); weight (out x in) then bias (1 x out) from U(-k, k), one generator."""
    draws = Draws(seed)
    k = R(1.0) / rsqrt(R(n_in))
    w = uniform_matrix(draws, n_out, n_in, k.neg(), k)
    b = uniform_matrix(draws, 1, n_out, k.neg(), k)
    return {"0.weight": w, "0.bias": b}


def certified(base, dlref_matrix, rmatrix, kmax, fam):
    out = []
    for i, row in enumerate(dlref_matrix):
        for j, d in enumerate(row):
            r = rmatrix[i][j]
            scale = r.e / U * (1 + mpf(10) ** -30) + DECIMAL_SLACK * abs(r.v)
            if r.v != 0:
                kmax[fam] = max(kmax.get(fam, mpf(0)), scale / abs(r.v))
            if fam == "constant-exact":
                out.append(value("%s/%d/%d" % (base, i, j), d, r.v))
            else:
                out.append(value("%s/%d/%d" % (base, i, j), d, r.v, scale=scale, terms=1))
    return out


def main():
    vec = certlib.load_vectors(NAME)
    entries, kmax = [], {}
    for n, e in enumerate(vec["vectors"]):
        if "init" in e:
            spec = e["init"]
            rm, fam = init_values(spec, e["rows"], e["cols"], e["seed"])
            key = ", ".join("%s=%s" % (k, spec[k]) for k in spec) + ", %dx%d, seed %d" % (e["rows"], e["cols"],
                                                                                            e["seed"])
            vals = certified("/values", e["values"], rm, kmax, fam)
        elif e.get("layer", {}).get("type") == "linear":
            params = linear_default(e["in"], e["layer"]["out"], e["seed"])
            fam = "uniform-affine"
            key = "linear layer default, in %d, out %d, seed %d" % (e["in"], e["layer"]["out"], e["seed"])
            vals = []
            for name in ("0.weight", "0.bias"):
                vals += certified("/parameters/" + name, e["parameters"][name], params[name], kmax, fam)
        else:
            raise SystemExit("entry %d: unknown kind" % n)
        entries.append({"entry": "/vectors/%d" % n, "key": key, "family": fam, "values": vals})
    return vec, entries, kmax


def spot_checks():
    """Independent formulations of a few exact values."""
    # java.util.Random(42): nextDouble() is 0.7275636800328681 and nextGaussian() 1.1419053154730547 (Java's own
    # output, widely quoted); the exact values round to them or within an ULP
    if JavaRandom(42).next_double() != 0.7275636800328681:
        raise SystemExit("spot check failed: JavaRandom(42).next_double()")
    d = Draws(42)
    g, _, s = d.gaussian()
    if abs(g - mpf("1.1419053154730547")) > mpf(10) ** -15:
        raise SystemExit("spot check failed: first Gaussian of seed 42 is %s" % g)
    # the polar form equals sqrt(-2 ln s) cos(atan2(v2, v1)) (Box-Muller with the angle of (v1, v2))
    d = Draws(42)
    r = d.rng
    while True:
        v1, v2 = 2 * r.next_double() - 1, 2 * r.next_double() - 1
        s2 = mpf(v1) ** 2 + mpf(v2) ** 2
        if 0 < s2 < 1:
            break
    polar = Draws(42).gaussian()[0]
    box = mpmath.sqrt(-2 * mpmath.log(s2)) * mpmath.cos(mpmath.atan2(v2, v1))
    if abs(polar - box) > mpf(10) ** -50:
        raise SystemExit("spot check failed: polar %s, Box-Muller form %s" % (polar, box))
    # Gram-Schmidt against mpmath's Householder QR (signs fixed so that R's diagonal is positive)
    d = Draws(7)
    A = mpmath.matrix([[d.gaussian()[0] for _ in range(3)] for _ in range(5)])
    Q, Rm = thin_qr(A)
    Qh, Rh = mpmath.qr(A, mode="skinny")
    for j in range(3):
        sgn = 1 if Rh[j, j] > 0 else -1
        for i in range(5):
            if abs(sgn * Qh[i, j] - Q[i, j]) > mpf(10) ** -50:
                raise SystemExit("spot check failed: Gram-Schmidt and Householder QR differ")


if __name__ == "__main__":
    spot_checks()
    vectors, entries, kmax = main()
    gk = int(mpmath.ceil(kmax["gaussian-polar"]))
    running = ("The scaled bound is a running error bound (Higham, section 3.3) of dlref's operation sequence, "
               "derived per value from the inputs (never from dlref's output): each correctly rounded operation "
               "(+ - * / Math.sqrt StrictMath.sqrt) adds u |result| to the propagated error, each StrictMath.log "
               "(fdlibm, within 1 ULP) adds 2u |result|, propagated errors use exact interval bounds; 'scale' is that "
               "bound divided by u (plus 1e-8 |exact| for the 25-digit decimal), terms = 1, K = 1.")
    families = {
        "constant-exact": {
            "description": "constant, zeros, ones: every value is the spec's double itself (no arithmetic), 0 ULP.",
            "ulps": 0, "scaled": None, "scale": None, "order": None},
        "uniform-affine": {
            "description": "uniform, xavier_uniform, kaiming_uniform and the linear layer's default U(-1/sqrt(in), "
                           "1/sqrt(in)): dlref computes lo + (hi - lo) u with u = nextDouble() (exact) and, for the "
                           "fan-based forms, the bound b = sqrt(3) * gain * sqrt(2 / (fan_in + fan_out)) (xavier), "
                           "sqrt(3) * (gain / sqrt(fan)) with gain = sqrt(2) (kaiming, leaky_relu with a = 0), "
                           "1 / sqrt(in) (linear): up to six roundings in b, then two in lo + width u. When lo, hi "
                           "and the width are exact (uniform(-0.5, 0.5), the linear layer with in = 4) width u is "
                           "exact and the result is one correctly rounded sum: 0 ULP. Otherwise -b + 2b u cancels "
                           "near u = 1/2, so the error in ULPs has no fixed bound (U = 0: only correctly rounded "
                           "values pass without the scaled bound); the error is at most about 8u b. " + running,
            "ulps": 0, "scaled": 1,
            "scale": "the running error bound of dlref's operation sequence for this value, divided by u; terms: 1",
            "order": None},
        "gaussian-polar": {
            "description": "normal, xavier_normal (gain 2), kaiming_normal (relu, fan_out): mean + std g with g from "
                           "nextGaussian (Marsaglia's polar method): dlref rounds s = v1 v1 + v2 v2 (v1, v2 exact), "
                           "calls StrictMath.log(s) (fdlibm, < 1 ULP), divides -2 log s by s, takes StrictMath.sqrt "
                           "and multiplies by v1 (or v2), then by std (itself from up to four roundings) and adds the "
                           "mean (0). The relative error is about (9 + 1 / |ln s|) u: the rounding of s is amplified "
                           "by 1 / |ln s| in log s, which has no fixed bound as s -> 1, hence the scaled bound. "
                           + running + " Over these values the running bound is at most %d u |exact|, so dlref is "
                           "within 2 * %d + 1 = %d ULPs (a factor 2 for a binade boundary, 1 for rounding the exact "
                           "value). Every rejection decision of the polar method (s >= 1 or s == 0) is taken on the "
                           "exact s and checked to be dlref's." % (gk, gk, 2 * gk + 1),
            "ulps": 2 * gk + 1, "scaled": 1,
            "scale": "the running error bound of dlref's operation sequence for this value, divided by u; terms: 1",
            "order": None},
        "orthogonal-qr": {
            "description": "orthogonal (gain 1 and 1.5): dlref draws a Gaussian matrix (row-major, nextGaussian), "
                           "transposes it when wide, takes EJML's Householder QR, flips the signs of Q's columns "
                           "where R's diagonal is negative, transposes back and multiplies by gain. The exact value "
                           "is the unique thin QR (R's diagonal positive) of the exact Gaussian matrix A, computed by "
                           "Gram-Schmidt in 60 digits. Bound, to first order (second-order terms are below 1e-25 "
                           "relative here and covered by a factor 1 + 1e-6): dlref's Q is the exact Q of A + D + H "
                           "plus F, where |D_kl| <= the Gaussian's running bound (family gaussian-polar), H is "
                           "Householder QR's backward error with ||H e_l||_2 <= g ||(A + D) e_l||_2 and ||F||_F <= "
                           "sqrt(n) g, g = gamma~_mn = c m n u / (1 - c m n u) (Higham, Theorem 19.4; Higham leaves c "
                           "as a small integer constant, taken here as %d); the exact derivative of the thin Q "
                           "factor (dQ = E R^-1 - Q C + Q X, C = Q^T E R^-1, X = strict_lower(C) - its transpose, "
                           "checked against a central difference) maps these to |dQ_ij| <= sum_kl |dQ_ij / dA_kl| "
                           "(|D_kl| + g ||a_l||) + sqrt(n) g; times gain, plus u |value| for the product by gain. "
                           "Small entries of Q carry absolute errors of a few u, so the error in ULPs has no fixed "
                           "bound (U = 0: only correctly rounded values pass without the scaled bound)."
                           % HOUSEHOLDER_C,
            "ulps": 0, "scaled": 1,
            "scale": "the first-order perturbation bound above for this entry, divided by u; terms: 1",
            "order": None},
    }
    certlib.write_certificate(NAME, SCRIPT, ["values", "parameters"], families, entries, vectors)
