"""Certificate of vectors/schedules.json (issue 22): every learning_rates value against the exact schedule.

Run from the worktree root: /usr/bin/python3 scripts/certify/schedules.py  (a few seconds).

Inputs are the doubles of the spec (lr0 = 0.1 is the double nearest 0.1, gamma = 0.8 the double nearest 0.8, and
so on) and the integer step t; the exact value is the schedule's documented closed form (the Catalog's formula,
which is PyTorch's / Keras's closed form) evaluated on those inputs in 60-digit arithmetic. Discrete decisions
(floor, min, the phase of one_cycle, the cycle of cyclic and warm restarts, the plateau's comparisons) are taken
exactly; each is compared with the decision dlref's double arithmetic takes (emulated here with Python floats),
and the script stops if they ever differ, unless the entry is listed in BRANCH_NOTES.

reduce_on_plateau: the rate is a state, not a function of t. PyTorch (and dlref) multiply the running rate by
factor at each reduction, new = max(old * factor, min_lr), a recursion with one rounding per reduction. The exact
value is the closed form max(lr0 factor^r, min_lr) after r reductions (the decisions to reduce taken exactly).
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import certlib  # noqa: E402
from certlib import exact, mpf, mp, value  # noqa: E402
import mpmath  # noqa: E402

NAME = "schedules"
SCRIPT = "scripts/certify/schedules.py"
STEPS = range(0, 21)

FAMILIES = {}
ENTRIES = []


def opt(spec, key, default):
    return spec[key] if key in spec else default


def fam(name, description, ulps, scaled=None, scale=None, order=None):
    FAMILIES[name] = {"description": description, "ulps": ulps, "scaled": scaled, "scale": scale, "order": order}


def exact_rates(spec, lr0):
    """The exact lr(t), t = 0..20, for a step-count schedule; also per t a 'decision' tuple (exact) and a
    function of t that gives the same decision in dlref's double arithmetic, for the branch check."""
    typ = spec["type"]
    L = exact(lr0)
    out = []
    for t in STEPS:
        T = mpf(t)
        if typ == "constant":
            r, dec, ddec = L, None, None
        elif typ == "step":
            s = spec["step_size"]
            k = t // s  # integer division: exact in both
            r, dec, ddec = L * exact(opt(spec, "gamma", 0.1)) ** k, k, k
        elif typ == "multistep":
            k = sum(1 for m in spec["milestones"] if m <= t)
            r, dec, ddec = L * exact(opt(spec, "gamma", 0.1)) ** k, k, k
        elif typ == "exponential":
            ds = exact(opt(spec, "decay_steps", 1.0))
            r, dec, ddec = L * mpmath.power(exact(spec["gamma"]), T / ds), None, None
        elif typ == "inverse_time":
            ds = exact(opt(spec, "decay_steps", 1.0))
            r, dec, ddec = L / (1 + exact(spec["decay_rate"]) * T / ds), None, None
        elif typ == "inverse_time_staircase":
            ds = opt(spec, "decay_steps", 1.0)
            k = mpmath.floor(T / exact(ds))
            r, dec, ddec = L / (1 + exact(spec["decay_rate"]) * k), int(k), math.floor(t / ds)
        elif typ == "polynomial":
            Ti = opt(spec, "total_iters", 5)
            end = exact(opt(spec, "end_lr", 0.0))
            frac = 1 - mpf(min(t, Ti)) / Ti
            p = exact(opt(spec, "power", 1.0))
            r = (L - end) * (frac ** p if frac != 0 else (mpf(1) if p == 0 else mpf(0))) + end
            dec, ddec = min(t, Ti), min(t, Ti)
        elif typ == "cosine":
            Tm = spec["T_max"]
            eta = exact(opt(spec, "eta_min", 0.0))
            tt = min(t, Tm) if opt(spec, "after", "continue") == "hold" else t
            r, dec, ddec = eta + (L - eta) * (1 + mpmath.cos(mpmath.pi * tt / Tm)) / 2, tt, tt
        elif typ == "linear":
            Ti = opt(spec, "total_iters", 5)
            sf = exact(opt(spec, "start_factor", 1.0 / 3.0))
            ef = exact(opt(spec, "end_factor", 1.0))
            r = L * (sf + (ef - sf) * mpf(min(t, Ti)) / Ti)
            dec, ddec = min(t, Ti), min(t, Ti)
        elif typ == "power":
            r, dec, ddec = L / mpmath.power(T + 1, exact(spec["power"])), None, None
        elif typ == "one_cycle":
            r, dec, ddec = one_cycle(spec, L, t)
        elif typ == "cosine_warm_restarts":
            T0 = spec["T_0"]
            Tm = opt(spec, "T_mult", 1)
            eta = exact(opt(spec, "eta_min", 0.0))
            cur, length = t, T0
            if Tm == 1:
                cur = t % T0
            else:
                while cur >= length:
                    cur -= length
                    length *= Tm
            r, dec, ddec = eta + (L - eta) * (1 + mpmath.cos(mpmath.pi * mpf(cur) / length)) / 2, (cur, length), \
                (cur, length)
        elif typ == "cyclic":
            r, dec, ddec = cyclic(spec, L, t)
        else:
            raise SystemExit("unknown schedule " + typ)
        out.append((r, dec, ddec))
    return out


def one_cycle(spec, max_lr, t):
    """PyTorch OneCycleLR (learning rate only), exact: phase ends pct_start total - 1 (and 2 pct_start total - 2,
    total - 1 for three phases); pct = (t - phase start) / (phase end - phase start); cos annealing
    end + (start - end) (1 + cos(pi pct)) / 2, linear (end - start) pct + start."""
    total = spec["total_steps"]
    pct_start = opt(spec, "pct_start", 0.3)
    three = opt(spec, "three_phase", False)
    div = exact(opt(spec, "div_factor", 25.0))
    fdiv = exact(opt(spec, "final_div_factor", 1e4))
    initial = max_lr / div
    minimum = initial / fdiv
    P = exact(pct_start)

    def ends_of(p, tot, one, two):
        return [p * tot - one, 2 * p * tot - two, tot - one] if three else [p * tot - one, tot - one]

    ends = ends_of(P, mpf(total), mpf(1), mpf(2))
    dends = ends_of(pct_start, float(total), 1.0, 2.0)  # dlref's doubles, for the branch check
    starts = [initial, max_lr, initial] if three else [initial, max_lr]
    targets = [max_lr, initial, minimum] if three else [max_lr, minimum]
    anneal = opt(spec, "anneal_strategy", "cos")
    phase_start = mpf(0)
    dec = ddec = None
    for i, e in enumerate(ends):
        if t <= e or i == len(ends) - 1:
            dec = i
            pct = (t - phase_start) / (e - phase_start)
            a, b = starts[i], targets[i]
            if anneal == "cos":
                r = b + (a - b) / 2 * (mpmath.cos(mpmath.pi * pct) + 1)
            else:
                r = (b - a) * pct + a
            break
        phase_start = e
    for i, e in enumerate(dends):
        if t <= e or i == len(dends) - 1:
            ddec = i
            break
    return r, dec, ddec


def cyclic(spec, max_lr, t):
    """PyTorch CyclicLR (learning rate only), exact: total = up + down, cycle = floor(1 + t / total),
    x = 1 + t / total - cycle, scale = x / ratio if x <= ratio else (x - 1) / (ratio - 1) with
    ratio = up / total; lr = base + (max - base) scale factor, factor 1, 1 / 2^(cycle - 1) or gamma^t."""
    base = exact(spec["base_lr"])
    up = opt(spec, "step_size_up", 2000.0)
    down = opt(spec, "step_size_down", up)
    mode = opt(spec, "mode", "triangular")
    total = exact(up) + exact(down)
    ratio = exact(up) / total
    cycle = mpmath.floor(1 + t / total)
    x = 1 + t / total - cycle
    rising = x <= ratio
    scale = x / ratio if rising else (x - 1) / (ratio - 1)
    if mode == "triangular":
        f = mpf(1)
    elif mode == "triangular2":
        f = 1 / mpf(2) ** (cycle - 1)
    else:
        f = exact(spec["gamma"]) ** t
    r = base + (max_lr - base) * scale * f
    # dlref's doubles
    dt = up + down
    dr = up / dt
    dc = math.floor(1 + t / dt)
    dx = 1.0 + t / dt - dc
    return r, (int(cycle), rising), (dc, dx <= dr)


def plateau(spec, lr0, metrics):
    """ReduceLROnPlateau: the exact rates (closed form after r reductions) and the decisions, exact and in
    double; also the framework-order value (PyTorch's recursion old * factor, max with min_lr, in doubles)."""
    mode = opt(spec, "mode", "min")
    factor = opt(spec, "factor", 0.1)
    patience = opt(spec, "patience", 10)
    thr = opt(spec, "threshold", 1e-4)
    tmode = opt(spec, "threshold_mode", "rel")
    cooldown = opt(spec, "cooldown", 0)
    min_lr = opt(spec, "min_lr", 0.0)
    eps = opt(spec, "eps", 1e-8)

    def run(num, better):
        """One pass of the state machine in arithmetic `num` (exact mpf or float). Returns the rates and the
        list of decisions (improved?, reduced?)."""
        inf = num(float("inf")) if mode == "min" else num(float("-inf"))
        best, bad, cool = inf, 0, 0
        lr = num(lr0)
        rates, decisions, reductions = [lr], [], 0
        for m in metrics:
            a = num(m)
            imp = better(a, best)
            if imp:
                best, bad = a, 0
            else:
                bad += 1
            if cool > 0:
                cool -= 1
                bad = 0
            red = floor = False
            if bad > patience:
                product = lr * num(factor)
                floor = not (product > num(min_lr))  # max(product, min_lr) is min_lr (either, at a tie)
                new = num(min_lr) if floor else product
                if lr - new > num(eps):
                    lr = new
                    red = True
                    reductions += 1
                cool = cooldown
                bad = 0
            rates.append(lr)
            decisions.append((imp, red, floor and red))
        return rates, decisions

    def better_of(num):
        d = num(thr)
        one = num(1.0)
        if mode == "min":
            return (lambda a, b: a < b * (one - d)) if tmode == "rel" else (lambda a, b: a < b - d)
        return (lambda a, b: a > b * (d + one)) if tmode == "rel" else (lambda a, b: a > b + d)

    ex_rates, ex_dec = run(exact, better_of(exact))
    fl_rates, fl_dec = run(float, better_of(float))
    return ex_rates, ex_dec, fl_rates, fl_dec


# ---------------------------------------------------------------------------------------------------------------
# Running error bounds (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.3): dlref's
# operation sequence for each schedule, replayed on pairs (v, e): v is the exact value of the subexpression (real
# arithmetic on the double inputs and true pi), e a rigorous bound on |dlref's double - v|. Rules, with u = 2^-53:
#   correctly rounded + - * / sqrt: e = e0 + u (|v| + e0), e0 the propagated input error (exact interval bounds);
#   a libm call within 1 ULP (StrictMath.pow/cos, Math.cos): e = e0 + 2u (|v| + e0) (1 ULP <= 2u |result|);
#   exact operations (times or divided by 2, negation, integers, min, floor with the same decision): e = e0.
# The bound is derived from the formula and the inputs only, never from dlref's output.

U = certlib.U
# the certificate's exact values are 25-digit decimals (relative error < 5e-25 < 1e-8 u): the scale adds 1e-8 |exact|
# so that the bound still holds against the printed decimal when dlref's double is the exact value itself
DECIMAL_SLACK = mpf(10) ** -8
PI_D = math.pi  # Math.PI: the double nearest pi


class R:
    __slots__ = ("v", "e")

    def __init__(self, v, e=0):
        self.v = mpf(v)
        self.e = mpf(e)

    def _round(self, v, e0, libm=False):
        return R(v, e0 + (2 if libm else 1) * U * (abs(v) + e0))

    def __add__(self, o):
        o = o if isinstance(o, R) else R(o)
        return self._round(self.v + o.v, self.e + o.e)

    def __sub__(self, o):
        o = o if isinstance(o, R) else R(o)
        return self._round(self.v - o.v, self.e + o.e)

    def __mul__(self, o):
        o = o if isinstance(o, R) else R(o)
        return self._round(self.v * o.v, abs(self.v) * o.e + abs(o.v) * self.e + self.e * o.e)

    def __truediv__(self, o):
        o = o if isinstance(o, R) else R(o)
        if o.e >= abs(o.v):
            raise ValueError("division by an interval containing 0")
        v = self.v / o.v
        return self._round(v, (self.e * abs(o.v) + abs(self.v) * o.e) / (abs(o.v) * (abs(o.v) - o.e)))

    def exact_scaled(self, c):
        """times a power of two (or an exact small integer product that the double holds): no rounding."""
        return R(self.v * c, self.e * abs(c))


def rsub(a, b):  # a - b with a a number
    return R(a) - b


def monotone(f, x, libm=True, lo=None):
    """f applied to x (f monotone on [x.v - x.e, x.v + x.e])."""
    v = f(x.v)
    a = x.v - x.e
    if lo is not None and a < lo:
        a = mpf(lo)
    e0 = max(abs(f(a) - v), abs(f(x.v + x.e) - v))
    return R(v, e0 + (2 if libm else 1) * U * (abs(v) + e0))


def rpow(a, b):
    """StrictMath.pow(a, b), a >= 0 (monotone in each argument: the extremes are at the corners)."""
    def f(x, y):
        if x == 0:
            return mpf(1) if y == 0 else mpf(0)
        return mpmath.power(x, y)
    v = f(a.v, b.v)
    e0 = mpf(0)
    for x in (max(a.v - a.e, mpf(0)), a.v + a.e):
        for y in (b.v - b.e, b.v + b.e):
            e0 = max(e0, abs(f(x, y) - v))
    return R(v, e0 + 2 * U * (abs(v) + e0))


def rcos(x):
    """Math.cos / StrictMath.cos (within 1 ULP); |cos' | = |sin| <= |sin v| + e on the interval."""
    v = mpmath.cos(x.v)
    e0 = min(mpf(2), x.e * (abs(mpmath.sin(x.v)) + x.e))
    return R(v, e0 + 2 * U * (abs(v) + e0))


def rsqrt(x):
    return monotone(mpmath.sqrt, x, libm=False, lo=0)


PI = R(mpmath.pi, abs(mpf(PI_D) - mpmath.pi))


def dlref_rates(spec, lr0, branches):
    """The running error bound of dlref's formula for t = 0..20 (following dlref's branches); returns R's."""
    typ = spec["type"]
    L = R(lr0)
    out = []
    for t in STEPS:
        T = R(t)
        if typ == "constant":
            r = L
        elif typ in ("step", "multistep"):
            k = branches[t]
            r = L * rpow(R(opt(spec, "gamma", 0.1)), R(k))
        elif typ == "exponential":
            r = L * rpow(R(spec["gamma"]), T / R(opt(spec, "decay_steps", 1.0)))
        elif typ == "inverse_time":
            r = L / (R(1.0) + R(spec["decay_rate"]) * (T / R(opt(spec, "decay_steps", 1.0))))
        elif typ == "inverse_time_staircase":
            r = L / (R(1.0) + R(spec["decay_rate"]) * R(branches[t]))
        elif typ == "polynomial":
            Ti = opt(spec, "total_iters", 5)
            end = R(opt(spec, "end_lr", 0.0))
            frac = R(1.0) - R(min(t, Ti)) / R(Ti)
            r = (L - end) * rpow(frac, R(opt(spec, "power", 1.0))) + end
        elif typ == "cosine":
            eta = R(opt(spec, "eta_min", 0.0))
            tt = branches[t]
            w = R(1.0) + rcos(PI * R(tt) / R(spec["T_max"]))
            r = eta + ((L - eta) * w).exact_scaled(mpf(1) / 2)
        elif typ == "linear":
            Ti = opt(spec, "total_iters", 5)
            start = L * R(opt(spec, "start_factor", 1.0 / 3.0))
            end = L * R(opt(spec, "end_factor", 1.0))
            r = start + (end - start) * (R(min(t, Ti)) / R(Ti))
        elif typ == "power":
            p = spec["power"]
            r = L / (rsqrt(R(t + 1)) if p == 0.5 else rpow(R(t + 1), R(p)))
        elif typ == "one_cycle":
            r = dlref_one_cycle(spec, L, t, branches[t])
        elif typ == "cosine_warm_restarts":
            eta = R(opt(spec, "eta_min", 0.0))
            cur, length = branches[t]
            w = R(1.0) + rcos(PI * R(cur) / R(length))
            r = eta + ((L - eta) * w).exact_scaled(mpf(1) / 2)
        elif typ == "cyclic":
            r = dlref_cyclic(spec, L, t, branches[t])
        else:
            raise SystemExit("unknown schedule " + typ)
        out.append(r)
    return out


def dlref_one_cycle(spec, max_lr, t, phase):
    total = spec["total_steps"]
    P = R(opt(spec, "pct_start", 0.3))
    three = opt(spec, "three_phase", False)
    initial = max_lr / R(opt(spec, "div_factor", 25.0))
    minimum = initial / R(opt(spec, "final_div_factor", 1e4))
    first = P * R(total) - R(1.0)
    ends = [first, P.exact_scaled(2) * R(total) - R(2.0), R(total - 1)] if three else [first, R(total - 1)]
    starts = [initial, max_lr, initial] if three else [initial, max_lr]
    targets = [max_lr, initial, minimum] if three else [max_lr, minimum]
    ps = R(0) if phase == 0 else ends[phase - 1]
    pct = (R(t) - ps) / (ends[phase] - ps)
    a, b = starts[phase], targets[phase]
    if opt(spec, "anneal_strategy", "cos") == "cos":
        cos_out = rcos(PI * pct) + R(1.0)
        return b + (a - b).exact_scaled(mpf(1) / 2) * cos_out
    return (b - a) * pct + a


def dlref_cyclic(spec, max_lr, t, branch):
    cycle, rising = branch
    base = R(spec["base_lr"])
    up = R(opt(spec, "step_size_up", 2000.0))
    down = R(opt(spec, "step_size_down", opt(spec, "step_size_up", 2000.0)))
    total = up + down
    ratio = up / total
    x = (R(1.0) + R(t) / total) - R(cycle)
    scale = x / ratio if rising else (x - R(1.0)) / (ratio - R(1.0))
    height = (max_lr - base) * scale
    mode = opt(spec, "mode", "triangular")
    if mode == "triangular":
        return base + height * R(1.0)
    if mode == "triangular2":
        f = R(1.0) / rpow(R(2.0), R(cycle - 1))
    else:
        f = rpow(R(spec["gamma"]), R(t))
    return base + height * f


def dlref_plateau(spec, lr0, decisions):
    factor = R(opt(spec, "factor", 0.1))
    min_lr = R(opt(spec, "min_lr", 0.0))
    lr = R(lr0)
    out = [lr]
    for imp, red, floor in decisions:
        if red:
            lr = min_lr if floor else lr * factor
        out.append(lr)
    return out


# ---------------------------------------------------------------------------------------------------------------

CANCELLING = {"cosine", "cosine_warm_restarts", "cyclic", "one_cycle"}
BRANCH_NOTES = {}


def family_of(typ):
    if typ == "reduce_on_plateau":
        return "plateau-recursive-product"
    return "closed-form-cancelling" if typ in CANCELLING else "closed-form-one-sign"


def main():
    vec = certlib.load_vectors(NAME)
    entries = []
    kmax = {}
    for n, e in enumerate(vec["vectors"]):
        spec = e["schedule"]
        typ = spec["type"]
        lrs = e["learning_rates"]
        notes = []
        if typ == "reduce_on_plateau":
            ex, ex_dec, fl, fl_dec = plateau(spec, e["initial_lr"], e["metrics"])
            if ex_dec != fl_dec:
                raise SystemExit("entry %d: the exact decisions %s differ from dlref's %s" % (n, ex_dec, fl_dec))
            bounds = dlref_plateau(spec, e["initial_lr"], ex_dec)
        else:
            rows = exact_rates(spec, e["initial_lr"])
            ex = [r[0] for r in rows]
            branches = []
            for t, (r, dec, ddec) in zip(STEPS, rows):
                if dec != ddec:
                    if typ != "cyclic" or dec[0] != ddec[0]:
                        raise SystemExit("entry %d t=%d: exact decision %s, dlref's %s" % (n, t, dec, ddec))
                    notes.append(t)
                branches.append(ddec if typ == "cyclic" else dec)
            bounds = dlref_rates(spec, e["initial_lr"], branches)
        values = []
        for t, (d, x, b) in enumerate(zip(lrs, ex, bounds)):
            # second formulation: the replayed operation sequence, in exact arithmetic, equals the closed form
            if abs(b.v - x) > mpf(10) ** -45 * max(abs(x), mpf(1)):
                raise SystemExit("entry %d t=%d: closed form %s, replayed formula %s" % (n, t, x, b.v))
            scale = b.e / U * (1 + mpf(10) ** -30) + DECIMAL_SLACK * abs(x)
            fam_name = family_of(typ)
            if x != 0:
                kmax[fam_name] = max(kmax.get(fam_name, 0), scale / abs(x))
            values.append(value("/learning_rates/%d" % t, d, x, scale=scale, terms=1))
        entry = {"entry": "/vectors/%d" % n, "key": json_key(spec), "family": family_of(typ)}
        if notes:
            BRANCH_NOTES[n] = notes
        entries.append(dict(entry, values=values))
    return vec, entries, kmax


def json_key(spec):
    return ", ".join("%s=%s" % (k, spec[k]) for k in spec)


def spot_checks():
    """Independent closed forms for a few values (second formulation of the exact function)."""
    vec = certlib.load_vectors(NAME)["vectors"]
    L = exact(0.1)
    checks = [
        (8, 4, (L + exact(0.001)) / 2),                        # cosine at T_max / 2: the midpoint
        (8, 8, exact(0.001)),                                  # cosine at T_max: eta_min
        (4, 4, L / 2),                                         # gamma^(t / 4) at t = 4
        (4, 2, L * mpmath.sqrt(exact(0.5))),                   # gamma^(1/2)
        (3, 2, L * exact(0.8) * exact(0.8)),                   # 0.8^2
        (6, 4, L / 4),                                         # (1 - 4/8)^2
        (7, 8, exact(0.01)),                                   # polynomial at T: end_lr
        (10, 2, L * (exact(0.25) + exact(0.75) / 2)),          # linear halfway
        (11, 3, L / 2),                                        # 1 / sqrt(4)
        (12, 3, L / (1 + exact(0.5))),                         # staircase after one block
        (13, 0, L / 25),                                       # one_cycle starts at lr0 / div_factor
        (15, 3, L), (15, 9, L),                                # warm restarts at 3 and 3 + 6
        (16, 3, L), (16, 5, exact(0.01)),                      # cyclic: the peak and the trough
        (17, 6, exact(0.01) + (L - exact(0.01)) / 2),          # triangular2: second cycle's peak, half height
    ]
    for n, t, want in checks:
        got = exact_rates(vec[n]["schedule"], 0.1)[t][0]
        if abs(got - want) > mpf(10) ** -50:
            raise SystemExit("spot check failed: entry %d t=%d: %s, independent %s" % (n, t, got, want))
    # reduce_on_plateau entry 20 (factor 0.5, patience 0): after the reductions the rate is lr0 / 2^r
    ex, _, _, _ = plateau(vec[20]["schedule"], 0.1, vec[20]["metrics"])
    for r in ex:
        k = mpmath.log(L / r, 2)
        if abs(k - mpmath.nint(k)) > mpf(10) ** -40:
            raise SystemExit("spot check failed: plateau rate %s is not lr0 / 2^r" % r)


if __name__ == "__main__":
    spot_checks()
    vectors, entries, kmax = main()
    one = int(mpmath.ceil(kmax["closed-form-one-sign"]))
    rec = int(mpmath.ceil(kmax["plateau-recursive-product"]))
    running = ("The scaled bound is a running error bound (Higham, section 3.3) of dlref's own operation sequence, "
               "derived per value from the inputs (never from dlref's output): each correctly rounded operation adds "
               "u |result| to the propagated error, each libm call (StrictMath.pow, StrictMath.cos, Math.cos: within "
               "1 ULP) adds 2u |result|, Math.PI's distance from pi is an input error, propagated errors use exact "
               "interval bounds; 'scale' is that bound divided by u (plus 1e-8 |exact| for the 25-digit decimal), "
               "terms = 1, K = 1.")
    families = {
        "closed-form-one-sign": {
            "description": "constant, step, multistep, exponential, inverse_time, inverse_time_staircase, polynomial, "
                           "linear, power: dlref evaluates the documented closed form with at most about six "
                           "operations and libm calls on quantities of one sign (no cancellation). " + running
                           + " Over these values the running bound is at most %d u |exact|, so dlref is within "
                             "2 * %d + 1 = %d ULPs (a factor 2 for a binade boundary, 1 for rounding the exact value)."
                           % (one, one, 2 * one + 1),
            "ulps": 2 * one + 1, "scaled": 1,
            "scale": "the running error bound of dlref's operation sequence for this value, divided by u (see the "
                     "description); terms: 1",
            "order": None},
        "closed-form-cancelling": {
            "description": "cosine (CosineAnnealingLR), cosine_warm_restarts, one_cycle (OneCycleLR) and cyclic "
                           "(CyclicLR): the closed forms subtract nearly equal quantities (1 + cos near cos = -1; "
                           "cyclic's x = 1 + t / total - cycle; one_cycle's phase position t - phase start and the "
                           "linear anneal (end - start) pct + start, PyTorch's own formula, at the cycle's last step "
                           "where it cancels to lr0 / div / final_div), so the error in ULPs of the result has no "
                           "fixed bound. " + running + " No ULP bound is claimed (U = 0: only correctly rounded "
                           "values pass without the scaled bound). cyclic with step_size_up 3, step_size_down 2 "
                           "(entry 16) at t = 3, 8, 13, 18: the exact x equals ratio = 3/5 (the switch from rising "
                           "to falling), dlref's rounded x is above it and takes the falling branch; both branches "
                           "give scale 1 there, so the exact value is the same; certified along dlref's branch.",
            "ulps": 0, "scaled": 1,
            "scale": "the running error bound of dlref's operation sequence for this value, divided by u (see the "
                     "description); terms: 1",
            "order": None},
        "plateau-recursive-product": {
            "description": "reduce_on_plateau (ReduceLROnPlateau): PyTorch and dlref multiply the running rate at "
                           "each reduction, new = max(old * factor, min_lr), one rounding per reduction; the exact "
                           "value is the closed form max(lr0 factor^r, min_lr) after r reductions, with every "
                           "decision (improvement against best (1 - threshold) or best - threshold, the max with "
                           "min_lr, old - new > eps) taken exactly; the script checks that the exact decisions are "
                           "dlref's. r roundings give relative error <= (1 + u)^r - 1 (the running bound below). "
                           + running + " Over these values the running bound is at most %d u |exact|, so dlref is "
                           "within %d ULPs." % (rec, 2 * rec + 1),
            "ulps": 2 * rec + 1, "scaled": 1,
            "scale": "the running error bound of the recursion for this value, divided by u: ((1 + u)^r - 1) / u "
                     "|exact| after r reductions (0 once the rate is min_lr); terms: 1",
            "order": None},
    }
    certlib.write_certificate(NAME, SCRIPT, ["learning_rates"], families, entries, vectors)
