#!/usr/bin/python3
"""Checks the committed golden vectors vectors/second_order.json against PyTorch float64.

Run from the repository root with Debian's python3-torch:

    /usr/bin/python3 scripts/golden/second_order_vectors_torch.py > scripts/golden/second_order_vectors_torch.txt

For every op entry it rebuilds f(x) = sum(op(x) * u) in PyTorch from the entry's inputs, attributes and
upstream gradient u, and recomputes the output, the gradient and the Hessian-vector product
(torch.autograd.functional.hvp) for the entry's directions; for every function entry (the MLP losses) it
recomputes the loss, the gradient, the Hessian-vector product and the full Hessian
(torch.autograd.functional.hessian over the parameters flattened row-major in the order W1, b1, W2, b2). It
prints, per entry, the largest error relative to max(1, |PyTorch|) and fails (exit status 1) if any exceeds the
file's stated relative tolerance (1e-12). The committed output is the record of that comparison; CI never runs
this script.
"""
import json
import sys

import torch
import torch.nn.functional as F
from torch.autograd.functional import hessian, hvp

torch.set_default_dtype(torch.float64)


def t(m):
    return torch.tensor(m, dtype=torch.float64)


def op_function(name, attrs):
    unary = {
        "neg": lambda a: -a,
        "exp": torch.exp,
        "log": torch.log,
        "sqrt": torch.sqrt,
        "abs": torch.abs,
        "relu": torch.relu,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "transpose": lambda a: a.T,
        "sum": lambda a: a.sum(),
        "sum_rows": lambda a: a.sum(dim=1, keepdim=True),
        "sum_cols": lambda a: a.sum(dim=0, keepdim=True),
        "mean": lambda a: a.mean(),
        "frobenius_norm_squared": lambda a: a.pow(2).sum(),
        "softmax": lambda a: torch.softmax(a, dim=1),
        "log_softmax": lambda a: torch.log_softmax(a, dim=1),
        "max_per_row": lambda a: a.max(dim=1, keepdim=True).values,
    }
    binary = {
        "plus": lambda a, b: a + b,
        "minus": lambda a, b: a - b,
        "times": lambda a, b: a * b,
        "div": lambda a, b: a / b,
        "maximum": torch.maximum,
        "matmul": lambda a, b: a @ b,
        "transpose_times": lambda a, b: a.T @ b,
        "times_transpose": lambda a, b: a @ b.T,
        "plus_row": lambda a, b: a + b,
    }
    if name in unary:
        return unary[name]
    if name in binary:
        return binary[name]
    if name == "pow":
        return lambda a: a.pow(attrs["exponent"])
    if name == "leaky_relu":
        return lambda a: F.leaky_relu(a, attrs["negative_slope"])
    if name == "clamp":
        return lambda a: a.clamp(attrs["min"], attrs["max"])
    if name == "plus_scalar":
        return lambda a: a + attrs["constant"]
    if name == "times_scalar":
        return lambda a: a * attrs["factor"]
    if name == "dropout_mask":
        return lambda a: a * t(attrs["mask"])
    reduction = attrs.get("reduction")
    if name == "softmax_cross_entropy":
        target = torch.tensor(attrs["classes"]) if "classes" in attrs else t(attrs["targets"])
        return lambda z: F.cross_entropy(z, target, reduction=reduction).reshape(-1, 1) \
            if reduction == "none" else F.cross_entropy(z, target, reduction=reduction)
    if name == "binary_cross_entropy_with_logits":
        return lambda z: F.binary_cross_entropy_with_logits(z, t(attrs["targets"]), reduction=reduction)
    raise ValueError("unknown op " + name)


def error(expected, actual):
    expected, actual = expected.reshape(-1), t(actual).reshape(-1)
    return float(((expected - actual).abs() / expected.abs().clamp(min=1.0)).max())


def main():
    with open("vectors/second_order.json", encoding="utf-8") as f:
        data = json.load(f)
    tolerance = data["tolerance"]["relative"]
    print(f"# vectors/second_order.json ({data['producer']}) against torch {torch.__version__} (float64)")
    print(f"# largest |dlref - torch| / max(1, |torch|) per entry; tolerance {tolerance}")
    worst = 0.0
    for k, v in enumerate(data["vectors"]):
        fn = op_function(v["op"], v["attributes"])
        names = list(v["inputs"])
        xs = [t(v["inputs"][n]) for n in names]
        u = t(v["upstream"])
        out = fn(*xs).reshape(u.shape)

        def f(*args):
            return (fn(*args).reshape(u.shape) * u).sum()

        leaves = [x.clone().requires_grad_(True) for x in xs]
        grads = torch.autograd.grad(f(*leaves), leaves)
        _, products = hvp(f, tuple(xs), tuple(t(v["directions"][n]) for n in names))
        e = max([error(out, v["output"])] + [error(g, v["gradients"][n]) for g, n in zip(grads, names)]
                + [error(p, v["hessian_vector_products"][n]) for p, n in zip(products, names)])
        worst = max(worst, e)
        print(f"vectors[{k}] {v['op']} {json.dumps(v['attributes'].get('reduction', ''))} {e:.3e}")
    for k, v in enumerate(data["functions"]):
        x = t(v["data"]["x"])
        names = ["W1", "b1", "W2", "b2"]
        params = [t(v["parameters"][n]) for n in names]
        if "classes" in v["data"]:
            classes = torch.tensor(v["data"]["classes"])

            def loss(w1, b1, w2, b2):
                return F.cross_entropy(torch.tanh(x @ w1.T + b1) @ w2.T + b2, classes)
        else:
            targets = t(v["data"]["targets"])

            def loss(w1, b1, w2, b2):
                return F.mse_loss(torch.tanh(x @ w1.T + b1) @ w2.T + b2, targets)
        leaves = [p.clone().requires_grad_(True) for p in params]
        value = loss(*leaves)
        grads = torch.autograd.grad(value, leaves)
        _, products = hvp(loss, tuple(params), tuple(t(v["directions"][n]) for n in names))
        sizes = [p.numel() for p in params]

        def flat_loss(flat):
            parts, start = [], 0
            for p, n in zip(params, sizes):
                parts.append(flat[start:start + n].reshape(p.shape))
                start += n
            return loss(*parts)

        h = hessian(flat_loss, torch.cat([p.reshape(-1) for p in params]))
        e = max([error(value.detach(), v["loss"]), error(h, v["hessian"])]
                + [error(g, v["gradients"][n]) for g, n in zip(grads, names)]
                + [error(p, v["hessian_vector_products"][n]) for p, n in zip(products, names)])
        worst = max(worst, e)
        print(f"functions[{k}] {v['name']} {e:.3e}")
    print(f"largest {worst:.3e}: {'PASS' if worst <= tolerance else 'FAIL'}")
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
