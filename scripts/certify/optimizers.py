"""Certificate of vectors/optimizers.json (issue 22): every number of every entry's `trajectory`.

Run from the worktree root:  /usr/bin/python3 scripts/certify/optimizers.py
Writes verify/src/main/resources/io/github/dlref/verify/certificates/optimizers.json (see certlib.py).

The exact trajectory
--------------------
Each entry trains the golden 2-3-1 network (linear 2->3, relu, linear 3->1, MSE mean over the 4 samples) for 5
full-batch steps. This script reruns the whole training in 60-digit arithmetic from the same doubles (the spec's
starting parameters, data and the resolved hyper-parameters, each the exact binary value of its double): forward,
MSE, backward, gradient clipping, weight decay and the optimizer's update, each step from the previous *exact*
state (never from dlref's rounded state). The exact value of a printed double is that quantity of the exact
trajectory. Constants that dlref computes from hyper-parameters (1 - beta, beta^t, rho_t, the NAdam momentum
schedule 0.96^(t psi), ...) are evaluated exactly too (t psi is the exact product, not its double).

The bound: a running error bound, carried beside every exact value
------------------------------------------------------------------
Errors compound through the steps, so neither a per-value ULP bound nor a fixed multiple of one magnitude is
defensible. Instead every quantity x of the exact recomputation carries a bound B(x) on |fl(x) - x|, where
fl(x) is what any double computation that follows dlref's formula (the same operations on the same operands,
read from optim/ and nn/) can produce, under the standard model of IEEE double arithmetic:

  * + - * / sqrt are correctly rounded: fl(a op b) = (a~ op b~)(1 + d), |d| <= u = 2^-53, where a~, b~ are the
    computed operands (|a~ - a| <= B(a)). Propagation uses the exact worst case over the operand intervals:
      B(a +- b) = B(a) + B(b) + u (|a +- b| + B(a) + B(b))
      B(a * b)  = |a| B(b) + |b| B(a) + B(a) B(b) + u (|a b| + that)
      B(a / b)  = (|a| B(b) + |b| B(a)) / (|b| (|b| - B(b))) + u (|a / b| + that)        (requires B(b) < |b|)
      B(sqrt a) = B(a) / (sqrt(a) + sqrt(max(a - B(a), 0)))  + u (sqrt(a) + that)
  * a sum or dot product of n terms (the batch sums of the backward pass, the 2- and 3-term dot products of the
    forward pass) is bounded independently of its order of summation: sum B(terms) + gamma_{n-1} (sum |terms| +
    sum B(terms)), gamma_k = k u / (1 - k u) (recursive summation, Higham, Accuracy and Stability, 4.2);
  * StrictMath.pow / Math.pow are within 1 ulp <= 2u|result|, plus the propagated operand error;
  * max, min, abs, relu are 1-Lipschitz: B passes through unchanged.
  * Discontinuous decisions (relu'(z) at z = 0, Rprop's sign tests, RAdam's rho_t > 5) are evaluated exactly;
    the script refuses to certify when the exact decision is within B of its switch point (the decision of a
    double computation could then differ). None is.

For each computed value the certificate gives  scale = B(x) / u  and  terms = 1, so the family rule
|dlref - exact| <= K * terms * u * scale with K = 1 says exactly "dlref is within the running error bound".
The bound is derived, not fitted: it depends only on the exact values and the count and kind of roundings.
Echoed inputs (initial parameters, hyper-parameters, step counters, sample indices, the constant learning rate)
carry no scale and must be exact (ulps = 0, the family's U).

Beside the bound, each quantity also carries its double evaluation in dlref's order of operations (Python floats,
emulated here from the formulas in optim/ and nn/, decisions taken on the floats themselves and checked equal to the
exact decisions); it reproduces every printed double bit for bit (the script prints the count), a check that the
formulas certified are dlref's. No value of these 63 entries needs `framework_order`.

L-BFGS (entries 63 and 64, family lbfgs-pytorch-order) is the exception: the exact trajectory is computed the same
way (LBFGSExact, every branch decided exactly and equal to the double emulation's), but the running bound grows by
10^2 to 10^3 per inner iteration and decides nothing, so no bound is derived there; each value carries
`framework_order`, the double emulation of PyTorch 1.13's torch/optim/lbfgs.py order (reductions left to right),
which must equal dlref's double bit for bit.

Spot checks (spot_checks): the loss and all 13 gradients at the start, by a second formulation (plain mpf loops and
mpmath's numerical differentiation instead of the backward pass), the first plain-SGD and Adam steps by their
closed forms, and the second plain-SGD loss. Run time: about 15 s.
"""

import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import certlib  # noqa: E402
from certlib import mp, mpf, U  # noqa: E402

NAME = "optimizers"
SCRIPT = "scripts/certify/optimizers.py"
ZERO = mpf(0)


def gamma(k):
    return k * U / (1 - k * U)


class V:
    """An exact value x (mpf), the bound e on |fl(x) - x| of a double computation in dlref's order, and that
    double computation f (a Python float)."""
    __slots__ = ("x", "e", "f")

    def __init__(self, x, e, f):
        self.x, self.e, self.f = x, (e if BOUNDS else ZERO), f

    @staticmethod
    def c(d):
        """A double input, exact."""
        return V(mpf(d), ZERO, float(d))

    def __add__(a, b):
        b = b if isinstance(b, V) else V.c(b)
        x = a.x + b.x
        p = a.e + b.e
        return V(x, p + U * (abs(x) + p), a.f + b.f)

    def __sub__(a, b):
        b = b if isinstance(b, V) else V.c(b)
        x = a.x - b.x
        p = a.e + b.e
        return V(x, p + U * (abs(x) + p), a.f - b.f)

    def __neg__(a):
        return V(-a.x, a.e, -a.f)

    def __mul__(a, b):
        b = b if isinstance(b, V) else V.c(b)
        x = a.x * b.x
        p = abs(a.x) * b.e + abs(b.x) * a.e + a.e * b.e
        return V(x, p + U * (abs(x) + p), a.f * b.f)

    def __truediv__(a, b):
        b = b if isinstance(b, V) else V.c(b)
        if not b.e < abs(b.x):
            raise ValueError("division by a quantity whose bound reaches 0")
        x = a.x / b.x
        p = (abs(a.x) * b.e + abs(b.x) * a.e) / (abs(b.x) * (abs(b.x) - b.e))
        return V(x, p + U * (abs(x) + p), a.f / b.f)


def vsqrt(a):
    if a.x < 0:
        raise ValueError("sqrt of a negative exact value")
    x = mp.sqrt(a.x)
    lo = a.x - a.e
    if a.e == 0:
        p = ZERO
    elif x == 0:
        p = mp.sqrt(a.e)
    else:
        p = a.e / (x + (mp.sqrt(lo) if lo > 0 else ZERO))
    return V(x, p + U * (x + p), math.sqrt(a.f))


# Java's StrictMath.pow (fdlibm) where it differs from the correctly rounded power that Python's math.pow gives
# here; found with jshell for the bases and exponents of these entries (only the float emulation uses it: the bound
# allows 1 ulp for every pow anyway)
STRICTMATH_POW = {(0.9, 4.0): 0.6561000000000001}


def vpow(a, y):
    """StrictMath.pow(a, y) for a base a > 0 and an exponent y (V or number), each exact or computed."""
    yv = y if isinstance(y, V) else V.c(y)
    x = mp.power(a.x, yv.x)
    p = ZERO
    if a.e > 0:
        # |d/da a^y| = |y| a^(y-1), largest at an end of [a - e, a + e]
        lo, hi = a.x - a.e, a.x + a.e
        if lo <= 0:
            raise ValueError("pow near 0")
        p += max(abs(yv.x) * mp.power(lo, yv.x - 1), abs(yv.x) * mp.power(hi, yv.x - 1)) * a.e
    if yv.e > 0:
        # |d/dy a^y| = |ln a| a^y, largest at an end of [y - e, y + e] (a itself taken at its widest)
        ends = [mp.power(b, yv.x + s * yv.e) for b in (a.x - a.e, a.x + a.e) for s in (-1, 1)]
        p += max(abs(mp.log(b)) for b in (a.x - a.e, a.x + a.e)) * max(ends) * yv.e
    f = STRICTMATH_POW.get((a.f, float(yv.f)), math.pow(a.f, yv.f))
    return V(x, p + 2 * U * (abs(x) + p), f)


def vmax(a, b):
    return V(max(a.x, b.x), max(a.e, b.e), max(a.f, b.f))


def vmin(a, b):
    return V(min(a.x, b.x), max(a.e, b.e), min(a.f, b.f))


def vabs(a):
    return V(abs(a.x), a.e, abs(a.f))


def vsum(terms, f_order=None):
    """A sum of n terms in any order: sum B + gamma_{n-1} (sum |x| + sum B). The float f sums left to right
    (in the order f_order of the terms, when given)."""
    n = len(terms)
    x = mp.fsum(t.x for t in terms)
    p = mp.fsum(t.e for t in terms)
    e = p + gamma(n - 1) * (mp.fsum(abs(t.x) for t in terms) + p) if n > 1 else p
    f = 0.0
    for i, t in enumerate(terms if f_order is None else [terms[k] for k in f_order]):
        f = t.f if i == 0 else f + t.f
    return V(x, e, f)


class Ambiguous(Exception):
    pass


# False while L-BFGS is recomputed: no running bound is carried there (see certify_lbfgs)
BOUNDS = True


def decide(v, what):
    """The exact sign of v (-1, 0, 1). Refuses when a double computation could see another sign (|v| within its
    bound, when bounds are carried), and when the double emulation f does see another sign."""
    if v.x == 0 and v.e == 0:
        xs = 0
    elif BOUNDS and abs(v.x) <= v.e:
        raise Ambiguous("%s: exact %s within its bound %s of 0" % (what, mp.nstr(v.x, 5), mp.nstr(v.e, 5)))
    else:
        xs = 1 if v.x > 0 else -1 if v.x < 0 else 0
    fs = 1 if v.f > 0 else -1 if v.f < 0 else 0
    if fs != xs:
        raise Ambiguous("%s: the exact sign is %d, the double emulation's %d" % (what, xs, fs))
    return xs


# ----------------------------------------------------------------------------------------------------------------
# the network: linear 2->3, relu, linear 3->1, MSE (mean)

ORDER = ["0.weight", "0.bias", "2.weight", "2.bias"]


def forward_backward(P, X, Y):
    """P: name -> list of rows of V. Returns (loss V, grads name -> rows of V)."""
    W0, b0, W1, b1 = P["0.weight"], P["0.bias"][0], P["2.weight"][0], P["2.bias"][0][0]
    n = len(X)
    z1, h, z2, diff = [], [], [], []
    for s in range(n):
        # x W^T + b: the products and the bias summed in any order (dlref: the dot product, then the bias)
        zr = [vsum([X[s][k] * W0[j][k] for k in range(len(X[s]))] + [b0[j]]) for j in range(len(W0))]
        hr = [z if decide(z, "relu input") > 0 else V(ZERO, ZERO, 0.0) for z in zr]
        z1.append(zr)
        h.append(hr)
        o = vsum([hr[j] * W1[j] for j in range(len(W1))] + [b1])
        z2.append(o)
        diff.append(o - Y[s][0])
    sq = []
    for d in diff:
        q = d * d
        q = V(q.x, q.e + U * (abs(q.x) + q.e), q.f)  # Math.pow(x, 2): one more rounding allowed (1 ulp)
        sq.append(q)
    loss = vsum(sq) / V.c(float(n))
    # backward: d loss / d diff_s = (1/n) * 2 * diff_s
    inv = V.c(1.0) / V.c(float(n))
    dz2 = [inv * (V.c(2.0) * d) for d in diff]
    g_b1 = vsum(dz2)
    g_W1 = [vsum([dz2[s] * h[s][j] for s in range(n)]) for j in range(len(W1))]
    dz1 = []
    for s in range(n):
        row = []
        for j in range(len(W1)):
            if z1[s][j].x > 0:
                row.append(dz2[s] * W1[j])
            else:
                row.append(V(ZERO, ZERO, 0.0))
        dz1.append(row)
    g_b0 = [vsum([dz1[s][j] for s in range(n)]) for j in range(len(W1))]
    g_W0 = [[vsum([dz1[s][j] * X[s][k] for s in range(n)]) for k in range(len(X[0]))] for j in range(len(W0))]
    return loss, {"0.weight": g_W0, "0.bias": [g_b0], "2.weight": [g_W1], "2.bias": [[g_b1]]}


def flat(m):
    return [v for row in m for v in row]


def shaped(vals, like):
    cols = len(like[0])
    return [vals[i * cols:(i + 1) * cols] for i in range(len(like))]


# ----------------------------------------------------------------------------------------------------------------
# the optimizers, as in optim/src/main/java (update(name, t, lr, theta, g, buffers) of each class)

def C(d):
    return V.c(d)


ONE = None


class Opt:
    slots = []
    init = {}

    def __init__(self, h):
        self.h = h

    def new_state(self, n):
        return {s: [C(self.init.get(s, 0.0)) for _ in range(n)] for s in self.slots}


def weight_decay(h, theta, g, lr):
    wd = h["weightDecay"]
    lam = C(wd["coefficient"])
    if wd["kind"] == "NONE":
        return theta, g
    if wd["kind"] == "COUPLED_L2":
        return theta, [g[k] + lam * theta[k] for k in range(len(g))]
    if wd["kind"] == "DECOUPLED":
        factor = C(1.0) - lr * lam
        return [t * factor for t in theta], g
    if wd["kind"] == "DECOUPLED_UNSCALED":
        factor = C(1.0) - lam
        return [t * factor for t in theta], g
    raise ValueError(wd["kind"])


class SGD(Opt):
    def __init__(self, h):
        super().__init__(h)
        mu = h["momentum"]
        self.slots = [] if mu == 0 else [{"PYTORCH": "momentum_buffer", "HEAVY_BALL": "velocity",
                                          "EMA": "ema"}[h["form"]]]

    def update(self, t, lr, theta, g, st):
        h = self.h
        mu = C(h["momentum"])
        n = len(theta)
        if h["momentum"] == 0:
            return [theta[k] + (-lr) * g[k] for k in range(n)]
        buf = st[self.slots[0]]
        out = []
        if h["form"] == "PYTORCH":
            keep = C(1.0) - C(h["dampening"])
            for k in range(n):
                b = g[k] if t == 1 else buf[k] * mu + keep * g[k]
                buf[k] = b
                d = g[k] + mu * b if h["nesterov"] else b
                out.append(theta[k] + (-lr) * d)
        elif h["form"] == "HEAVY_BALL":
            for k in range(n):
                v = mu * buf[k] + lr * g[k]
                buf[k] = v
                out.append(theta[k] - (mu * v + lr * g[k]) if h["nesterov"] else theta[k] - v)
        else:
            omb = C(1.0) - mu
            for k in range(n):
                v = mu * buf[k] + omb * g[k]
                buf[k] = v
                out.append(theta[k] - lr * v)
        return out


class AdaGrad(Opt):
    slots = ["sum"]

    def new_state(self, n):
        return {"sum": [C(self.h["initialAccumulatorValue"]) for _ in range(n)]}

    def update(self, t, lr, theta, g, st):
        h = self.h
        s_ = st["sum"]
        clr = lr / (C(1.0) + C(float(t - 1)) * C(h["learningRateDecay"]))
        eps = C(h["epsilon"])
        out = []
        for k in range(len(theta)):
            s = s_[k] + g[k] * g[k]
            s_[k] = s
            std = vsqrt(s) + eps if h["epsilonPlacement"] == "OUTSIDE_SQRT" else vsqrt(s + eps)
            out.append(theta[k] + ((-clr) * g[k]) / std)
        return out


class RMSProp(Opt):
    def __init__(self, h):
        super().__init__(h)
        self.slots = ["square_avg"]
        if h["centered"]:
            self.slots.append("grad_avg")
        if h["momentum"] > 0:
            self.slots.append("momentum_buffer" if h["momentumForm"] == "PYTORCH" else "velocity")
        self.init = {"square_avg": h["initialSquareAverage"]}

    def update(self, t, lr, theta, g, st):
        h = self.h
        rho = C(h["decay"])
        omr = C(1.0) - rho
        eps = C(h["epsilon"])
        mu = C(h["momentum"])
        sq = st["square_avg"]
        out = []
        for k in range(len(theta)):
            gk = g[k]
            s = sq[k] * rho + (omr * gk) * gk
            sq[k] = s
            x = s
            if h["centered"]:
                a = st["grad_avg"][k] * rho + omr * gk
                st["grad_avg"][k] = a
                x = s - a * a
            den = vsqrt(x) + eps if h["epsilonPlacement"] == "OUTSIDE_SQRT" else vsqrt(x + eps)
            if h["momentum"] == 0:
                out.append(theta[k] + ((-lr) * gk) / den)
            elif h["momentumForm"] == "PYTORCH":
                b = st["momentum_buffer"][k] * mu + gk / den
                st["momentum_buffer"][k] = b
                out.append(theta[k] + (-lr) * b)
            else:
                v = mu * st["velocity"][k] + (lr * gk) / den
                st["velocity"][k] = v
                out.append(theta[k] - v)
        return out


class Adam(Opt):
    def __init__(self, h):
        super().__init__(h)
        self.slots = ["exp_avg", "exp_avg_sq"]
        if h["amsGrad"] == "MAX_OF_RAW_SECOND_MOMENT":
            self.slots.append("max_exp_avg_sq")
        elif h["amsGrad"] == "MAX_OF_BIAS_CORRECTED_SECOND_MOMENT":
            self.slots.append("nu_max")

    def update(self, t, lr, theta, g, st):
        h = self.h
        b1, b2 = C(h["beta1"]), C(h["beta2"])
        omb1, omb2 = C(1.0) - b1, C(1.0) - b2
        m, v = st["exp_avg"], st["exp_avg_sq"]
        mx = st[self.slots[2]] if len(self.slots) > 2 else None
        bias1 = C(1.0) - vpow(b1, t)
        bias2 = C(1.0) - vpow(b2, t)
        eps = C(h["epsilon"])
        n = len(theta)
        for k in range(n):
            m[k] = m[k] * b1 + omb1 * g[k]
            v[k] = v[k] * b2 + (omb2 * g[k]) * g[k]
        out = []
        if h["epsilonForm"] != "ALGORITHM_1":
            lrT = lr * vsqrt(bias2) / bias1 if h["epsilonForm"] == "EPSILON_HAT" else lr
            for k in range(n):
                second = v[k]
                if mx is not None:
                    second = vmax(mx[k], second)
                    mx[k] = second
                den = vsqrt(second) + eps
                out.append(theta[k] - (m[k] * lrT) / den)
        elif h["epsilonRoot"] == 0.0 and h["amsGrad"] != "MAX_OF_BIAS_CORRECTED_SECOND_MOMENT":
            neg = -(lr / bias1)
            b2s = vsqrt(bias2)
            for k in range(n):
                second = v[k]
                if mx is not None:
                    second = vmax(mx[k], second)
                    mx[k] = second
                den = vsqrt(second) / b2s + eps
                out.append(theta[k] + (neg * m[k]) / den)
        else:
            er = C(h["epsilonRoot"])
            for k in range(n):
                mhat = m[k] / bias1
                if mx is None:
                    vhat = v[k] / bias2
                elif h["amsGrad"] == "MAX_OF_BIAS_CORRECTED_SECOND_MOMENT":
                    vhat = vmax(mx[k], v[k] / bias2)
                    mx[k] = vhat
                else:
                    raw = vmax(mx[k], v[k])
                    mx[k] = raw
                    vhat = raw / bias2
                den = vsqrt(vhat + er) + eps
                out.append(theta[k] + (-lr) * (mhat / den))
        return out


def nadam_mu(b1, psi, t):
    # beta1 (1 - 0.5 * 0.96^(t psi)); the exact exponent is t psi, Java's is the double t * psi (one rounding)
    e = C(float(t)) * psi
    return b1 * (C(1.0) - C(0.5) * vpow(C(0.96), e))


class NAdam(Opt):
    def __init__(self, h):
        super().__init__(h)
        self.slots = ["exp_avg", "exp_avg_sq"] + ([] if h["form"] == "OPTAX" else ["mu_product"])
        self.init = {"mu_product": 1.0}

    def update(self, t, lr, theta, g, st):
        h = self.h
        b1, b2, eps = C(h["beta1"]), C(h["beta2"]), C(h["epsilon"])
        m, v = st["exp_avg"], st["exp_avg_sq"]
        bias2 = C(1.0) - vpow(b2, t)
        n = len(theta)
        out = []
        if h["form"] == "OPTAX":
            bias1 = C(1.0) - vpow(b1, t)
            bias1n = C(1.0) - vpow(b1, t + 1)
            for k in range(n):
                gk = g[k]
                m[k] = (C(1.0) - b1) * gk + b1 * m[k]
                v[k] = (C(1.0) - b2) * (gk * gk) + b2 * v[k]
                mhat = b1 * (m[k] / bias1n) + (C(1.0) - b1) * (gk / bias1)
                den = vsqrt(v[k] / bias2 + C(h["epsilonRoot"])) + eps
                out.append(theta[k] + (-lr) * (mhat / den))
            return out
        psi = C(h["momentumDecay"])
        mu = nadam_mu(b1, psi, t)
        mun = nadam_mu(b1, psi, t + 1)
        prod = st["mu_product"]
        p = prod[0] * mu
        for k in range(n):
            prod[k] = p
        if h["form"] == "KERAS":
            pn = p * mun
            for k in range(n):
                gk = g[k]
                m[k] = m[k] + (gk - m[k]) * (C(1.0) - b1)
                v[k] = v[k] + (gk * gk - v[k]) * (C(1.0) - b2)
                mhat = mun * m[k] / (C(1.0) - pn) + (C(1.0) - mu) * gk / (C(1.0) - p)
                den = vsqrt(v[k] / bias2) + eps
                out.append(theta[k] - (mhat * lr) / den)
            return out
        pn = p * mu * mun if h["form"] == "PYTORCH_1_13" else p * mun
        gc = (-lr) * (C(1.0) - mu) / (C(1.0) - p)
        mc = (-lr) * mun / (C(1.0) - pn)
        for k in range(n):
            gk = g[k]
            m[k] = m[k] * b1 + (C(1.0) - b1) * gk
            v[k] = v[k] * b2 + ((C(1.0) - b2) * gk) * gk
            den = vsqrt(v[k] / bias2) + eps
            th = theta[k] + (gc * gk) / den
            out.append(th + (mc * m[k]) / den)
        return out


class RAdam(Opt):
    slots = ["exp_avg", "exp_avg_sq"]

    def update(self, t, lr, theta, g, st):
        h = self.h
        b1, b2, eps = C(h["beta1"]), C(h["beta2"]), C(h["epsilon"])
        m, v = st["exp_avg"], st["exp_avg_sq"]
        bias1 = C(1.0) - vpow(b1, t)
        bias2 = C(1.0) - vpow(b2, t)
        rinf = C(2.0) / (C(1.0) - b2) - C(1.0)
        power = vpow(b2, t)
        rt = rinf - C(2.0) * C(float(t)) * power / (C(1.0) - power)
        n = len(theta)
        out = []
        if h["form"] == "PYTORCH":
            rectified = decide(rt - C(5.0), "RAdam rho_t - 5") > 0
        else:
            rectified = decide(rt - C(5.0), "RAdam rho_t - 5") >= 0
        rect = None
        if rectified:
            rect = vsqrt((rt - C(4.0)) * (rt - C(2.0)) * rinf / ((rinf - C(4.0)) * (rinf - C(2.0)) * rt))
        if h["form"] == "PYTORCH":
            b2s = vsqrt(bias2)
            for k in range(n):
                gk = g[k]
                m[k] = m[k] * b1 + (C(1.0) - b1) * gk
                v[k] = v[k] * b2 + ((C(1.0) - b2) * gk) * gk
                mhat = m[k] / bias1
                if rectified:
                    den = vsqrt(v[k]) + eps
                    out.append(theta[k] + -(mhat * lr * (b2s / den) * rect))
                else:
                    out.append(theta[k] + -(mhat * lr))
        else:
            for k in range(n):
                gk = g[k]
                m[k] = (C(1.0) - b1) * gk + b1 * m[k]
                v[k] = (C(1.0) - b2) * (gk * gk) + b2 * v[k]
                mhat = m[k] / bias1
                if rectified:
                    den = vsqrt(v[k] / bias2 + C(h["epsilonRoot"])) + eps
                    u_ = rect * mhat / den
                else:
                    u_ = mhat
                out.append(theta[k] + (-lr) * u_)
        return out


class Adamax(Opt):
    slots = ["exp_avg", "exp_inf"]

    def update(self, t, lr, theta, g, st):
        h = self.h
        b1, b2, eps = C(h["beta1"]), C(h["beta2"]), C(h["epsilon"])
        m, u_ = st["exp_avg"], st["exp_inf"]
        out = []
        if h["form"] == "KERAS":
            alpha = lr / (C(1.0) - vpow(b1, t))
            for k in range(len(theta)):
                gk = g[k]
                m[k] = m[k] + (gk - m[k]) * (C(1.0) - b1)
                u_[k] = vmax(b2 * u_[k], vabs(gk))
                den = u_[k] + eps
                out.append(theta[k] - (alpha * m[k]) / den)
            return out
        neg = -(lr / (C(1.0) - vpow(b1, t)))
        for k in range(len(theta)):
            gk = g[k]
            m[k] = m[k] * b1 + (C(1.0) - b1) * gk
            u_[k] = vmax(u_[k] * b2, vabs(gk) + eps)
            out.append(theta[k] + (neg * m[k]) / u_[k])
        return out


class Adadelta(Opt):
    slots = ["square_avg", "acc_delta"]

    def update(self, t, lr, theta, g, st):
        h = self.h
        rho, eps = C(h["rho"]), C(h["epsilon"])
        s, a = st["square_avg"], st["acc_delta"]
        out = []
        for k in range(len(theta)):
            gk = g[k]
            s[k] = s[k] * rho + ((C(1.0) - rho) * gk) * gk
            std = vsqrt(s[k] + eps)
            delta = (vsqrt(a[k] + eps) / std) * gk
            a[k] = a[k] * rho + ((C(1.0) - rho) * delta) * delta
            out.append(theta[k] + (-lr) * delta)
        return out


class Rprop(Opt):
    slots = ["prev", "step_size"]

    def update(self, t, lr, theta, g, st):
        h = self.h
        prev, ss = st["prev"], st["step_size"]
        if t == 1:
            for k in range(len(ss)):
                ss[k] = lr
        out = []
        for k in range(len(theta)):
            prod = g[k] * prev[k]
            sgn = decide(prod, "Rprop g * prev")
            factor = C(h["etaPlus"]) if sgn > 0 else C(h["etaMinus"]) if sgn < 0 else C(1.0)
            ss[k] = vmin(vmax(ss[k] * factor, C(h["stepSizeMin"])), C(h["stepSizeMax"]))
            gk = V(ZERO, ZERO, 0.0) if sgn < 0 else g[k]
            sg = decide(gk, "Rprop sign(g)")
            out.append(theta[k] - C(float(sg)) * ss[k])
            prev[k] = gk
        return out


class ASGD(Opt):
    slots = ["ax", "eta", "mu"]
    init = {"mu": 1.0}

    def update(self, t, lr, theta, g, st):
        h = self.h
        ax, etab, mub = st["ax"], st["eta"], st["mu"]
        n = len(theta)
        if t == 1:
            for k in range(n):
                etab[k] = lr
        eta, mu = etab[0], mub[0]
        lam = C(h["lambda"])
        decay = C(1.0) - lam * eta
        out = []
        mu_is_one = mu.x == 1 and mu.e == 0
        for k in range(n):
            th = theta[k] * decay
            th = th + (-eta) * g[k]
            out.append(th)
            ax[k] = th if mu_is_one else ax[k] + (th - ax[k]) * mu
        e = lr / vpow(C(1.0) + lam * lr * C(float(t)), C(h["alpha"]))
        m = C(1.0) / vmax(C(1.0), C(float(t)) - C(h["t0"]))
        for k in range(n):
            etab[k] = e
            mub[k] = m
        return out


CLASSES = {"SGD": SGD, "AdaGrad": AdaGrad, "RMSProp": RMSProp, "Adam": Adam, "NAdam": NAdam, "RAdam": RAdam,
           "Adamax": Adamax, "Adadelta": Adadelta, "Rprop": Rprop, "ASGD": ASGD}


# ----------------------------------------------------------------------------------------------------------------
# gradient clipping (optim GradientClipping), applied to the gradients before the optimizer's step

def sumsq(gs):
    return vsum([x * x for x in gs])


def clip(spec, grads):
    """grads: name -> flat list of V; returns the clipped copy."""
    kind = spec["type"]
    if kind == "clip_grad_norm":
        total2 = vsum([(lambda nrm: nrm * nrm)(vsqrt(sumsq(grads[nm]))) for nm in ORDER])
        total = vsqrt(total2)
        coef = vmin(C(spec["max_norm"]) / (total + C(1e-6)), C(1.0))
        return {nm: [x * coef for x in grads[nm]] for nm in ORDER}
    if kind == "clip_grad_value":
        cv = C(spec["clip_value"])
        return {nm: [vmin(vmax(x, -cv), cv) for x in grads[nm]] for nm in ORDER}
    if kind == "keras_clipnorm":
        cn = C(spec["clipnorm"])
        out = {}
        for nm in ORDER:
            s = sumsq(grads[nm])
            nrm = vsqrt(s)
            den = vmax(nrm, cn)
            out[nm] = [(x * cn) / den for x in grads[nm]]
        return out
    if kind == "keras_global_clipnorm":
        cn = C(spec["global_clipnorm"])
        nrm = vsqrt(vsum([sumsq(grads[nm]) for nm in ORDER]))
        sc = cn * vmin(C(1.0) / nrm, C(1.0) / cn)
        return {nm: [x * sc for x in grads[nm]] for nm in ORDER}
    if kind == "optax_clip_by_global_norm":
        mn = C(spec["max_norm"])
        nrm = vsqrt(vsum([sumsq(grads[nm]) for nm in ORDER]))
        if decide(nrm - mn, "optax norm - max_norm") >= 0:
            return {nm: [(x / nrm) * mn for x in grads[nm]] for nm in ORDER}
        return grads
    raise ValueError(kind)


# ----------------------------------------------------------------------------------------------------------------
# L-BFGS (optim LBFGS, PyTorch's algorithm): one step(closure) per trajectory step, up to maxIterations inner
# iterations, the optional strong-Wolfe line search; every branch decided on exact values (refused when a branch
# test is within its bound of the switch point)

def gt(a, b, what):
    return decide(a - b, what) > 0


def ge(a, b, what):
    return decide(a - b, what) >= 0


def vdot(a, b):
    return vsum([x * y for x, y in zip(a, b)])


def vmaxabs(a):
    m = V(ZERO, ZERO, 0.0)
    for x in a:
        m = vmax(m, vabs(x))
    return m


TRACE = False


class LBFGSExact:
    C1, C2, MAX_LS = 1e-4, 0.9, 25

    def __init__(self, h, closure, x):
        self.h = h
        self.closure = closure  # flat V list -> (loss V, flat gradient V list)
        self.x = x
        self.iterations = 0
        self.direction = None
        self.t = None
        self.old_dirs, self.old_steps, self.rho = [], [], []
        self.hdiag = C(1.0)
        self.prev_g = None

    def evaluate(self, x):
        loss, g = self.closure(x)
        if TRACE:
            print("  eval: iteration %d loss %s bound %s; max bound of x %s" % (
                self.iterations, mp.nstr(loss.x, 8), mp.nstr(loss.e, 3), mp.nstr(max(v.e for v in x), 3)))
        return loss, g

    def step(self):
        h = self.h
        tol_grad, tol_change = C(h["toleranceGrad"]), C(h["toleranceChange"])
        loss, g = self.evaluate(self.x)
        first = (loss, g)
        cur_evals = 1
        if not gt(vmaxabs(g), tol_grad, "max |g| - tolerance_grad"):
            return first
        d, t = self.direction, self.t
        n = 0
        while n < h["maxIterations"]:
            n += 1
            self.iterations += 1
            if self.iterations == 1:
                d = [-x for x in g]
                self.old_dirs, self.old_steps, self.rho = [], [], []
                self.hdiag = C(1.0)
            else:
                y = [g[k] - self.prev_g[k] for k in range(len(g))]
                s_ = [d[k] * t for k in range(len(g))]
                ys = vdot(y, s_)
                if gt(ys, C(1e-10), "y.s - 1e-10"):
                    if len(self.old_dirs) == h["historySize"]:
                        self.old_dirs.pop(0)
                        self.old_steps.pop(0)
                        self.rho.pop(0)
                    self.old_dirs.append(y)
                    self.old_steps.append(s_)
                    self.rho.append(C(1.0) / ys)
                    self.hdiag = ys / vdot(y, y)
                count = len(self.old_dirs)
                al = [None] * count
                q = [-x for x in g]
                for i in range(count - 1, -1, -1):
                    al[i] = vdot(self.old_steps[i], q) * self.rho[i]
                    q = [q[k] + (-al[i]) * self.old_dirs[i][k] for k in range(len(q))]
                d = [qk * self.hdiag for qk in q]
                for i in range(count):
                    be = vdot(self.old_dirs[i], d) * self.rho[i]
                    alpha = al[i] - be
                    d = [d[k] + alpha * self.old_steps[i][k] for k in range(len(d))]
            self.prev_g = list(g)
            prev_loss = loss
            if self.iterations == 1:
                sum_abs = vsum([vabs(x) for x in g])
                t = vmin(C(1.0), C(1.0) / sum_abs) * C(h["learningRate"])
            else:
                t = C(h["learningRate"])
            gtd = vdot(g, d)
            if gt(gtd, -tol_change, "g.d + tolerance_change"):
                break
            if h["lineSearch"] == "STRONG_WOLFE":
                x0 = self.x
                loss, g, t, ls_evals = self.strong_wolfe(x0, t, d, loss, g, gtd)
                self.x = [x0[k] + t * d[k] for k in range(len(x0))]
            else:
                self.x = [self.x[k] + t * d[k] for k in range(len(d))]
                ls_evals = 0
                if n != h["maxIterations"]:
                    loss, g = self.evaluate(self.x)
                    ls_evals = 1
            cur_evals += ls_evals
            if n == h["maxIterations"] or cur_evals >= h["maxEvaluations"] or \
                    not gt(vmaxabs(g), tol_grad, "max |g| - tolerance_grad"):
                break
            max_step = V(ZERO, ZERO, 0.0)
            for v in d:
                max_step = vmax(max_step, vabs(v * t))
            if not gt(max_step, tol_change, "max |t d| - tolerance_change") or \
                    gt(tol_change, vabs(loss - prev_loss), "tolerance_change - |loss change|"):
                break
        self.direction, self.t = d, t
        return first

    def directional(self, x, t, d):
        return self.evaluate([x[k] + t * d[k] for k in range(len(x))])

    @staticmethod
    def cubic(x1, f1, g1, x2, f2, g2, lo=None, hi=None):
        if lo is None:
            if not gt(x1, x2, "cubic x1 - x2"):
                lo, hi = x1, x2
            else:
                lo, hi = x2, x1
        d1 = g1 + g2 - C(3.0) * (f1 - f2) / (x1 - x2)
        d2sq = d1 * d1 - g1 * g2
        if ge(d2sq, C(0.0), "cubic d2^2"):
            d2 = vsqrt(d2sq)
            if not gt(x1, x2, "cubic x1 - x2"):
                mp_ = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + C(2.0) * d2))
            else:
                mp_ = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + C(2.0) * d2))
            return vmin(vmax(mp_, lo), hi)
        return (lo + hi) / C(2.0)

    def strong_wolfe(self, x, t0, d, f, g0, gtd):
        C1, C2 = C(self.C1), C(self.C2)
        tol_change = C(self.h["toleranceChange"])
        t = t0
        dnorm = vmaxabs(d)
        g = list(g0)
        f_new, g_new = self.directional(x, t, d)
        evals = 1
        gtd_new = vdot(g_new, d)
        t_prev, f_prev, g_prev, gtd_prev = C(0.0), f, g, gtd
        done = False
        ls = 0
        bracket = bracket_f = bracket_g = bracket_gtd = None
        while ls < self.MAX_LS:
            if gt(f_new, f + C1 * t * gtd, "Armijo") or (ls > 1 and ge(f_new, f_prev, "f_new - f_prev")):
                bracket, bracket_f = [t_prev, t], [f_prev, f_new]
                bracket_g, bracket_gtd = [g_prev, g_new], [gtd_prev, gtd_new]
                break
            if not gt(vabs(gtd_new), -C2 * gtd, "curvature"):
                bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
                done = True
                break
            if ge(gtd_new, C(0.0), "gtd_new"):
                bracket, bracket_f = [t_prev, t], [f_prev, f_new]
                bracket_g, bracket_gtd = [g_prev, g_new], [gtd_prev, gtd_new]
                break
            min_step = t + C(0.01) * (t - t_prev)
            max_step = t * C(10.0)
            tmp = t
            t = self.cubic(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, min_step, max_step)
            t_prev, f_prev, g_prev, gtd_prev = tmp, f_new, g_new, gtd_new
            f_new, g_new = self.directional(x, t, d)
            evals += 1
            gtd_new = vdot(g_new, d)
            ls += 1
        if ls == self.MAX_LS:
            bracket, bracket_f = [C(0.0), t], [f, f_new]
            bracket_g, bracket_gtd = [g, g_new], [gtd, gtd_new]
        insufficient = False
        # (one point when the curvature test ended the search: bracketF[0] <= bracketF[0], low = 0)
        low = 0 if len(bracket_f) == 1 or not gt(bracket_f[0], bracket_f[-1], "bracket f") else 1
        high = 1 - low
        while not done and ls < self.MAX_LS:
            if gt(tol_change, vabs(bracket[1] - bracket[0]) * dnorm, "bracket width"):
                break
            t = self.cubic(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1])
            bmax, bmin = vmax(bracket[0], bracket[1]), vmin(bracket[0], bracket[1])
            eps = C(0.1) * (bmax - bmin)
            if gt(eps, vmin(bmax - t, t - bmin), "interpolation progress"):
                if insufficient or ge(t, bmax, "t - bmax") or ge(bmin, t, "bmin - t"):
                    t = bmax - eps if gt(vabs(t - bmin), vabs(t - bmax), "nearer end") else bmin + eps
                    insufficient = False
                else:
                    insufficient = True
            else:
                insufficient = False
            f_new, g_new = self.directional(x, t, d)
            evals += 1
            gtd_new = vdot(g_new, d)
            ls += 1
            if gt(f_new, f + C1 * t * gtd, "Armijo") or ge(f_new, bracket_f[low], "f_new - f_low"):
                bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high] = t, f_new, g_new, gtd_new
                low = 0 if not gt(bracket_f[0], bracket_f[1], "bracket f") else 1
                high = 1 - low
            else:
                if not gt(vabs(gtd_new), -C2 * gtd, "curvature"):
                    done = True
                elif ge(gtd_new * (bracket[high] - bracket[low]), C(0.0), "bracket direction"):
                    bracket[high], bracket_f[high] = bracket[low], bracket_f[low]
                    bracket_g[high], bracket_gtd[high] = bracket_g[low], bracket_gtd[low]
                bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low] = t, f_new, g_new, gtd_new
        return bracket_f[low], bracket_g[low], bracket[low], evals


def certify_lbfgs(i, entry, traj, spec, vals, echo, computed):
    h = traj["optimizer"]["hyperparameters"]
    init = traj["initial"]["parameters"]
    shapes = {nm: init[nm] for nm in ORDER}
    X = [[C(x) for x in row] for row in spec["data"]["inputs"]]
    Y = [[C(x) for x in row] for row in spec["data"]["targets"]]

    def unflat(x):
        P, k = {}, 0
        for nm in ORDER:
            rows = []
            for row in shapes[nm]:
                rows.append(x[k:k + len(row)])
                k += len(row)
            P[nm] = rows
        return P

    def closure(x):
        loss, grads = forward_backward(unflat(x), X, Y)
        return loss, [v for nm in ORDER for v in flat(grads[nm])]

    x = [C(v) for nm in ORDER for v in flat(init[nm])]
    opt = LBFGSExact(h, closure, x)
    for si, step in enumerate(traj["steps"]):
        sp = "/trajectory/steps/%d" % si
        for key in ("step", "epoch", "batch", "samples", "lr"):
            echo(sp + "/" + key, step[key])
        loss, g = opt.step()
        computed(sp + "/loss", step["loss"], loss)
        computed(sp + "/data_loss", step["data_loss"], loss)
        G = unflat(g)
        P = unflat(opt.x)
        for nm in ORDER:
            for r, row in enumerate(G[nm]):
                for c_, v in enumerate(row):
                    computed("%s/gradients/%s/%d/%d" % (sp, nm, r, c_), step["gradients"][nm][r][c_], v)
            for r, row in enumerate(P[nm]):
                for c_, v in enumerate(row):
                    computed("%s/parameters/%s/%d/%d" % (sp, nm, r, c_), step["parameters"][nm][r][c_], v)
        if "optimizer_state" in step and step["optimizer_state"]:
            raise ValueError("L-BFGS state not expected")


# ----------------------------------------------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.values = 0
        self.bitmatch = 0
        self.mismatch = []
        self.hist = {"0": 0, "1": 0, "2": 0, "3-4": 0, "5-16": 0, ">16": 0}
        self.worst = (0, None)
        self.worst_ratio = (ZERO, None)


def hist_key(n):
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-16" if n <= 16 else ">16"


def family_of(i, entry):
    opt = entry["trajectory"]["optimizer"]
    if opt["class"] == "LBFGS":
        return "lbfgs-pytorch-order"
    if "clipping" in opt:
        return "clipping-trajectory"
    if "param_groups" in opt:
        return "param-groups-trajectory"
    cls = opt["class"]
    if cls == "SGD":
        return "sgd-trajectory"
    if cls in ("AdaGrad", "RMSProp", "Adadelta"):
        return "adagrad-rmsprop-adadelta-trajectory"
    if cls in ("Adam", "NAdam", "RAdam", "Adamax"):
        return "adam-family-trajectory"
    return "rprop-asgd-trajectory"


def certify_entry(i, entry, stats):
    traj = entry["trajectory"]
    spec = entry["spec"]
    opt = traj["optimizer"]
    vals = []
    here = "/trajectory"

    def echo(path, node):
        for p, x in certlib.numeric_leaves(node, path):
            vals.append(certlib.value(p, x, certlib.exact(x)))

    def computed(path, d, v, framework=False):
        if framework:
            val = certlib.value(path, d, v.x, framework_order=v.f)
        else:
            val = certlib.value(path, d, v.x, scale=v.e / U, terms=1)
        vals.append(val)
        stats.values += 1
        stats.hist[hist_key(val["ulps"])] += 1
        if val["ulps"] > stats.worst[0]:
            stats.worst = (val["ulps"], (i, path, d, val["exact"]))
        if struct_eq(v.f, d):
            stats.bitmatch += 1
        else:
            stats.mismatch.append((i, path))
        err = abs(mpf(d) - v.x)
        if v.e > 0 and err / v.e > stats.worst_ratio[0]:
            stats.worst_ratio = (err / v.e, (i, path))

    # echoed inputs: the optimizer's hyper-parameters and the initial parameters
    echo(here + "/optimizer", opt)
    echo(here + "/initial", traj["initial"])

    if opt["class"] == "LBFGS":
        global BOUNDS
        BOUNDS = False
        try:
            certify_lbfgs(i, entry, traj, spec, vals, echo, lambda p, d, v: computed(p, d, v, True))
        finally:
            BOUNDS = True
        return vals

    # the exact state
    init = traj["initial"]["parameters"]
    P = {nm: [[C(x) for x in row] for row in init[nm]] for nm in ORDER}
    X = [[C(x) for x in row] for row in spec["data"]["inputs"]]
    Y = [[C(x) for x in row] for row in spec["data"]["targets"]]
    if "param_groups" in opt:
        hyper = {}
        for grp in opt["param_groups"]:
            for nm in grp["params"]:
                hyper[nm] = grp["hyperparameters"]
    else:
        hyper = {nm: opt["hyperparameters"] for nm in ORDER}
    opts = {nm: CLASSES[opt["class"]](hyper[nm]) for nm in ORDER}
    state = {nm: opts[nm].new_state(len(flat(P[nm]))) for nm in ORDER}
    sched = spec.get("schedule")
    base_lr = opt["hyperparameters"]["learningRate"]
    for si, step in enumerate(traj["steps"]):
        t = si + 1
        sp = "%s/steps/%d" % (here, si)
        for key in ("step", "epoch", "batch", "samples"):
            echo(sp + "/" + key, step[key])
        factor = mpf(1)
        if sched is not None:
            if sched["type"] != "step":
                raise ValueError("schedule %s" % sched["type"])
            factor = mpf(sched["gamma"]) ** ((t - 1) // sched["step_size"])
        lr_exact = mpf(base_lr) * factor
        if factor == 1:
            echo(sp + "/lr", step["lr"])
        else:
            computed(sp + "/lr", step["lr"], V(lr_exact, 2 * U * lr_exact * ((t - 1) // sched["step_size"]),
                                                float(step["lr"])))
        loss, grads = forward_backward(P, X, Y)
        computed(sp + "/loss", step["loss"], loss)
        computed(sp + "/data_loss", step["data_loss"], loss)
        for nm in ORDER:
            for r, row in enumerate(grads[nm]):
                for c_, v in enumerate(row):
                    computed("%s/gradients/%s/%d/%d" % (sp, nm, r, c_), step["gradients"][nm][r][c_], v)
        g = {nm: flat(grads[nm]) for nm in ORDER}
        if "clipping" in opt:
            g = clip(opt["clipping"], g)
        newP = {}
        for nm in ORDER:
            h = hyper[nm]
            lr_nm = mpf(h["learningRate"]) * factor
            lr = V(lr_nm, ZERO if factor == 1 else ZERO, float(h["learningRate"]) * float(factor))
            # the scheduled lr is a product by a power of 2 here (StepLR gamma 0.5): exact
            if factor != 1 and factor != mpf(0.5) ** ((t - 1) // sched["step_size"]):
                raise ValueError("schedule factor not a power of 2")
            theta, gg = weight_decay(h, flat(P[nm]), g[nm], lr)
            out = opts[nm].update(t, lr, theta, gg, state[nm])
            newP[nm] = shaped(out, P[nm])
        P = newP
        for nm in ORDER:
            for r, row in enumerate(P[nm]):
                for c_, v in enumerate(row):
                    computed("%s/parameters/%s/%d/%d" % (sp, nm, r, c_), step["parameters"][nm][r][c_], v)
        if "optimizer_state" in step:
            for nm in ORDER:
                rec = step["optimizer_state"][nm]
                if set(rec) != set(["step"] + opts[nm].slots):
                    raise ValueError("entry %d: state slots %s, expected %s" % (i, sorted(rec), opts[nm].slots))
                echo("%s/optimizer_state/%s/step" % (sp, nm), rec["step"])
                if rec["step"] != t:
                    raise ValueError("step count")
                for slot in opts[nm].slots:
                    m = shaped(state[nm][slot], P[nm])
                    for r, row in enumerate(m):
                        for c_, v in enumerate(row):
                            computed("%s/optimizer_state/%s/%s/%d/%d" % (sp, nm, slot, r, c_),
                                     rec[slot][r][c_], v)
    return vals


def struct_eq(a, b):
    import struct
    return struct.pack("<d", float(a)) == struct.pack("<d", float(b))


RULE = ("Within: ulps = 0 (echoed inputs), or |dlref - exact| <= u * scale (K = 1, terms = 1), where scale = B / u "
        "and B is the running error bound carried through the exact 60-digit recomputation of the whole "
        "trajectory (every step from the previous exact state): each + - * / sqrt of dlref's formula adds u times "
        "the magnitude of its result to the propagated operand bounds (worst case over the operand intervals), a "
        "sum or dot product of n terms adds gamma_{n-1} (sum |terms| + their bounds) whatever its order, StrictMath."
        "pow adds 1 ulp (2u), max/min/abs/relu pass bounds through; so B covers any double computation of the "
        "same formula under the IEEE standard model (module docstring of scripts/certify/optimizers.py). ")
SCALE = ("B / u: the running error bound of the value (see the description) in units of u = 2^-53; terms = 1. "
         "Echoed inputs have no scale (exact, 0 ulps).")

FAMILIES = {
    "sgd-trajectory": "SGD trajectories (plain, PyTorch/Optax momentum with dampening and Nesterov, heavy-ball "
                      "(Keras, dl-basics), EMA momentum (bp-optimizers, param-optimization), L2 / decoupled / "
                      "unscaled weight decay): loss, gradients, parameters and momentum buffers after each of 5 "
                      "steps. ",
    "adagrad-rmsprop-adadelta-trajectory": "AdaGrad (eps outside/inside the sqrt, lr_decay), RMSprop (PyTorch, "
                                           "Keras, Optax and document forms, centered, PyTorch and heavy-ball "
                                           "momentum) and Adadelta trajectories: loss, gradients, parameters and "
                                           "accumulators after each of 5 steps. ",
    "adam-family-trajectory": "Adam (PyTorch Algorithm-1 order denom = sqrt(v)/sqrt(1-beta2^t) + eps, step = lr/"
                              "(1-beta1^t); Keras epsilon-hat; Optax with eps_root; AMSGrad on the raw or the "
                              "bias-corrected second moment; L2 and decoupled decay), NAdam (PyTorch 1.13, Dozat, "
                              "Keras, Optax), RAdam (PyTorch rho_t > 5, Optax rho_t >= 5; exact rho_t decides) and "
                              "Adamax (PyTorch, Keras) trajectories. dlref's double order is the framework's order "
                              "(PyTorch's for the pytorch presets); the bound B is derived for that order, and every "
                              "value is within it, so no value needs framework_order. ",
    "rprop-asgd-trajectory": "Rprop (sign decisions of g * prev evaluated exactly, none within its bound of 0) and "
                             "ASGD (eta = lr / (1 + lambda lr t)^alpha, mu = 1 / max(1, t - t0)) trajectories. ",
    "clipping-trajectory": "Momentum SGD and Adam with gradient clipping (PyTorch clip_grad_norm with its 1e-6, "
                           "clip_grad_value, Keras clipnorm per tensor and global_clipnorm, Optax "
                           "clip_by_global_norm): the printed gradients are the raw ones (before clipping); the "
                           "clipped ones drive the update. ",
    "param-groups-trajectory": "Momentum SGD and Adam with parameter groups (own lr, momentum, betas, weight decay "
                               "per group), and a StepLR (gamma 0.5) schedule on both groups. ",
}


def spot_checks(vectors, entries):
    """Independent checks of a few exact values: the loss written again with plain mpf loops, its gradient by
    mpmath's numerical differentiation (not the backward pass above), and closed forms of the first step of plain
    SGD (theta - lr g) and of Adam (theta - lr g / (|g| + eps), since m_hat = g and v_hat = g^2 at t = 1), and the
    second loss of plain SGD. Returns the number of values checked; raises when one disagrees."""
    spec = vectors["vectors"][6]["spec"]
    xs, ys = spec["data"]["inputs"], spec["data"]["targets"]
    init = spec["parameters"]["values"]
    names = [(nm, r, c) for nm in ORDER for r in range(len(init[nm])) for c in range(len(init[nm][0]))]
    theta0 = [mpf(init[nm][r][c]) for nm, r, c in names]

    def loss(th):
        w = dict(zip(names, th))
        total = mpf(0)
        for x, y in zip(xs, ys):
            out = w[("2.bias", 0, 0)]
            for j in range(3):
                z = w[("0.weight", j, 0)] * mpf(x[0]) + w[("0.weight", j, 1)] * mpf(x[1]) + w[("0.bias", 0, j)]
                out += max(z, mpf(0)) * w[("2.weight", 0, j)]
            total += (out - mpf(y[0])) ** 2
        return total / len(xs)

    def grad(th):
        out = []
        for k in range(len(th)):
            out.append(mp.diff(lambda a: loss(th[:k] + [a] + th[k + 1:]), th[k]))
        return out

    def exact_at(entry_index, path):
        for e in entries:
            if e["entry"] == "/vectors/%d" % entry_index:
                for v in e["values"]:
                    if v["path"] == path:
                        return mpf(v["exact"])
        raise KeyError(path)

    checked = 0

    def agree(a, b, what):
        nonlocal checked
        checked += 1
        if abs(a - b) > mpf(10) ** -23 * max(abs(a), abs(b), mpf(10) ** -30):
            raise ValueError("spot check %s: %s here, %s in the certificate" % (what, a, b))

    g0 = grad(theta0)
    base = "/trajectory/steps/0"
    agree(loss(theta0), exact_at(6, base + "/loss"), "loss at step 1")
    lr = mpf(0.1)
    theta1 = [t - lr * g for t, g in zip(theta0, g0)]
    for (nm, r, c), g, t1 in zip(names, g0, theta1):
        agree(g, exact_at(6, "%s/gradients/%s/%d/%d" % (base, nm, r, c)), "gradient " + nm)
        agree(t1, exact_at(6, "%s/parameters/%s/%d/%d" % (base, nm, r, c)), "SGD step 1 " + nm)
    for (nm, r, c), g, t in zip(names, g0, theta0):
        agree(t - lr * g / (abs(g) + mpf(1e-8)), exact_at(27, "%s/parameters/%s/%d/%d" % (base, nm, r, c)),
              "Adam step 1 " + nm)
    agree(loss(theta1), exact_at(6, "/trajectory/steps/1/loss"), "loss at step 2")
    return checked

LBFGS_DESCRIPTION = (
    "L-BFGS (PyTorch defaults: lr 1, max_iter 20, max_eval 25, history 100, no line search; and the strong-Wolfe "
    "line search with history 5): one step(closure) per trajectory step; the loss and the gradients of the step's "
    "first closure evaluation, and the parameters after the step. The exact values come from the whole algorithm "
    "rerun in 60-digit arithmetic (two-loop recursion, curvature test y.s > 1e-10, the line search's bracketing and "
    "cubic interpolation, the termination tests), every branch decided on exact values; each branch decision "
    "equals the double emulation's. No error bound is derived: a running error bound (as in the other families) "
    "grows by a factor 10^2 to 10^3 per inner iteration (the loss's from 3e-15 to 9e-2 within the first 6 "
    "iterations), so it decides nothing. dlref is certified by the order rule only: its double equals bit for bit "
    "the emulation of the order named in 'order' (the ulps against the exact value are given for information; "
    "the largest relative deviation is about 1e-8, on gradients of size 1e-7 near the minimum). ")
LBFGS_ORDER = (
    "PyTorch 1.13 torch/optim/lbfgs.py (LBFGS.step and _strong_wolfe, _cubic_interpolate), operation by operation "
    "in double precision, with every reduction (the dot products, abs().sum(), abs().max(), the forward pass's "
    "matrix products and the MSE mean) summed left to right in index order (PyTorch's own kernels sum in other "
    "orders, so torch itself differs from these doubles in the last bits); emulated with Python floats by "
    "scripts/certify/optimizers.py (LBFGSExact) from the same inputs.")


def main():
    t0 = time.time()
    vectors = certlib.load_vectors(NAME)
    stats = Stats()
    stats_lbfgs = Stats()
    entries = []
    skipped = []
    for i, entry in enumerate(vectors["vectors"]):
        cls = entry["trajectory"]["optimizer"]["class"]
        if cls not in CLASSES and cls != "LBFGS":
            skipped.append((i, entry["name"]))
            continue
        vals = certify_entry(i, entry, stats_lbfgs if cls == "LBFGS" else stats)
        entries.append({"entry": "/vectors/%d" % i, "key": entry["name"], "family": family_of(i, entry),
                        "values": vals})
    families = {name: {"description": text + RULE, "ulps": 0, "scaled": 1, "scale": SCALE, "order": None}
                for name, text in FAMILIES.items()}
    families["lbfgs-pytorch-order"] = {"description": LBFGS_DESCRIPTION, "ulps": 0, "scaled": None, "scale": None,
                                       "order": LBFGS_ORDER}
    used = {e["family"] for e in entries}
    families = {k: v for k, v in families.items() if k in used}
    print("computed values %d, bit-for-bit equal to the emulation of dlref's order: %d"
          % (stats.values, stats.bitmatch))
    print("ulps histogram (computed values):", stats.hist)
    print("worst ulps:", stats.worst)
    print("largest |dlref - exact| / B:", mp.nstr(stats.worst_ratio[0], 5), stats.worst_ratio[1])
    print("L-BFGS values %d, bit-for-bit equal to the emulation of PyTorch's order: %d; ulps %s; worst %s"
          % (stats_lbfgs.values, stats_lbfgs.bitmatch, stats_lbfgs.hist, stats_lbfgs.worst))
    print("left out:", skipped)
    print("spot checks against independent formulations: %d values agree" % spot_checks(vectors, entries))
    certlib.write_certificate(NAME, SCRIPT, ["trajectory"], families, entries, vectors)
    print("run time %.1f s" % (time.time() - t0))


if __name__ == "__main__":
    main()
