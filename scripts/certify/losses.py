#!/usr/bin/env python3
"""Certificate of vectors/losses.json (issue 22): every loss value and gradient recomputed in 60-digit mpmath.

Run from the worktree root:  /usr/bin/python3 scripts/certify/losses.py
Writes verify/src/main/resources/io/github/dlref/verify/certificates/losses.json (format in certlib.py).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mpmath  # noqa: E402
from mpmath import mpf  # noqa: E402

import certlib  # noqa: E402
from certlib import exact, value  # noqa: E402

ZERO = mpf(0)
ONE = mpf(1)


def mat(m):
    return [[exact(x) for x in row] for row in m]


def sign(x):
    return ONE if x > 0 else (-ONE if x < 0 else ZERO)


def zeros(n, d):
    return [[ZERO] * d for _ in range(n)]


def classes_of(t):
    """The class of each one-hot row (the first maximum, as VectorWriter.classesOf and Losses.classesOf)."""
    out = []
    for row in t:
        best = 0
        for k, y in enumerate(row):
            if y > row[best]:
                best = k
        out.append(best)
    return out


def log_softmax(z):
    m = max(z)
    lse = m + mpmath.log(mpmath.fsum(mpmath.exp(x - m) for x in z))
    return [x - lse for x in z]


def exact_loss(e):
    """(exact loss value, exact gradient matrix) of one entry, from its inputs as doubles."""
    spec = e["loss"]
    kind = spec["type"]
    red = spec["reduction"]
    P = mat(e["prediction"])
    T = mat(e["target"])
    n, d = len(P), len(P[0])
    E = [[P[i][j] - T[i][j] for j in range(d)] for i in range(n)]
    G = zeros(n, d)
    if kind in ("mse", "l1", "huber", "smooth_l1", "bce", "bce_with_logits", "kl_div"):
        terms = zeros(n, d)
        for i in range(n):
            for j in range(d):
                x, y, err = P[i][j], T[i][j], E[i][j]
                if kind == "mse":
                    terms[i][j], G[i][j] = err ** 2, 2 * err
                elif kind == "l1":
                    terms[i][j], G[i][j] = abs(err), sign(err)
                elif kind == "huber":
                    delta = exact(spec.get("delta", 1.0))
                    a = abs(err)
                    terms[i][j] = err ** 2 / 2 if a < delta else delta * (a - delta / 2)
                    G[i][j] = min(max(err, -delta), delta)
                elif kind == "smooth_l1":
                    beta = exact(spec.get("beta", 1.0))
                    a = abs(err)
                    terms[i][j] = err ** 2 / (2 * beta) if a < beta else a - beta / 2
                    if beta == 0:
                        G[i][j] = ONE if err > 0 else -ONE  # PyTorch 1.13 / dlref: -1 at err = 0 (d <= -beta)
                    else:
                        G[i][j] = err / beta if a < beta else sign(err)
                elif kind == "bce":
                    terms[i][j] = -(y * mpmath.log(x) + (1 - y) * mpmath.log(1 - x))
                    G[i][j] = (x - y) / (x * (1 - x))
                elif kind == "bce_with_logits":
                    sig = 1 / (1 + mpmath.exp(-x))
                    terms[i][j] = max(x, ZERO) - x * y + mpmath.log(1 + mpmath.exp(-abs(x)))
                    G[i][j] = sig - y
                elif kind == "kl_div":
                    if spec.get("log_target", False):
                        terms[i][j] = mpmath.exp(y) * (y - x)
                        G[i][j] = -mpmath.exp(y)
                    else:
                        terms[i][j] = (y * mpmath.log(y) if y != 0 else ZERO) - y * x
                        G[i][j] = -y
        total = mpmath.fsum(t for row in terms for t in row)
        div = {"mean": n * d, "sum": 1, "batchmean": n}[red]
    elif kind in ("sum_of_squares", "pnorm", "multi_margin", "multiclass_hinge", "probability_cross_entropy"):
        per = []
        for i in range(n):
            row = E[i]
            if kind == "sum_of_squares":
                per.append(mpmath.fsum(x ** 2 for x in row) / 2)
                G[i] = list(row)
            elif kind == "pnorm":
                p = spec["p"]
                if p == "Infinity":
                    norm = max(abs(x) for x in row)
                    ties = sum(1 for x in row if abs(x) == norm)
                    G[i] = [sign(x) / ties if abs(x) == norm else ZERO for x in row]
                elif p == 1.0:
                    norm = mpmath.fsum(abs(x) for x in row)
                    G[i] = [sign(x) for x in row]
                else:
                    pp = exact(p)
                    norm = mpmath.fsum(abs(x) ** pp for x in row) ** (1 / pp)
                    G[i] = [sign(x) * (abs(x) / norm) ** (pp - 1) for x in row]
                per.append(norm)
            elif kind == "probability_cross_entropy":
                per.append(-mpmath.fsum(T[i][k] * mpmath.log(P[i][k]) for k in range(d) if T[i][k] != 0))
                G[i] = [-T[i][k] / P[i][k] if T[i][k] != 0 else ZERO for k in range(d)]
            else:
                c = classes_of(T)[i]
                margin = exact(spec.get("margin", 1.0))
                pw = spec.get("p", 1) if kind == "multi_margin" else 1
                scale = ONE / d if kind == "multi_margin" else ONE
                h = [margin - P[i][c] + P[i][j] if j != c else ZERO for j in range(d)]
                per.append(scale * mpmath.fsum(max(x, ZERO) ** pw for x in h))
                g = [scale * pw * x ** (pw - 1) if (j != c and x > 0) else ZERO for j, x in enumerate(h)]
                g[c] = -mpmath.fsum(g)
                G[i] = g
        total = mpmath.fsum(per)
        div = {"mean": n, "sum": 1}[red]
    elif kind in ("cross_entropy", "softmax_loss", "nll"):
        weights = [exact(w) for w in spec["weight"]] if "weight" in spec else [ONE] * d
        eps = exact(spec.get("label_smoothing", 0.0))
        ignore = spec.get("ignore_index", -100)
        indexed = kind == "nll" or "weight" in spec or "ignore_index" in spec
        if indexed:
            cls = classes_of(T)
            total = ZERO
            wsum = ZERO
            for i in range(n):
                if cls[i] == ignore:
                    continue
                y = cls[i]
                wsum += weights[y]
                if kind == "nll":
                    total += -weights[y] * P[i][y]
                    G[i][y] = -weights[y]
                    continue
                lp = log_softmax(P[i])
                sm = [mpmath.exp(x) for x in lp]
                nll = -weights[y] * lp[y]
                smooth = -mpmath.fsum(weights[k] * lp[k] for k in range(d))
                total += (1 - eps) * nll + eps / d * smooth
                W = mpmath.fsum(weights)
                G[i] = [(1 - eps) * weights[y] * (sm[k] - (1 if k == y else 0))
                        + eps / d * (sm[k] * W - weights[k]) for k in range(d)]
            div = {"mean": wsum, "sum": 1}[red]
        else:
            total = ZERO
            for i in range(n):
                t = [(1 - eps) * y + eps / d for y in T[i]]
                lp = log_softmax(P[i])
                sm = [mpmath.exp(x) for x in lp]
                mass = mpmath.fsum(t)
                total += -mpmath.fsum(t[k] * lp[k] for k in range(d) if t[k] != 0)
                G[i] = [sm[k] * mass - t[k] for k in range(d)]
            div = {"mean": n, "sum": 1}[red]
    else:
        raise ValueError("unknown loss " + kind)
    return total / div, [[g / div for g in row] for row in G]


def main():
    vec = certlib.load_vectors("losses")
    hist = {}
    for idx, e in enumerate(vec["vectors"]):
        v, G = exact_loss(e)
        vals = [value("/value", e["value"], v)]
        vals += certlib.matrix_values("/gradient", e["gradient"], G)
        u = [x["ulps"] for x in vals]
        print(idx, e["loss"], "value", u[0], "grad", u[1:])


if __name__ == "__main__":
    main()
