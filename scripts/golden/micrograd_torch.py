#!/usr/bin/python3
"""Reference values for micrograd's published test expressions, computed by PyTorch in float64.

Run from the repository root with Debian's python3-torch:

    /usr/bin/python3 scripts/golden/micrograd_torch.py > verify/src/main/resources/golden/micrograd-torch.json

The expressions are those of karpathy/micrograd (test/test_engine.py: test_sanity_check and
test_more_ops; the README's example is test_more_ops). Each compound assignment `c += expr` of micrograd
is written with micrograd's grouping `c = c + (expr)`, and `10.0 / f` as micrograd composes it,
`10.0 * f**-1`. Numbers are written with Python's repr, the shortest decimal that round-trips to the same
double, so Java's Double.parseDouble reads back the identical value. CI never runs this script; it only
reads the committed JSON.
"""
import json
import platform

import torch


def leaf(v):
    return torch.tensor(v, dtype=torch.float64, requires_grad=True)


def sanity_check():
    x = leaf(-4.0)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    return {"y": y.item(), "dy/dx": x.grad.item()}


def more_ops():
    a = leaf(-4.0)
    b = leaf(2.0)
    c = a + b
    d = a * b + b**3
    c = c + (c + 1)
    c = c + (1 + c + (-a))
    d = d + (d * 2 + (b + a).relu())
    d = d + (3 * d + (b - a).relu())
    e = c - d
    f = e**2
    g = f / 2.0
    g = g + 10.0 * f**-1
    g.backward()
    return {"g": g.item(), "dg/da": a.grad.item(), "dg/db": b.grad.item()}


def main():
    doc = {
        "producer": "scripts/golden/micrograd_torch.py",
        "implementation": "PyTorch " + torch.__version__ + " (float64, CPU), Python " + platform.python_version(),
        "expressions": "karpathy/micrograd test/test_engine.py test_sanity_check and test_more_ops (README example)",
        "compare": "micrograd's own tests allow 1e-6; dlref compares with the tolerance stated in each example",
        "test_sanity_check": sanity_check(),
        "test_more_ops": more_ops(),
    }
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
