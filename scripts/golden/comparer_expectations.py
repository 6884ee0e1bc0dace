#!/usr/bin/python3
"""Expected results of dlref's `check` comparison (Comparer) on pairs of trajectories that dlref did not compute,
for ComparerOtherImplementationsTest.

Run from the repository root (only the Python standard library is needed):

    /usr/bin/python3 scripts/golden/comparer_expectations.py > verify/src/test/resources/compare/expectations.json

Both trajectories of every pair were written by other implementations (PyTorch 1.13 and NumPy, by
scripts/golden/diagnose_trajectories.py; committed in verify/src/test/resources/diagnose/). One plays dlref's part
("ours", the reference of the tolerance), the other is compared with it ("theirs"). This script applies the rule
and the measures as docs/oracle-format.md and the Javadoc of Tolerance, Divergence and CheckReport state them,
written here from that text, not from dlref's code:

- order of comparison: per step, the batch's sample indices, lr, loss, every gradient, every parameter, the
  buffers; each matrix in row-major order, names in their order in theirs;
- a value is accepted when |theirs - ours| <= atol + rtol |ours| (non-finite values only when identical);
- absolute error |theirs - ours|; relative error |theirs - ours| / max(|ours|, |theirs|); error ratio
  |theirs - ours| / (atol + rtol |ours|); ulp distance: the number of doubles between the two (counted on the
  ordered integer line of IEEE 754 bit patterns), taken only over values with rtol |ours| >= atol;
- the first difference, the largest absolute, relative and ratio errors and the largest ulp distance are the
  first value (in comparison order) where the maximum is reached (a later equal value does not replace it);
- normwise relative error ||theirs - ours||_2 / ||ours||_2 per quantity and name per step, and per label its
  largest value over the steps with the first step where it is reached. Computed here with math.fsum on exact
  squares, so it may differ from dlref's scaled sums in the last bits: the test compares it to 1e-13 relative.

Numbers are printed with repr (shortest round-trip decimal).
"""
import json
import math
import os
import struct
import sys

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "verify", "src", "test", "resources",
                   "diagnose")

# (ours, theirs, atol, rtol)
PAIRS = [
    ("torch_adam", "numpy_keras_adam", 1e-12, 1e-9),
    ("torch_adam", "numpy_keras_adam", 1e-6, 1e-4),
    ("torch_sgd_momentum_steplr", "numpy_keras_sgd_momentum_steplr", 1e-12, 1e-9),
    ("torch_batchnorm", "numpy_keras_batchnorm", 1e-12, 1e-9),
    ("torch_adagrad", "torch_adagrad_initial_accumulator", 0.0, 0.0),
]


def load(name):
    with open(os.path.join(DIR, name + ".trajectory.json"), encoding="utf-8") as f:
        return json.load(f)


def ordered(x):
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    return bits if bits >= 0 else -(1 << 63) - bits


def ulps(o, t):
    if o == t:
        return 0
    d = abs(ordered(o) - ordered(t))
    return d if d < (1 << 63) - 1 else (1 << 63) - 1


def identical(a, b):
    return a == b or (math.isnan(a) and math.isnan(b))


def location(step, quantity, name, row, col):
    where = "initial" if step == 0 else "step %d" % step
    if name == "":
        return "%s, %s" % (where, quantity)
    return "%s, %s %s[%d][%d]" % (where, quantity, name, row, col)


def compare(ours, theirs, atol, rtol):
    out = {"compared": 0, "failures": 0}
    first_diff = first_fail = max_abs = max_rel = worst = max_ulp = None
    normwise = {}
    normwise_order = []

    def value(step, quantity, name, row, col, o, t):
        nonlocal first_diff, first_fail, max_abs, max_rel, worst, max_ulp
        out["compared"] += 1
        loc = location(step, quantity, name, row, col)
        if not identical(o, t):
            a = abs(t - o)
            rel = a / max(abs(o), abs(t))
            allowed = atol + rtol * abs(o)
            ratio = math.inf if allowed == 0.0 else a / allowed
            if first_diff is None:
                first_diff = (loc, o, t)
            if max_abs is None or a > max_abs[1]:
                max_abs = (loc, a)
            if max_rel is None or rel > max_rel[1]:
                max_rel = (loc, rel)
            if worst is None or ratio > worst[1]:
                worst = (loc, ratio)
            if rtol * abs(o) >= atol:
                u = ulps(o, t)
                if max_ulp is None or u > max_ulp[1]:
                    max_ulp = (loc, u)
        if not abs(t - o) <= atol + rtol * abs(o):
            out["failures"] += 1
            if first_fail is None:
                first_fail = loc

    def norm(quantity, name, step, o, t):
        diff = math.sqrt(math.fsum((b - a) ** 2 for a, b in zip(o, t)))
        ref = math.sqrt(math.fsum(a * a for a in o))
        e = 0.0 if diff == 0.0 else (math.inf if ref == 0.0 else diff / ref)
        label = quantity if name == "" else quantity + " " + name
        if label not in normwise:
            normwise_order.append(label)
            normwise[label] = (e, step)
        elif e > normwise[label][0]:
            normwise[label] = (e, step)

    def matrices(step, quantity, o_map, t_map):
        for name, t_rows in t_map.items():
            o_rows = o_map[name]
            o_flat, t_flat = [], []
            for r, (o_row, t_row) in enumerate(zip(o_rows, t_rows)):
                for c, (o, t) in enumerate(zip(o_row, t_row)):
                    value(step, quantity, name, r, c, o, t)
                    o_flat.append(o)
                    t_flat.append(t)
            norm(quantity, name, step, o_flat, t_flat)

    for o, t in zip(ours["steps"], theirs["steps"]):
        step = o["step"]
        for k, (a, b) in enumerate(zip(o["samples"], t["samples"])):
            value(step, "samples", "batch", 0, k, float(a), float(b))
        value(step, "lr", "", 0, 0, o["lr"], t["lr"])
        norm("lr", "", step, [o["lr"]], [t["lr"]])
        value(step, "loss", "", 0, 0, o["loss"], t["loss"])
        norm("loss", "", step, [o["loss"]], [t["loss"]])
        matrices(step, "gradients", o["gradients"], t["gradients"])
        matrices(step, "parameters", o["parameters"], t["parameters"])
        if "buffers" in t:
            matrices(step, "buffers", o["buffers"], t["buffers"])

    out["first_difference"] = None if first_diff is None else {"location": first_diff[0], "ours": first_diff[1],
                                                                "theirs": first_diff[2],
                                                                "ulps": ulps(first_diff[1], first_diff[2])}
    out["first_failure"] = first_fail
    out["max_absolute"] = None if max_abs is None else {"location": max_abs[0], "error": max_abs[1]}
    out["max_relative"] = None if max_rel is None else {"location": max_rel[0], "error": max_rel[1]}
    out["worst"] = None if worst is None else {"location": worst[0], "ratio": worst[1]}
    out["max_ulp"] = None if max_ulp is None else {"location": max_ulp[0], "distance": max_ulp[1]}
    out["normwise"] = [{"label": k, "error": normwise[k][0], "step": normwise[k][1]} for k in normwise_order]
    return out


def main():
    results = []
    for o, t, atol, rtol in PAIRS:
        r = {"ours": o, "theirs": t, "absolute": atol, "relative": rtol}
        r.update(compare(load(o), load(t), atol, rtol))
        results.append(r)
    json.dump({"producer": "scripts/golden/comparer_expectations.py (Python %s)" % sys.version.split()[0],
               "pairs": results}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
