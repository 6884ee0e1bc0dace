#!/usr/bin/env python3
"""Independent spot check of the losses certificate (issue 22); run after scripts/certify/losses.py:

    /usr/bin/python3 scripts/certify/losses_check.py

Recomputes every loss of vectors/losses.json with a second formulation written separately from losses.py (softmax
without the max shift, BCE with logits through log sigma, the 3-norm through a cube root, KL as t (log t - x), ...)
at 80 digits, and every gradient as a central difference of that function (step 1e-25), and compares them with the
certificate's exact decimals, which carry 25 significant digits: a value must agree to 1e-24 relative, a gradient
to 1e-24 relative plus 1e-30 absolute (the difference's own error is about h^2 = 1e-50). Prints the largest
disagreements and exits 1 if one is too large. About two seconds.
"""

import json
import os
import sys

import mpmath
from mpmath import mp, mpf

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
mp.dps = 80


def num(x):
    return mpf({"Infinity": "inf"}.get(x, x)) if isinstance(x, str) else mpf(x)


def loss(spec, P, T):
    kind, red = spec["type"], spec["reduction"]
    n, d = len(P), len(P[0])
    cls = [max(range(d), key=lambda k: T[i][k]) for i in range(n)]
    if kind in ("mse", "l1", "huber", "smooth_l1", "bce", "bce_with_logits", "kl_div"):
        tot = mpf(0)
        for i in range(n):
            for j in range(d):
                x, t = P[i][j], T[i][j]
                r = x - t
                if kind == "mse":
                    tot += r * r
                elif kind == "l1":
                    tot += abs(r)
                elif kind == "huber":
                    dl = mpf(spec.get("delta", 1.0))
                    tot += r * r / 2 if abs(r) < dl else dl * abs(r) - dl * dl / 2
                elif kind == "smooth_l1":
                    b = mpf(spec.get("beta", 1.0))
                    tot += (r * r / 2) / b if abs(r) < b else abs(r) - b / 2
                elif kind == "bce":
                    tot -= t * mpmath.ln(x) + (1 - t) * mpmath.ln(1 - x)
                elif kind == "bce_with_logits":
                    sg = mpmath.exp(x) / (1 + mpmath.exp(x))
                    tot -= t * mpmath.ln(sg) + (1 - t) * mpmath.ln(1 - sg)
                else:
                    if spec.get("log_target"):
                        tot += mpmath.exp(t) * (t - x)
                    elif t != 0:
                        tot += t * (mpmath.ln(t) - x)
        return tot / {"mean": n * d, "sum": 1, "batchmean": n}[red]
    if kind == "sum_of_squares":
        return sum(sum((P[i][j] - T[i][j]) ** 2 for j in range(d)) / 2 for i in range(n)) / (n if red == "mean" else 1)
    if kind == "pnorm":
        p = spec["p"]
        norms = []
        for i in range(n):
            r = [abs(P[i][j] - T[i][j]) for j in range(d)]
            if p == "Infinity":
                norms.append(max(r))
            elif p == 1.0:
                norms.append(sum(r))
            elif p == 2.0:
                norms.append(mpmath.sqrt(sum(a * a for a in r)))
            else:
                norms.append(mpmath.cbrt(sum(a * a * a for a in r)))
        return sum(norms) / (n if red == "mean" else 1)
    if kind in ("multi_margin", "multiclass_hinge"):
        tot = mpf(0)
        pw = spec.get("p", 1)
        for i in range(n):
            y = cls[i]
            for j in range(d):
                if j != y:
                    h = P[i][j] - P[i][y] + mpf(spec.get("margin", 1.0))
                    if h > 0:
                        tot += h ** pw / (d if kind == "multi_margin" else 1)
        return tot / (n if red == "mean" else 1)
    if kind == "probability_cross_entropy":
        tot = -sum(T[i][k] * mpmath.ln(P[i][k]) for i in range(n) for k in range(d) if T[i][k] != 0)
        return tot / (n if red == "mean" else 1)
    w = [mpf(v) for v in spec.get("weight", [1.0] * d)]
    eps = mpf(spec.get("label_smoothing", 0.0))
    ign = spec.get("ignore_index", -100)
    if kind == "nll":
        keep = [i for i in range(n) if cls[i] != ign]
        tot = -sum(w[cls[i]] * P[i][cls[i]] for i in keep)
        return tot / (sum(w[cls[i]] for i in keep) if red == "mean" else 1)
    logp = []
    for i in range(n):
        ez = [mpmath.exp(z) for z in P[i]]
        s = sum(ez)
        logp.append([mpmath.ln(v / s) for v in ez])
    if "weight" in spec or "ignore_index" in spec:  # class indices, PyTorch's documented formula
        keep = [i for i in range(n) if cls[i] != ign]
        nll = -sum(w[cls[i]] * logp[i][cls[i]] for i in keep)
        smooth = -sum(w[k] * logp[i][k] for i in keep for k in range(d))
        if red == "mean":
            wt = sum(w[cls[i]] for i in keep)
            nll, smooth = nll / wt, smooth / wt
        return (1 - eps) * nll + eps / d * smooth
    tot = -sum(((1 - eps) * T[i][k] + eps / d) * logp[i][k] for i in range(n) for k in range(d))
    return tot / (n if red == "mean" else 1)


def main():
    vec = json.load(open(os.path.join(ROOT, "vectors", "losses.json")))["vectors"]
    cert = json.load(open(os.path.join(ROOT, "verify", "src", "main", "resources", "io", "github", "dlref", "verify",
                                       "certificates", "losses.json")))
    h = mpf(10) ** -25
    worst_v, worst_g, bad = mpf(0), mpf(0), 0
    for ce in cert["entries"]:
        idx = int(ce["entry"].split("/")[-1])
        e = vec[idx]
        P = [[mpf(x) for x in r] for r in e["prediction"]]
        T = [[mpf(x) for x in r] for r in e["target"]]
        exact = {v["path"]: mpf(v["exact"]) for v in ce["values"]}
        L = loss(e["loss"], P, T)
        rel = abs(L - exact["/value"]) / abs(L)
        worst_v = max(worst_v, rel)
        if rel > mpf(10) ** -24:  # the certificate prints 25+ digits
            print("entry %d value: %s vs %s" % (idx, mpmath.nstr(L, 30), exact["/value"]))
            bad += 1
        for i in range(len(P)):
            for j in range(len(P[0])):
                keep = P[i][j]
                P[i][j] = keep + h
                up = loss(e["loss"], P, T)
                P[i][j] = keep - h
                down = loss(e["loss"], P, T)
                P[i][j] = keep
                g = (up - down) / (2 * h)
                c = exact["/gradient/%d/%d" % (i, j)]
                err = abs(g - c) / (1 + abs(c))
                worst_g = max(worst_g, err)
                if abs(g - c) > mpf(10) ** -24 * abs(c) + mpf(10) ** -30:
                    print("entry %d gradient (%d, %d): %s vs %s" % (idx, i, j, mpmath.nstr(g, 30), c))
                    bad += 1
    print("largest value disagreement %s (relative), gradient %s; %d problems"
          % (mpmath.nstr(worst_v, 3), mpmath.nstr(worst_g, 3), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
